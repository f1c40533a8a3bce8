package io.cachesh.shell.magic;

import io.cachesh.shell.config.UsageException;
import io.cachesh.shell.repl.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %save file.groovy}: writes the session's successful cells as a runbook (secrets masked; magics, help and
 * failed cells left out), with a header comment. {@code cachesh run file.groovy} runs it again.
 */
public final class SaveMagic implements Magic {

    @Override
    public String name() {
        return "save";
    }

    @Override
    public String usage() {
        return "%save <file.groovy>   save the successful cells as a runbook (secrets masked)";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.isEmpty()) throw new UsageException("usage: %save <file.groovy>");
        Path file = context.resolve(args);
        List<String> cells = runbookCells(context.successfulCells());
        String text = runbook(cells, context.settings().provider(), context.settings().region());
        try {
            Path dir = file.getParent();
            if (dir != null) Files.createDirectories(dir);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        context.out().println("saved " + cells.size() + (cells.size() == 1 ? " cell" : " cells") + " to " + file);
        String base = file.getFileName().toString().replaceFirst("\\.groovy$", "");
        if (base.matches("[A-Za-z_$][\\w$]*") && java.util.regex.Pattern.compile("(?m)^\\s*(?:def\\s+)?"
                + java.util.regex.Pattern.quote(base) + "\\s*=[^=]").matcher(text).find()) {
            context.out().println("warning: the runbook assigns '" + base + "', its own script name: Groovy will refuse to run it;"
                    + " save it under another name");
        }
        return null;
    }

    /** The cells that belong in a runbook: not magics, not help, not {@code exit}; secrets masked. */
    static List<String> runbookCells(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String cell : cells) {
            String t = cell.strip();
            if (t.isEmpty() || t.startsWith("%") || t.startsWith("?") || t.matches("help(\\s+\\S+)?")) continue;
            out.add(SecretMasker.mask(t));
        }
        return out;
    }

    static String runbook(List<String> cells, String provider, String region) {
        StringBuilder sb = new StringBuilder();
        sb.append("// cachesh runbook saved by %save on ")
                .append(ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        sb.append("// session: provider ").append(provider).append(", region ").append(region).append('\n');
        sb.append("// run it: cachesh run <this file> [--param key=value ...]");
        if (cells.stream().anyMatch(c -> c.contains(SecretMasker.MASK))) {
            sb.append("\n// secrets were masked as '").append(SecretMasker.MASK).append("': put them back (or use params) before running");
        }
        sb.append("\n\n");
        for (String cell : cells) sb.append(cell).append("\n\n");
        return sb.toString().stripTrailing() + "\n";
    }
}
