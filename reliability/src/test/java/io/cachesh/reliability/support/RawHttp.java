package io.cachesh.reliability.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, so a test can send what no well-behaved client would: duplicated or missing headers,
 * any request target (percent-escapes, NUL escapes, traversal), any method, a body that disagrees with its headers.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** One answer; {@code status} -1 when the server closed the connection without answering. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    /** A request; headers are sent exactly as given (add Host yourself, or use {@link #withHost}). */
    public record Request(String method, String target, List<String[]> headers, byte[] body) {

        public Request {
            headers = new ArrayList<>(headers);
            body = body == null ? new byte[0] : body;
        }

        public static Request of(String method, String target) {
            return new Request(method, target, List.of(), null);
        }

        public Request header(String name, String value) {
            List<String[]> h = new ArrayList<>(headers);
            h.add(new String[]{name, value});
            return new Request(method, target, h, body);
        }

        public Request body(byte[] b) {
            return new Request(method, target, headers, b);
        }

        public Request body(String s) {
            return body(s.getBytes(StandardCharsets.UTF_8));
        }

        public boolean has(String name) {
            return headers.stream().anyMatch(h -> h[0].equalsIgnoreCase(name));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(method + " " + target);
            for (String[] h : headers) sb.append("\n  ").append(h[0]).append(": ").append(h[1]);
            String b = new String(body, StandardCharsets.UTF_8);
            sb.append("\n  body(").append(body.length).append("): ").append(b.length() > 300 ? b.substring(0, 300) + "..." : b);
            return sb.toString();
        }
    }

    public static Response send(int port, Request request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
            if (!request.has("Host")) head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            for (String[] h : request.headers()) head.append(h[0]).append(": ").append(h[1]).append("\r\n");
            if (!request.has("Content-Length") && !request.has("Transfer-Encoding")) {
                head.append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            try {
                out.write(request.body());
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it read everything (a refused large body): read the answer
            }
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends {@code bytes} exactly as given (a request no client would write: no Host, a garbage request line, two
     * Content-Length headers) and reads the answer until the server closes the connection.
     */
    public static Response sendRaw(int port, String bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) all.write(buf, 0, n);
        } catch (java.net.SocketException e) {
            // reset after the answer: keep what arrived
        }
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return new Response(-1, Map.of(), text);
        String[] lines = text.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) continue;
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        String te = headers.getOrDefault("Transfer-Encoding", List.of("")).get(0);
        if (te.toLowerCase(Locale.ROOT).contains("chunked")) body = dechunk(body);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = i;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) lineEnd++;
            String sizeText = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) break;
            int start = lineEnd + 2;
            out.write(body, start, Math.min(size, body.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }
}
