package io.cachesh.shell.repl;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Keystrokes typed from another thread: {@link #type} queues text, {@link #close} ends the input (Ctrl-D). */
final class Keyboard extends InputStream {

    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) keys.add(b & 0xff);
    }

    @Override
    public void close() {
        keys.add(-1);
    }

    @Override
    public int read() {
        try {
            int b = keys.take();
            if (b < 0) keys.add(-1); // stay at end of input
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len == 0) return 0;
        int b = read();
        if (b < 0) return -1;
        buf[off] = (byte) b;
        int n = 1;
        while (n < len && !keys.isEmpty() && keys.peek() >= 0) buf[off + n++] = (byte) (int) keys.poll();
        return n;
    }

    @Override
    public int available() {
        Integer next = keys.peek();
        return next == null || next < 0 ? 0 : keys.size();
    }
}
