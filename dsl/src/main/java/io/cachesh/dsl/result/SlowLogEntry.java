package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** One slow-log record: when, how long (ms), the command and its line, the client address and the node. */
public final class SlowLogEntry implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String instanceId;
    private final String at;
    private final long durationMs;
    private final String command;
    private final String commandLine;
    private final String client;
    private final String node;

    public SlowLogEntry(String instanceId, String at, long durationMs, String command, String commandLine,
                        String client, String node) {
        this.instanceId = instanceId;
        this.at = at;
        this.durationMs = durationMs;
        this.command = command;
        this.commandLine = commandLine;
        this.client = client;
        this.node = node;
    }

    public String getInstanceId() { return instanceId; }
    public String getAt() { return at; }
    public long getDurationMs() { return durationMs; }
    public String getCommand() { return command; }
    public String getCommandLine() { return commandLine; }
    public String getClient() { return client; }
    public String getNode() { return node; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", instanceId);
        m.put("at", at);
        m.put("durationMs", durationMs);
        m.put("command", command);
        m.put("commandLine", commandLine);
        m.put("client", client);
        m.put("node", node);
        return m;
    }

    @Override
    public String toString() {
        return "SlowLog " + at + " " + durationMs + " ms " + commandLine;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlowLogEntry other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
