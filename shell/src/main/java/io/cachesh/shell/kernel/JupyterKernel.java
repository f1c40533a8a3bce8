package io.cachesh.shell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.shell.config.EmulatorControl;
import io.cachesh.shell.config.EngineFactory;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.ShellSettings;
import io.cachesh.shell.render.ProgressOutput;
import io.cachesh.shell.repl.Vocabulary;
import java.util.function.Supplier;
import io.cachesh.shell.render.ErrorMessages;
import io.cachesh.shell.render.JsonRenderer;
import io.cachesh.shell.render.ResultRenderer;
import io.cachesh.shell.render.Values;
import io.cachesh.shell.repl.CacheshCompleter;
import io.cachesh.shell.repl.CellParser;
import io.cachesh.shell.repl.CellSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.reader.Candidate;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A Jupyter kernel (messaging protocol 5.3 over ZeroMQ) around a {@link CellSession}, the REPL's engine: magics,
 * {@code ?help}, {@code _} and {@code Out[n]} work as in the shell. Shell and control requests are served on their
 * own threads (an interrupt arrives while a cell runs); every message is HMAC-SHA256 signed with the connection
 * file's key, and requests with a bad signature are dropped. Results are {@code text/plain} (the table),
 * {@code text/html} and {@code application/json}; errors carry {@code ename}/{@code evalue} and a one-line
 * traceback (the stack trace only with {@code --debug}); printed lines and progress arrive as {@code stream}s.
 */
public final class JupyterKernel implements AutoCloseable {

    private static final byte[] NO_TOPIC = null;

    private final StreamWriter stdout = new StreamWriter("stdout");
    private final ConnectionInfo connection;
    private final CellSession cells;
    private final CacheshCompleter completer;
    private final MessageSigner signer;
    private final boolean debug;
    private final PrintWriter log;
    private final String session = UUID.randomUUID().toString();
    private final String banner;
    private final ZContext context = new ZContext();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object iopubLock = new Object();
    private ZMQ.Socket iopub;
    private volatile boolean running;
    private volatile KernelMessage currentRequest;
    private volatile boolean restartRequested;

    /**
     * @param connection the connection file
     * @param settings   provider, region, output of the session
     * @param engines    opens DSL sessions (the same as the REPL's)
     * @param vocabulary verbs and models for completion and help
     * @param emulator   the embedded emulator for {@code %emulator}, or null
     * @param banner     shown by frontends in kernel_info
     * @param debug      stack traces in error tracebacks, and a log of dropped messages
     * @param log        where the kernel logs (stderr)
     */
    public JupyterKernel(ConnectionInfo connection, ShellSettings settings, EngineFactory engines,
                         Supplier<Vocabulary> vocabulary, EmulatorControl emulator, String banner, boolean debug,
                         PrintWriter log) {
        this.connection = connection;
        PrintWriter out = new PrintWriter(stdout, true);
        this.cells = new CellSession(settings, engines, vocabulary, () -> out, new ProgressOutput(() -> out, () -> 0), false);
        if (emulator != null) cells.emulator(emulator);
        this.signer = new MessageSigner(connection.key());
        this.debug = debug;
        this.log = log;
        this.banner = banner;
        this.completer = new CacheshCompleter(cells.vocabularySupplier(), cells::variableNames, cells.magics()::usages)
                .instances(cells::instanceRefs)
                .files(cells::workingDirectory);
    }

    /** The notebook behind the kernel. */
    public CellSession cells() {
        return cells;
    }

    /** Binds the five sockets and starts serving; returns at once. */
    public JupyterKernel start() {
        ZMQ.Socket shell = bind(SocketType.ROUTER, connection.shellPort());
        ZMQ.Socket control = bind(SocketType.ROUTER, connection.controlPort());
        ZMQ.Socket stdin = bind(SocketType.ROUTER, connection.stdinPort());
        ZMQ.Socket hb = bind(SocketType.REP, connection.hbPort());
        iopub = bind(SocketType.PUB, connection.iopubPort());
        running = true;
        cells.openInBackground();
        thread("cachesh-kernel-shell", () -> serve(shell));
        thread("cachesh-kernel-control", () -> serve(control));
        thread("cachesh-kernel-heartbeat", () -> heartbeat(hb));
        thread("cachesh-kernel-stdin", () -> drain(stdin));
        status("starting", null);
        return this;
    }

