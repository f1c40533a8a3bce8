package io.cachesh.emulator.dataplane;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One running {@code memcached} behind an emulated Memcached instance, on {@code 127.0.0.1:port}. Speaks the memcached
 * text protocol for the few control commands the front-ends need ({@code version}, {@code flush_all},
 * {@code cache_memlimit}, {@code stats}); clients use the port directly.
 */
public final class MemcachedProcess {

    public static final String HOST = "127.0.0.1";

    private final String instanceId;
    private final int port;
    private final Process process;
    private volatile long memoryMb;

    MemcachedProcess(String instanceId, int port, Process process, long memoryMb) {
        this.instanceId = instanceId;
        this.port = port;
        this.process = process;
        this.memoryMb = memoryMb;
    }

    public String instanceId() {
        return instanceId;
    }

    public int port() {
        return port;
    }

    /** The memory limit ({@code -m}, or the last {@code cache_memlimit}) in MB. */
    public long memoryMb() {
        return memoryMb;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** {@code version}: the server's version text, e.g. {@code 1.6.18}. */
    public String version() throws IOException {
        String line = call("version");
        if (!line.startsWith("VERSION ")) throw new IOException("unexpected answer to version: " + line);
        return line.substring("VERSION ".length()).trim();
    }

    /** {@code flush_all}: drops every item. */
    public void flushAll() throws IOException {
        expectOk(call("flush_all"), "flush_all");
    }

    /** {@code cache_memlimit <mb>}: changes the memory limit of the running server, keeping its items. */
    public void setMemoryLimitMb(long mb) throws IOException {
        expectOk(call("cache_memlimit " + mb), "cache_memlimit");
        this.memoryMb = mb;
    }

    /** {@code stats}: the general statistics. */
    public Map<String, String> stats() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : call("stats").split("\n")) {
            String[] parts = line.trim().split(" ", 3);
            if (parts.length == 3 && parts[0].equals("STAT")) out.put(parts[1], parts[2]);
        }
        return out;
    }

    /** Sends one text-protocol command and returns its answer (every line up to the terminating one). */
    public String call(String command) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder answer = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (!answer.isEmpty()) answer.append('\n');
                answer.append(line);
                if (line.equals("END") || line.equals("OK") || line.startsWith("VERSION ") || line.equals("ERROR")
                        || line.startsWith("CLIENT_ERROR") || line.startsWith("SERVER_ERROR")) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    private void expectOk(String answer, String command) throws IOException {
        if (!"OK".equals(answer)) throw new IOException(command + " on " + instanceId + " answered: " + answer);
    }

    @Override
    public String toString() {
        return "memcached[" + instanceId + " " + HOST + ":" + port + " " + memoryMb + "MB]";
    }
}
