package io.cachesh.shell.daemon;

import io.cachesh.launcher.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The standard streams of one call: stdout and stderr become frames to its client, stdin is what the client
 * streams. {@link #install()} points {@code System.out/err/in} at the calling thread's call (inherited by the
 * threads it starts), so a script's {@code println} reaches its own client; threads of no call (or of a call that
 * ended) write to the daemon's log.
 */
final class CallStreams {

    private static final InheritableThreadLocal<CallStreams> CURRENT = new InheritableThreadLocal<>();
    private static final byte[] END = new byte[0];

    final OutputStream out;
    final OutputStream err;
    final InputStream in;
    private final LinkedBlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    CallStreams(SocketChannel ch) {
        this.out = new FrameStream(ch, Wire.STDOUT);
        this.err = new FrameStream(ch, Wire.STDERR);
        this.in = new QueueStream();
    }

    /** Routes {@code System.out/err/in} by thread; the originals (the daemon's log) serve threads of no call. */
    static void install() {
        PrintStream logOut = System.out;
        PrintStream logErr = System.err;
        InputStream none = InputStream.nullInputStream();
        System.setOut(new PrintStream(new Routed(logOut, false), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(logErr, true), true, StandardCharsets.UTF_8));
        System.setIn(new InputStream() {
            @Override
            public int read() throws IOException {
                CallStreams c = live();
                return c == null ? none.read() : c.in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                CallStreams c = live();
                return c == null ? -1 : c.in.read(b, off, len);
            }
        });
    }

    void bind() {
        CURRENT.set(this);
    }

    /** Ends the call: later writes from its threads go to the log, its stdin reads see the end. */
    void end() {
        ended = true;
        stdin.add(END);
        CURRENT.remove();
    }

    /** Input from the client; an empty chunk is the end of input. */
    void feed(byte[] chunk) {
        stdin.add(chunk.length == 0 ? END : chunk);
    }

    private static CallStreams live() {
        CallStreams c = CURRENT.get();
        return c == null || c.ended ? null : c;
    }

    private static final class Routed extends OutputStream {
        private final OutputStream log;
        private final boolean err;

        Routed(OutputStream log, boolean err) {
            this.log = log;
            this.err = err;
        }

        private OutputStream target() {
            CallStreams c = live();
            return c == null ? log : err ? c.err : c.out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                target().write(b, off, len);
            } catch (IOException clientGone) {
                log.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }
    }

    /** Writes each chunk as one frame. */
    private static final class FrameStream extends OutputStream {
        private final SocketChannel ch;
        private final byte type;

        FrameStream(SocketChannel ch, byte type) {
            this.ch = ch;
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) Wire.write(ch, type, b, off, len);
        }
    }

    private final class QueueStream extends InputStream {
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (pos >= chunk.length) {
                if (eof) return -1;
                try {
                    byte[] next = stdin.take();
                    if (next == END) {
                        eof = true;
                        return -1;
                    }
                    chunk = next;
                    pos = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("cancelled");
                }
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
