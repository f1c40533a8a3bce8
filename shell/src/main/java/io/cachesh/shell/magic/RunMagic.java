package io.cachesh.shell.magic;

import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.repl.ShellEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code %run file.groovy [key=value ...]}: runs a runbook in the session (its provider, region, dry-run mode), with
 * parameters as {@code cachesh run --param} passes them; its result becomes the cell's result.
 */
public final class RunMagic implements Magic {

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return "%run <file> [k=v ...] run a runbook in this session with parameters";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.isEmpty()) throw new UsageException("usage: %run <file.groovy> [key=value ...]");
        String[] words = args.split("\\s+");
        Path file = context.resolve(words[0]);
        if (!Files.isRegularFile(file)) throw new UsageException("no such script: " + file);
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) throw new UsageException("%run: parameter '" + words[i] + "' is not key=value");
            params.put(words[i].substring(0, eq), unquote(words[i].substring(eq + 1)));
        }
        ShellEngine engine = context.engine();
        return context.onWorker(() -> engine.run(file, params));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
