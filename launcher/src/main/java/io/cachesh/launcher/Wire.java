package io.cachesh.launcher;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client/daemon wire format: frames of {@code type (1 byte), length (4 bytes), payload}. Reads and writes go
 * straight to the channel with buffers (not {@code Channels.newInputStream}, whose reads hold the channel's
 * blocking lock and would stall a concurrent write), so one thread may read while another writes.
 */
public final class Wire {

    /** Bumped when the frames change; a daemon refuses a client of another version (it answers {@link #STALE}). */
    public static final int VERSION = 1;

    // client -> daemon
    public static final byte CALL = 'R';
    public static final byte STDIN = 'I';
    public static final byte CANCEL = 'C';
    public static final byte STATUS = 'S';
    public static final byte STOP = 'Q';
    // daemon -> client
    public static final byte ACCEPTED = 'A';
    public static final byte STDOUT = '1';
    public static final byte STDERR = '2';
    public static final byte EXIT = 'X';
    public static final byte STALE = 'V';

    private static final int MAX_FRAME = 64 << 20;

    private Wire() {
    }

    /** One frame. */
    public record Frame(byte type, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int asInt() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    /**
     * A call: the build it was made for (a daemon of another build refuses it), the client's directory, whether its
     * stdin/stdout are a terminal, argv and the forwarded environment.
     */
    public record Call(String build, String cwd, boolean terminal, List<String> argv, Map<String, String> env) {

        public byte[] encode() {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeInt(VERSION);
                string(out, build);
                string(out, cwd);
                out.writeBoolean(terminal);
                out.writeInt(argv.size());
                for (String a : argv) string(out, a);
                out.writeInt(env.size());
                for (Map.Entry<String, String> e : env.entrySet()) {
                    string(out, e.getKey());
                    string(out, e.getValue());
                }
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Decodes a call, or returns null when it was written by another wire version. */
        public static Call decode(byte[] payload) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
            if (in.readInt() != VERSION) return null;
            String build = string(in);
            String cwd = string(in);
            boolean terminal = in.readBoolean();
            int n = in.readInt();
            List<String> argv = new ArrayList<>(n);
            for (int i = 0; i < n; i++) argv.add(string(in));
            int m = in.readInt();
            Map<String, String> env = new LinkedHashMap<>();
            for (int i = 0; i < m; i++) env.put(string(in), string(in));
            return new Call(build, cwd, terminal, argv, env);
        }

        /** Never the environment: it holds credentials. */
        @Override
        public String toString() {
            return "Call[" + (argv.isEmpty() ? "" : argv.get(0)) + ", " + argv.size() + " args]";
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void write(WritableByteChannel ch, byte type, byte[] payload, int off, int len) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5).put(type).putInt(len).flip();
        ByteBuffer body = ByteBuffer.wrap(payload, off, len);
        synchronized (ch) {
            while (head.hasRemaining()) ch.write(head);
            while (body.hasRemaining()) ch.write(body);
        }
    }

    public static void write(WritableByteChannel ch, byte type, byte[] payload) throws IOException {
        write(ch, type, payload, 0, payload.length);
    }

    public static void write(WritableByteChannel ch, byte type, String text) throws IOException {
        write(ch, type, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeInt(WritableByteChannel ch, byte type, int value) throws IOException {
        write(ch, type, ByteBuffer.allocate(4).putInt(value).array());
    }

    /** The next frame, or null at the end of the stream. */
    public static Frame read(ReadableByteChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5);
        if (!fill(ch, head, true)) return null;
        head.flip();
        byte type = head.get();
        int len = head.getInt();
        if (len < 0 || len > MAX_FRAME) throw new IOException("bad frame length " + len);
        ByteBuffer body = ByteBuffer.allocate(len);
        if (!fill(ch, body, false)) throw new EOFException("connection closed inside a frame");
        return new Frame(type, body.array());
    }

    private static boolean fill(ReadableByteChannel ch, ByteBuffer buf, boolean eofAllowedAtStart) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf);
            if (n < 0) {
                if (eofAllowedAtStart && buf.position() == 0) return false;
                throw new EOFException("connection closed inside a frame");
            }
        }
        return true;
    }
}
