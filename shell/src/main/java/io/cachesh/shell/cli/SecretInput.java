package io.cachesh.shell.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Reads a secret without showing it: on a real terminal through JLine with echo off; on a terminal JLine cannot
 * control (a pipe, {@code TERM=dumb}) through {@link java.io.Console#readPassword} when there is a console, else as a
 * raw line that nothing echoes (JLine's masking thread for dumb terminals is avoided: it prints errors once the terminal
 * closes).
 */
final class SecretInput {

    private SecretInput() {
    }

    static String read(LineReader reader, String prompt) {
        Terminal terminal = reader.getTerminal();
        boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        if (!dumb) return reader.readLine(prompt, (char) 0);
        java.io.Console console = System.console();
        if (console != null && terminal.getClass().getName().contains("Posix")) {
            char[] secret = console.readPassword("%s", prompt);
            if (secret == null) throw new EndOfFileException();
            return new String(secret);
        }
        if (prompt.isEmpty()) return rawLine(terminal.reader()); // a secret piped in: nothing to show
        terminal.writer().print(prompt);
        terminal.writer().flush();
        String line = rawLine(terminal.reader());
        terminal.writer().println();
        terminal.writer().flush();
        return line;
    }

    private static String rawLine(NonBlockingReader in) {
        StringBuilder sb = new StringBuilder();
        try {
            while (true) {
                int c = in.read();
                if (c < 0) {
                    if (sb.length() == 0) throw new EndOfFileException();
                    return sb.toString();
                }
                if (c == '\n') return sb.toString();
                if (c != '\r') sb.append((char) c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret: " + e.getMessage(), e);
        }
    }
}
