package io.cachesh.shell.magic;

import io.cachesh.shell.config.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code %load file}: like IPython's, puts the file's text into the next input buffer, where it can be edited and
 * then run with Enter (in Jupyter it replaces the cell).
 */
public final class LoadMagic implements Magic {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String usage() {
        return "%load <file>          put a file into the next input, to edit and run";
    }

    @Override
    public Object run(String args, MagicContext context) {
        if (args.isEmpty()) throw new UsageException("usage: %load <file>");
        Path file = context.resolve(args);
        if (!Files.isRegularFile(file)) throw new UsageException("no such file: " + file);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        context.nextInput("// %load " + args + "\n" + text.strip());
        return null;
    }
}
