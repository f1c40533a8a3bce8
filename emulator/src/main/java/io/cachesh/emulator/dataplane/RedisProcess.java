package io.cachesh.emulator.dataplane;

import io.cachesh.client.auth.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One running {@code redis-server} serving one emulated instance on {@code 127.0.0.1:port}. Every call opens a short
 * connection, authenticates with the current password and runs one command.
 */
public final class RedisProcess {

    public static final String HOST = "127.0.0.1";

    private final String instanceId;
    private final int port;
    private final Path dir;
    private final Process process;
    private volatile Secret password;

    RedisProcess(String instanceId, int port, Path dir, Process process, Secret password) {
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId == null");
        this.port = port;
        this.dir = dir;
        this.process = process;
        this.password = password == null ? Secret.of("") : password;
    }

    public String instanceId() {
        return instanceId;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    Secret password() {
        return password;
    }

    /** Runs one command; the reply as {@link RespClient#call} returns it. */
    public Object call(String... command) throws IOException {
        try (RespClient client = RespClient.connect(HOST, port, 2_000)) {
            if (!password.isEmpty()) client.call("AUTH", password.reveal());
            return client.call(command);
        }
    }

    public void ping() throws IOException {
        Object reply = call("PING");
        if (!"PONG".equals(reply)) throw new IOException("unexpected PING reply " + reply);
    }

    public String configGet(String name) throws IOException {
        Object reply = call("CONFIG", "GET", name);
        if (reply instanceof List<?> list && list.size() >= 2) return String.valueOf(list.get(1));
        return null;
    }

    public void configSet(String name, String value) throws IOException {
        call("CONFIG", "SET", name, value);
    }

    /** Changes {@code requirepass} and remembers the new password for later calls. */
    public void setPassword(Secret newPassword) throws IOException {
        Secret next = newPassword == null ? Secret.of("") : newPassword;
        configSet("requirepass", next.reveal());
        this.password = next;
    }

    public void setMaxmemory(long bytes) throws IOException {
        configSet("maxmemory", Long.toString(bytes));
    }

    public void flushAll() throws IOException {
        call("FLUSHALL");
    }

    /** A synchronous {@code SAVE}; returns the RDB file it wrote. */
    public Path save() throws IOException {
        call("SAVE");
        return dir.resolve(RedisProcessManager.DB_FILE);
    }

    /** {@code used_memory} in bytes from {@code INFO memory}, or -1 when unknown. */
    public long usedMemoryBytes() throws IOException {
        Object info = call("INFO", "memory");
        if (info instanceof String text) {
            for (String line : text.split("\r?\n")) {
                if (line.startsWith("used_memory:")) return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "RedisProcess[" + instanceId + " 127.0.0.1:" + port + " pid " + process.pid() + "]";
    }
}
