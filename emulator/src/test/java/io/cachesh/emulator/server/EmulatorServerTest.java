package io.cachesh.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.emulator.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP/1.1 front of a real emulator over plain sockets: what no client library shows (order, 100-continue, chunks). */
@Timeout(60)
class EmulatorServerTest {

    static Emulator emulator;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(50)).build().start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    /** One answer off a kept-alive connection: status line, headers, a Content-Length body. */
    record Answer(String statusLine, String headers, String body) {
    }

    static Answer readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed after: " + head.toString(StandardCharsets.ISO_8859_1));
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(text.substring(0, text.indexOf("\r\n")), text, body);
    }

    static Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOnOneKeptAliveConnection() throws Exception {
        try (Socket s = connect()) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                requests.append("GET ").append(i % 2 == 0 ? "/_emulator/health" : "/nothing-" + i)
                        .append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            }
            s.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 5; i++) {
                Answer a = readAnswer(s.getInputStream());
                if (i % 2 == 0) {
                    assertThat(a.statusLine()).isEqualTo("HTTP/1.1 200 OK");
                    assertThat(a.body()).contains("\"status\":\"ok\"");
                } else {
                    assertThat(a.statusLine()).startsWith("HTTP/1.1 404");
                    assertThat(a.body()).contains("nothing-" + i);
                }
            }
            // still open: one more on the same connection
            s.getOutputStream().write("GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readAnswer(s.getInputStream()).statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aChunkedBodyAfterExpectContinueIsReadWhole() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /_emulator/faults HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Answer interim = readAnswer(s.getInputStream());
            assertThat(interim.statusLine()).isEqualTo("HTTP/1.1 100 Continue");
            String rule = "{\"vendor\":\"tencent\",\"action\":\"DescribeChunked\",\"code\":\"InternalError\",\"times\":1}";
            for (String piece : List.of(rule.substring(0, 10), rule.substring(10, 40), rule.substring(40))) {
                out.write((Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Answer a = readAnswer(s.getInputStream());
            assertThat(a.statusLine()).as("%s", a).isEqualTo("HTTP/1.1 200 OK");
            assertThat(a.body()).contains("DescribeChunked");
        } finally {
            emulator.faults().clear();
        }
    }

    @Test
    void manyConnectionsShareABoundedPoolOfWorkers() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket s = connect();
                sockets.add(s);
                s.getOutputStream().write("GET /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            for (Socket s : sockets) assertThat(readAnswer(s.getInputStream()).statusLine()).isEqualTo("HTTP/1.1 200 OK");
            long workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("cachesh-emulator-http-")).peek(t -> assertThat(t.isDaemon()).isTrue())
                    .count();
            assertThat(workers).isBetween(1L, (long) EmulatorServer.WORKERS);
        } finally {
            for (Socket s : sockets) s.close();
        }
    }

    @Test
    void anHttp10RequestIsAnsweredAndClosed() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /_emulator/health HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Answer a = readAnswer(s.getInputStream());
            assertThat(a.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(a.headers().toLowerCase(Locale.ROOT)).contains("connection: close");
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }
}