    /** Blocks until a shutdown_request arrived; returns whether a restart was asked for. */
    public boolean awaitShutdown() throws InterruptedException {
        stopped.await();
        return restartRequested;
    }

    public boolean awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(0);
        s.setReceiveTimeOut(200);
        s.bind(connection.address(port));
        return s;
    }

    private static void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void heartbeat(ZMQ.Socket hb) {
        while (running) {
            try {
                byte[] ping = hb.recv(0);
                if (ping != null) hb.send(ping, 0);
            } catch (RuntimeException e) {
                if (running) logLine("heartbeat: " + e);
                return;
            }
        }
    }

    private void drain(ZMQ.Socket stdin) {
        while (running) {
            try {
                while (stdin.recv(0) != null) {
                    // allow_stdin is not supported: input requests are never sent, replies are ignored
                }
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    private void serve(ZMQ.Socket socket) {
        while (running) {
            KernelMessage request;
            try {
                request = KernelMessage.receive(socket, signer);
            } catch (KernelMessage.BadSignatureException e) {
                logLine("dropped a message: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                if (running) logLine("receive failed: " + e);
                return;
            }
            if (request == null) continue;
            try {
                handle(socket, request);
            } catch (RuntimeException e) {
                logLine("cannot handle " + request.type() + ": " + e);
                if (debug) e.printStackTrace(log);
            }
        }
    }

    private void handle(ZMQ.Socket socket, KernelMessage request) {
        String type = request.type();
        switch (type) {
            case "kernel_info_request" -> busy(request, () -> reply(socket, request, "kernel_info_reply", kernelInfo()));
            case "execute_request" -> busy(request, () -> execute(socket, request));
            case "complete_request" -> busy(request, () -> reply(socket, request, "complete_reply", complete(request.content())));
            case "inspect_request" -> busy(request, () -> reply(socket, request, "inspect_reply", inspect(request.content())));
            case "is_complete_request" -> busy(request, () -> reply(socket, request, "is_complete_reply", isComplete(request.content())));
            case "comm_info_request" -> reply(socket, request, "comm_info_reply", ok().set("comms", KernelMessage.MAPPER.createObjectNode()));
            case "history_request" -> reply(socket, request, "history_reply", ok().set("history", KernelMessage.MAPPER.createArrayNode()));
            case "interrupt_request" -> {
                cells.cancel();
                reply(socket, request, "interrupt_reply", ok());
            }
            case "shutdown_request" -> {
                boolean restart = request.content().path("restart").asBoolean(false);
                ObjectNode content = ok().put("restart", restart);
                reply(socket, request, "shutdown_reply", content);
                publish(KernelMessage.create("shutdown_reply", request, session, content.deepCopy()));
                restartRequested = restart;
                running = false;
                stopped.countDown();
            }
            default -> {
                if (debug) logLine("ignored " + type);
            }
        }
    }

    private void busy(KernelMessage request, Runnable work) {
        status("busy", request);
        try {
            work.run();
        } finally {
            status("idle", request);
        }
    }

    private ObjectNode kernelInfo() {
        ObjectNode c = ok();
        c.put("protocol_version", KernelMessage.PROTOCOL_VERSION);
        c.put("implementation", "cachesh");
        c.put("implementation_version", io.cachesh.shell.cli.VersionProvider.version());
        ObjectNode lang = c.putObject("language_info");
        lang.put("name", "groovy");
        lang.put("version", groovy.lang.GroovySystem.getVersion());
        lang.put("mimetype", "text/x-groovy");
        lang.put("file_extension", ".groovy");
        lang.put("pygments_lexer", "groovy");
        lang.put("codemirror_mode", "groovy");
        c.put("banner", banner);
        c.put("debugger", false);
        ArrayNode links = c.putArray("help_links");
        links.addObject().put("text", "cachesh shell").put("url", "https://github.com/cachesh/cachesh/blob/main/docs/shell.md");
        return c;
    }

    private void execute(ZMQ.Socket socket, KernelMessage request) {
        ObjectNode in = request.content();
        String code = in.path("code").asText("");
        boolean silent = in.path("silent").asBoolean(false);
        currentRequest = request;
        try {
            if (code.isBlank()) {
                reply(socket, request, "execute_reply", ok().put("execution_count", cells.nextCellNumber() - 1)
                        .<ObjectNode>set("payload", KernelMessage.MAPPER.createArrayNode())
                        .set("user_expressions", KernelMessage.MAPPER.createObjectNode()));
                return;
            }
            if (!silent) {
                ObjectNode input = KernelMessage.MAPPER.createObjectNode();
                input.put("code", code);
                input.put("execution_count", cells.nextCellNumber());
                publish(KernelMessage.create("execute_input", request, session, input));
            }
            CellSession.Outcome outcome = cells.execute(code);
            stdout.flush();
            int n = outcome.number();
            if (outcome.failed()) {
                ObjectNode error = error(outcome.error());
                publish(KernelMessage.create("error", request, session, error.deepCopy()));
                ObjectNode reply = error.put("status", "error").put("execution_count", n);
                reply(socket, request, "execute_reply", reply);
                return;
            }
            if (outcome.result() != null && !silent) {
                ObjectNode result = KernelMessage.MAPPER.createObjectNode();
                result.put("execution_count", n);
                result.set("data", mimeBundle(outcome.result()));
                result.putObject("metadata");
                publish(KernelMessage.create("execute_result", request, session, result));
            }
            ArrayNode payload = KernelMessage.MAPPER.createArrayNode();
            String next = cells.takeNextInput();
            if (next != null) {
                payload.addObject().put("source", "set_next_input").put("text", next).put("replace", true);
            }
            ObjectNode reply = ok().put("execution_count", n);
            reply.set("payload", payload);
            reply.putObject("user_expressions");
            reply(socket, request, "execute_reply", reply);
        } finally {
            stdout.flush();
            currentRequest = null;
        }
    }

    private ObjectNode error(Throwable e) {
        ObjectNode c = KernelMessage.MAPPER.createObjectNode();
        Throwable cause = ErrorMessages.unwrap(e);
        String ename = e instanceof CellSession.CellCancelledException ? "KeyboardInterrupt" : cause.getClass().getSimpleName();
        String evalue = e instanceof CellSession.CellCancelledException ? "cancelled" : ErrorMessages.message(e);
        c.put("ename", ename);
        c.put("evalue", evalue);
        ArrayNode tb = c.putArray("traceback");
        tb.add("error: " + evalue);
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(tb::add);
        }
        return c;
    }

    /** text/plain (the table, or JSON with %output json), text/html and application/json. */
    ObjectNode mimeBundle(Object result) {
        ObjectNode data = KernelMessage.MAPPER.createObjectNode();
        OutputFormat format = cells.settings().output();
        String text;
        Object shown = result;
        try {
            // %query selects what every form shows
            if (cells.settings().query().isPresent()) shown = cells.settings().query().get().apply(result);
            text = ResultRenderer.of(format, false).render(shown);
        } catch (io.cachesh.shell.config.UsageException e) {
            text = "error: " + e.getMessage();
            shown = null;
        } catch (RuntimeException e) {
            text = String.valueOf(result);
        }
        data.put("text/plain", text);
        if (shown == null) return data;
        try {
            JsonNode json = KernelMessage.MAPPER.readTree(new JsonRenderer().render(shown));
            data.set("application/json", json);
            data.put("text/html", HtmlTable.render(Values.toPlain(shown), text));
        } catch (Exception e) {
            // text only
        }
        return data;
    }

    private ObjectNode complete(ObjectNode in) {
        String code = in.path("code").asText("");
        int cursor = Math.max(0, Math.min(code.length(), in.path("cursor_pos").asInt(code.length())));
        String word = wordBefore(code, cursor);
        Set<String> matches = new LinkedHashSet<>();
        List<Candidate> candidates;
        try {
            candidates = completer.complete(code, cursor);
        } catch (RuntimeException e) {
            candidates = List.of();
        }
        for (Candidate c : candidates) if (c.value().startsWith(word)) matches.add(c.value());
        ObjectNode out = ok();
        ArrayNode m = out.putArray("matches");
        matches.forEach(m::add);
        out.put("cursor_start", cursor - word.length());
        out.put("cursor_end", cursor);
        out.putObject("metadata");
        return out;
    }

    private static String wordBefore(String code, int cursor) {
        int start = cursor;
        while (start > 0 && CellParser.isWordChar(code.charAt(start - 1))) start--;
        return code.substring(start, cursor);
    }

    private ObjectNode inspect(ObjectNode in) {
        String code = in.path("code").asText("");
        int cursor = Math.max(0, Math.min(code.length(), in.path("cursor_pos").asInt(code.length())));
        int start = cursor;
        while (start > 0 && CellParser.isWordChar(code.charAt(start - 1))) start--;
        int end = cursor;
        while (end < code.length() && CellParser.isWordChar(code.charAt(end))) end++;
        String topic = code.substring(start, end);
        if (start > 0 && code.charAt(start - 1) == '%') topic = "%" + topic;
        while (topic.endsWith(".")) topic = topic.substring(0, topic.length() - 1);
        ObjectNode out = ok();
        ObjectNode data = out.putObject("data");
        out.putObject("metadata");
        boolean found = false;
        if (!topic.isEmpty()) {
            try {
                data.put("text/plain", cells.helpText(topic));
                found = true;
            } catch (RuntimeException e) {
                // no help for that word
            }
        }
        out.put("found", found);
        return out;
    }

    private ObjectNode isComplete(ObjectNode in) {
        String code = in.path("code").asText("");
        ObjectNode out = KernelMessage.MAPPER.createObjectNode();
        String missing = code.strip().startsWith("%java") ? null : CellParser.missing(code);
        if (missing == null) {
            out.put("status", "complete");
        } else {
            out.put("status", "incomplete");
            out.put("indent", "  ");
        }
        return out;
    }

    private static ObjectNode ok() {
        return KernelMessage.MAPPER.createObjectNode().put("status", "ok");
    }

    private void reply(ZMQ.Socket socket, KernelMessage request, String type, ObjectNode content) {
        KernelMessage reply = KernelMessage.create(type, request, session, content);
        reply.send(socket, signer, NO_TOPIC);
    }

    private void status(String state, KernelMessage parent) {
        ObjectNode c = KernelMessage.MAPPER.createObjectNode().put("execution_state", state);
        publish(KernelMessage.create("status", parent, session, c));
    }

    private void publish(KernelMessage message) {
        synchronized (iopubLock) {
            if (iopub == null) return;
            message.send(iopub, signer, ("kernel." + session + "." + message.type()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void logLine(String line) {
        synchronized (log) {
            log.println("cachesh kernel: " + line);
            log.flush();
        }
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        try {
            Thread.sleep(250); // the socket threads notice within their receive timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (iopubLock) {
            iopub = null;
        }
        context.close();
    }

    /** Text printed by a cell, sent as {@code stream} messages on iopub when flushed. */
    private final class StreamWriter extends Writer {
        private final String name;
        private final StringBuilder buffer = new StringBuilder();

        StreamWriter(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            buffer.append(cbuf, off, len);
        }

        @Override
        public void flush() {
            String text;
            synchronized (this) {
                if (buffer.isEmpty()) return;
                text = buffer.toString();
                buffer.setLength(0);
            }
            ObjectNode c = KernelMessage.MAPPER.createObjectNode().put("name", name).put("text", text);
            publish(KernelMessage.create("stream", currentRequest, session, c));
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** A small HTML rendering of plain results: lists of records as tables, maps as key/value tables. */
    static final class HtmlTable {
        private HtmlTable() {
        }

        static String render(Object plain, String text) {
            if (plain instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance)) {
                Set<String> columns = new LinkedHashSet<>();
                for (Object row : list) ((Map<?, ?>) row).keySet().forEach(k -> columns.add(String.valueOf(k)));
                StringBuilder sb = new StringBuilder("<table><thead><tr>");
                columns.forEach(c -> sb.append("<th>").append(escape(c)).append("</th>"));
                sb.append("</tr></thead><tbody>");
                for (Object row : list) {
                    sb.append("<tr>");
                    for (String c : columns) sb.append("<td>").append(escape(cell(((Map<?, ?>) row).get(c)))).append("</td>");
                    sb.append("</tr>");
                }
                return sb.append("</tbody></table>").toString();
            }
            if (plain instanceof Map<?, ?> map && !map.isEmpty()) {
                StringBuilder sb = new StringBuilder("<table><tbody>");
                map.forEach((k, v) -> sb.append("<tr><th>").append(escape(String.valueOf(k))).append("</th><td>")
                        .append(escape(cell(v))).append("</td></tr>"));
                return sb.append("</tbody></table>").toString();
            }
            return "<pre>" + escape(text) + "</pre>";
        }

        private static String cell(Object v) {
            if (v == null) return "";
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                try {
                    return KernelMessage.MAPPER.writeValueAsString(v);
                } catch (Exception e) {
                    return String.valueOf(v);
                }
            }
            return String.valueOf(v);
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
