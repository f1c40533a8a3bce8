package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.emulator.Emulator;
import io.cachesh.reliability.support.Envelopes;
import io.cachesh.reliability.support.FleetPrint;
import io.cachesh.reliability.support.RawHttp;
import io.cachesh.reliability.support.RawHttp.Request;
import io.cachesh.reliability.support.TestEmulators;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 20 MB bodies to every surface: refused with the vendor's error, the emulator stays up and its heap stays small. */
@Timeout(120)
class HugeBodyTest {

    static Emulator emulator;
    static Map<String, String> before;

    @BeforeAll
    static void start() {
        emulator = TestEmulators.start(false);
        before = FleetPrint.of(emulator);
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static byte[] huge() {
        byte[] b = new byte[20 * 1024 * 1024];
        Arrays.fill(b, (byte) 'a');
        b[0] = '{';
        b[1] = '"';
        return b;
    }

    @Test
    void twentyMegabyteBodiesAreRefusedOnEverySurface() throws Exception {
        byte[] body = huge();
        for (String target : List.of("/", "/v2/" + emulator.huaweiProjectId() + "/instances", "/v1.0/"
                + emulator.huaweiProjectId() + "/instances", "/v2/index.php", "/memcached", "/_emulator/faults", "/v3/auth/tokens")) {
            Request r = Request.of("POST", target).header("Content-Type", "application/json")
                    .header("X-TC-Action", "DescribeInstances").body(body);
            RawHttp.Response answer = RawHttp.send(emulator.port(), r);
            if (answer.status() == -1) continue;     // closed without reading it all: refused too
            Envelopes.noLeak(answer, target);
            if (target.equals("/")) {
                assertThat(Envelopes.tencentError(answer, target)).isEqualTo("RequestSizeLimitExceeded");
            } else {
                assertThat(answer.status()).as("%s -> %s", target, answer).isBetween(200, 499);
            }
        }
        Runtime.getRuntime().gc();
        long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(used).as("heap after the huge bodies").isLessThan(300L * 1024 * 1024);
        assertThat(RawHttp.send(emulator.port(), Request.of("GET", "/_emulator/health")).status()).isEqualTo(200);
        assertThat(FleetPrint.of(emulator)).isEqualTo(before);
    }

    /**
     * A request that announces 20 MB and then sends slowly must be refused at once from its Content-Length; today the
     * server waited to read 10 MB first, holding one of its 8 worker threads per such client (BUG 3, fixed).
     */
    @Test
    void anAnnouncedHugeBodyIsRefusedBeforeItArrives() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nX-TC-Action: DescribeInstances\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 20971520\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1");
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("RequestSizeLimitExceeded");
        }
    }

    /** More trickling clients than the emulator has workers: each is refused at once, and the emulator stays up. */
    @Test
    void tricklingHugeBodiesDoNotStallTheWorkers() throws Exception {
        List<Socket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), emulator.port());
                s.setSoTimeout(3000);
                sockets.add(s);
                s.getOutputStream().write(("POST " + (i % 2 == 0 ? "/" : "/v2/" + emulator.huaweiProjectId() + "/instances")
                        + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20971520\r\n\r\n{")
                        .getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
            }
            for (Socket s : sockets) {
                String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertThat(head).startsWith("HTTP/1.1 ").doesNotContain(" 500");
            }
            assertThat(RawHttp.send(emulator.port(), Request.of("GET", "/_emulator/health")).status()).isEqualTo(200);
        } finally {
            for (Socket s : sockets) s.close();
        }
    }
}
