package io.cachesh.shell.render;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 on stdout and stderr whatever the locale: Java 17 otherwise encodes with the platform charset (ASCII under
 * {@code LANG=C}, GBK on a Chinese Windows), turning instance names such as 订单 into {@code ??} (tccli's encoding
 * crashes, anchors §2.1).
 */
public final class Utf8Console {

    private Utf8Console() {
    }

    /** Replaces {@link System#out} and {@link System#err} with UTF-8 streams on the same file descriptors. */
    public static void install() {
        System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 14),
                true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    /** A UTF-8 writer on {@code stream} that flushes on println. */
    public static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
