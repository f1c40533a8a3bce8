package io.cachesh.shell.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.shell.cli.CacheshCommand;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * {@code cachesh kernel --connection-file F} end to end: the test plays a Jupyter frontend with JeroMQ (DEALER on
 * shell and control, SUB on iopub, REQ on heartbeat), signing with the connection file's key, against the embedded
 * emulator.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JupyterKernelTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    final String key = UUID.randomUUID().toString();
    final MessageSigner signer = new MessageSigner(key);
    final String session = UUID.randomUUID().toString();
    final ZContext zmq = new ZContext();
    final StringWriter err = new StringWriter();
    ZMQ.Socket shell;
    ZMQ.Socket control;
    ZMQ.Socket iopub;
    ZMQ.Socket hb;

    @AfterEach
    void closeSockets() {
        zmq.close();
    }

    @Test
    void aJupyterFrontendTalksToTheKernel() throws Exception {
        int[] ports = freePorts(5);
        Path connection = home.resolve("kernel-test.json");
        Files.writeString(connection, JSON.writeValueAsString(Map.of("transport", "tcp", "ip", "127.0.0.1",
                "shell_port", ports[0], "iopub_port", ports[1], "stdin_port", ports[2], "control_port", ports[3],
                "hb_port", ports[4], "key", key, "signature_scheme", "hmac-sha256", "kernel_name", "cachesh")));
        CompletableFuture<Integer> kernel = CompletableFuture.supplyAsync(() -> {
            ShellEnvironment env = new ShellEnvironment(Map.of("NO_COLOR", "1"), home,
                    () -> new DumbTerminal("t", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                            StandardCharsets.UTF_8), false, latch -> { });
            var cmd = CacheshCommand.newCommandLine(env);
            cmd.setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true));
            return cmd.execute("kernel", "--connection-file", connection.toString());
        });

        shell = connect(SocketType.DEALER, ports[0]);
        control = connect(SocketType.DEALER, ports[3]);
        iopub = connect(SocketType.SUB, ports[1]);
        iopub.subscribe(new byte[0]);
        hb = connect(SocketType.REQ, ports[4]);

        // kernel_info (retried: the kernel may still be binding, and SUB joins late)
        JsonNode info = null;
        for (int i = 0; i < 60 && info == null; i++) {
            send(shell, "kernel_info_request", JSON.createObjectNode(), key);
            info = receive(shell, 1000);
        }
        assertThat(info).as("kernel_info_reply; kernel stderr:\n" + err).isNotNull();
        assertThat(info.at("/header/msg_type").asText()).isEqualTo("kernel_info_reply");
        assertThat(info.at("/content/protocol_version").asText()).isEqualTo("5.3");
        assertThat(info.at("/content/language_info/name").asText()).isEqualTo("groovy");
        assertThat(info.at("/content/banner").asText()).contains("embedded emulator");
        while (receive(shell, 1000) != null) {
            // replies to the retries
        }
        drainIopub();

        // heartbeat echoes
        hb.send("ping".getBytes(StandardCharsets.UTF_8), 0);
        hb.setReceiveTimeOut(5000);
        assertThat(new String(hb.recv(0), StandardCharsets.UTF_8)).isEqualTo("ping");

        // execute: progress as streams, the table as execute_result
        Execution create = execute("orders = create name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'");
        assertThat(create.reply.at("/content/status").asText()).isEqualTo("ok");
        assertThat(create.streams()).contains("create orders (crs-").contains("running after");
        assertThat(create.streams()).doesNotContain("Orders-Pass1");

        Execution list = execute("cache { list() }");
        assertThat(list.reply.at("/content/status").asText()).as(list.toString()).isEqualTo("ok");
        int count = list.reply.at("/content/execution_count").asInt();
        JsonNode result = list.first("execute_result");
        assertThat(result).as(list.toString()).isNotNull();
        assertThat(result.at("/content/execution_count").asInt()).isEqualTo(count);
        assertThat(result.at("/content/data/text~1plain").asText())
                .containsPattern("id +name +spec +capacity +status +host:port +region\ncrs-\\w+ +orders +redis\\.ha +1 +running");
        JsonNode json = result.at("/content/data/application~1json");
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).path("name").asText()).isEqualTo("orders");
        assertThat(result.at("/content/data/text~1html").asText()).startsWith("<table>").contains("<td>orders</td>");
        assertThat(list.first("execute_input").at("/content/code").asText()).isEqualTo("cache { list() }");
        assertThat(list.statuses()).containsExactly("busy", "idle");

        // the REPL's engine: _ and magics
        Execution last = execute("_.size()");
        assertThat(last.first("execute_result").at("/content/data/text~1plain").asText()).isEqualTo("1");
        Execution magic = execute("%region");
        assertThat(magic.streams()).isEqualTo("region: ap-guangzhou\n");
        assertThat(magic.first("execute_result")).isNull();

        // %query selects what every form of a result shows
        execute("%query [].name");
        JsonNode queried = execute("cache { list() }").first("execute_result");
        assertThat(queried.at("/content/data/text~1plain").asText()).isEqualTo("[orders]");
        assertThat(queried.at("/content/data/application~1json").toString()).isEqualTo("[\"orders\"]");
        execute("%query off");

        // an error: ename/evalue, one traceback line, no Java stack trace
        Execution error = execute("create name: 'x', spec: 'redis.huge'");
        assertThat(error.reply.at("/content/status").asText()).isEqualTo("error");
        assertThat(error.reply.at("/content/ename").asText()).isEqualTo("DslException");
        assertThat(error.reply.at("/content/evalue").asText()).startsWith("line 1: create: unknown spec 'redis.huge'");
        JsonNode published = error.first("error");
        assertThat(published.at("/content/traceback")).hasSize(1);
        assertThat(published.at("/content/traceback/0").asText()).startsWith("error: line 1: create: unknown spec");
        assertThat(published.toString()).doesNotContain("\\tat ", "Exception.java");

        // complete, inspect, is_complete
        JsonNode complete = request("complete_request", obj("code", "x = cre", "cursor_pos", 7));
        assertThat(complete.at("/content/matches").toString()).contains("\"create\"");
        assertThat(complete.at("/content/cursor_start").asInt()).isEqualTo(4);
        assertThat(complete.at("/content/cursor_end").asInt()).isEqualTo(7);
        JsonNode raw = request("complete_request", obj("code", "tencent.redis.describeInst", "cursor_pos", 26));
        assertThat(raw.at("/content/matches").toString()).contains("tencent.redis.describeInstances");
        JsonNode magics = request("complete_request", obj("code", "%emulator st", "cursor_pos", 12));
        assertThat(magics.at("/content/matches").toString()).contains("start", "status", "stop");
        JsonNode inspect = request("inspect_request", obj("code", "resize orders, capacity: 2", "cursor_pos", 3, "detail_level", 0));
        assertThat(inspect.at("/content/found").asBoolean()).isTrue();
        assertThat(inspect.at("/content/data/text~1plain").asText()).startsWith("resize").contains("Example:");
        assertThat(request("is_complete_request", obj("code", "cache {\n  list()")).at("/content/status").asText()).isEqualTo("incomplete");
        assertThat(request("is_complete_request", obj("code", "cache { list() }")).at("/content/status").asText()).isEqualTo("complete");

        // a request with a bad signature is dropped; the next good one is answered
        send(shell, "kernel_info_request", JSON.createObjectNode(), "wrong-key");
        assertThat(receive(shell, 1500)).isNull();
        assertThat(request("kernel_info_request", JSON.createObjectNode()).at("/header/msg_type").asText()).isEqualTo("kernel_info_reply");

        // %load answers with set_next_input
        Path snippet = home.resolve("snippet.groovy");
        Files.writeString(snippet, "1 + 1\n");
        Execution load = execute("%load " + snippet);
        assertThat(load.reply.at("/content/payload/0/source").asText()).isEqualTo("set_next_input");
        assertThat(load.reply.at("/content/payload/0/text").asText()).endsWith("1 + 1");

        // interrupt on the control channel cancels a running cell
        drainIopub();
        String sleeping = send(shell, "execute_request", obj("code", "Thread.sleep(60000)", "silent", false), key);
        Thread.sleep(500);
        send(control, "interrupt_request", JSON.createObjectNode(), key);
        JsonNode interruptReply = receive(control, 5000);
        assertThat(interruptReply.at("/header/msg_type").asText()).isEqualTo("interrupt_reply");
        JsonNode cancelled = receive(shell, 10000);
        assertThat(cancelled.at("/parent_header/msg_id").asText()).isEqualTo(sleeping);
        assertThat(cancelled.at("/content/status").asText()).isEqualTo("error");
        assertThat(cancelled.at("/content/ename").asText()).isEqualTo("KeyboardInterrupt");

        // shutdown on the control channel ends the command with 0
        send(control, "shutdown_request", obj("restart", false), key);
        JsonNode bye = receive(control, 5000);
        assertThat(bye.at("/header/msg_type").asText()).isEqualTo("shutdown_reply");
        assertThat(kernel.get(30, TimeUnit.SECONDS)).as(err.toString()).isZero();
    }

    // ---- a tiny Jupyter client ------------------------------------------------------------------------------------

    record Execution(JsonNode reply, List<JsonNode> iopub) {
        String streams() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode m : iopub) {
                if (m.at("/header/msg_type").asText().equals("stream")) sb.append(m.at("/content/text").asText());
            }
            return sb.toString();
        }

        JsonNode first(String type) {
            return iopub.stream().filter(m -> m.at("/header/msg_type").asText().equals(type)).findFirst().orElse(null);
        }

        List<String> statuses() {
            return iopub.stream().filter(m -> m.at("/header/msg_type").asText().equals("status"))
                    .map(m -> m.at("/content/execution_state").asText()).toList();
        }
    }

    private Execution execute(String code) throws IOException {
        String id = send(shell, "execute_request", obj("code", code, "silent", false, "store_history", true,
                "user_expressions", Map.of(), "allow_stdin", false, "stop_on_error", true), key);
        JsonNode reply = receive(shell, 60000);
        assertThat(reply).as("execute_reply of " + code + "; kernel stderr:\n" + err).isNotNull();
        assertThat(reply.at("/parent_header/msg_id").asText()).isEqualTo(id);
        List<JsonNode> messages = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode m = receive(iopub, 500);
            if (m == null) continue;
            if (!m.at("/parent_header/msg_id").asText().equals(id)) continue;
            messages.add(m);
            if (m.at("/header/msg_type").asText().equals("status") && m.at("/content/execution_state").asText().equals("idle")) break;
        }
        return new Execution(reply, messages);
    }

    private JsonNode request(String type, ObjectNode content) throws IOException {
        String id = send(shell, type, content, key);
        JsonNode reply = receive(shell, 10000);
        assertThat(reply).as(type).isNotNull();
        assertThat(reply.at("/parent_header/msg_id").asText()).isEqualTo(id);
        return reply;
    }

    private void drainIopub() throws IOException {
        while (receive(iopub, 300) != null) {
            // stale status messages
        }
    }

    private String send(ZMQ.Socket socket, String type, ObjectNode content, String signingKey) throws IOException {
        String id = UUID.randomUUID().toString();
        ObjectNode header = JSON.createObjectNode().put("msg_id", id).put("session", session).put("username", "test")
                .put("date", OffsetDateTime.now().toString()).put("msg_type", type).put("version", "5.3");
        byte[] h = JSON.writeValueAsBytes(header);
        byte[] p = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] m = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] c = JSON.writeValueAsBytes(content);
        socket.sendMore("<IDS|MSG>");
        socket.sendMore(new MessageSigner(signingKey).sign(h, p, m, c));
        socket.sendMore(h);
        socket.sendMore(p);
        socket.sendMore(m);
        socket.send(c, 0);
        return id;
    }

    /** One message (checking its signature), or null after the timeout. */
    private JsonNode receive(ZMQ.Socket socket, int timeoutMillis) throws IOException {
        socket.setReceiveTimeOut(timeoutMillis);
        byte[] first = socket.recv(0);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv(0));
        int d = 0;
        while (!new String(frames.get(d), StandardCharsets.UTF_8).equals("<IDS|MSG>")) d++;
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        assertThat(signature).as("kernel signature").isEqualTo(signer.sign(frames.get(d + 2), frames.get(d + 3),
                frames.get(d + 4), frames.get(d + 5)));
        ObjectNode msg = JSON.createObjectNode();
        msg.set("header", JSON.readTree(frames.get(d + 2)));
        msg.set("parent_header", JSON.readTree(frames.get(d + 3)));
        msg.set("metadata", JSON.readTree(frames.get(d + 4)));
        msg.set("content", JSON.readTree(frames.get(d + 5)));
        return msg;
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket s = zmq.createSocket(type);
        s.setLinger(0);
        s.connect("tcp://127.0.0.1:" + port);
        return s;
    }

    private static ObjectNode obj(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        return n;
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) s.close();
        }
        return ports;
    }
}
