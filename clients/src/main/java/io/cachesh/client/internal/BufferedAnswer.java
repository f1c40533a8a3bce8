package io.cachesh.client.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import okio.Buffer;
import okio.BufferedSource;
import okhttp3.ResponseBody;

/**
 * An answer's body held in okio's pooled segments, so it can be parsed (twice, when the envelope is scanned first)
 * without being copied into one {@code byte[]} or decoded into a {@code String}: for a 36 KB list answer the copy was
 * a quarter of the bytes a call allocated. The text is only built for error messages.
 */
final class BufferedAnswer implements AutoCloseable {

    private final Buffer buffer;

    private BufferedAnswer(Buffer buffer) {
        this.buffer = buffer;
    }

    /** Reads the whole body (it is closed with the response). */
    static BufferedAnswer of(ResponseBody body) throws IOException {
        if (body == null) return new BufferedAnswer(new Buffer());
        BufferedSource source = body.source();
        source.request(Long.MAX_VALUE); // false at the end of the body: everything is then buffered
        return new BufferedAnswer(source.getBuffer());
    }

    static BufferedAnswer of(String text) {
        return new BufferedAnswer(new Buffer().writeUtf8(text == null ? "" : text));
    }

    /** A parser over the body from its start; the body stays readable. */
    JsonParser parser(ObjectMapper mapper) throws IOException {
        return mapper.createParser(new Reread(buffer));
    }

    boolean isBlank() {
        for (long i = 0, n = buffer.size(); i < n; i++) {
            byte b = buffer.getByte(i);
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
        }
        return true;
    }

    /** Gives the segments back to okio's pool (parsing only peeks, so they would otherwise be garbage). */
    @Override
    public void close() {
        buffer.clear();
    }

    /** The body as text (UTF-8), for error messages. */
    String text() {
        return buffer.snapshot().utf8();
    }

    /**
     * Reads the buffer from its start without consuming it, straight from its segments ({@code Buffer.peek()} would
     * mark them shared, and shared segments never go back to okio's pool: 8 KB of new segments per call).
     */
    private static final class Reread extends InputStream {
        private final Buffer.UnsafeCursor cursor;
        private final long size;
        private long position;

        Reread(Buffer buffer) {
            this.cursor = buffer.readUnsafe();
            this.size = buffer.size();
        }

        @Override
        public int read() {
            if (position >= size) return -1;
            cursor.seek(position++);
            return cursor.data[cursor.start] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) return 0;
            if (position >= size) return -1;
            cursor.seek(position);
            int n = Math.min(length, cursor.end - cursor.start);
            System.arraycopy(cursor.data, cursor.start, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            if (cursor.buffer != null) cursor.close();
        }
    }
}
