package io.cachesh.shell.magic;

import io.cachesh.shell.config.UsageException;
import java.util.Locale;

/** {@code %time <cell>}: evaluates the cell and prints how long it took. */
public final class TimeMagic implements Magic {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public String usage() {
        return "%time <cell>          evaluate a cell and print its wall time";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.isEmpty()) throw new UsageException("usage: %time <cell>");
        long start = System.nanoTime();
        try {
            return context.evaluate(args);
        } finally {
            context.out().println("Wall time: " + format(System.nanoTime() - start));
            context.out().flush();
        }
    }

    static String format(long nanos) {
        if (nanos < 1_000_000_000L) return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
