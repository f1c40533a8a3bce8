package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command statistics of an instance: the most called commands ({@code commands}: command, calls), the ones that took
 * the most time ({@code slowest}: command, tookMs) and hot keys ({@code hotKeys}: key, type, count), each a list of
 * plain maps, most first.
 */
public final class Stats implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String instanceId;
    private final String provider;
    private final List<Map<String, Object>> commands;
    private final List<Map<String, Object>> slowest;
    private final List<Map<String, Object>> hotKeys;

    public Stats(String instanceId, String provider, List<Map<String, Object>> commands,
                 List<Map<String, Object>> slowest, List<Map<String, Object>> hotKeys) {
        this.instanceId = instanceId;
        this.provider = provider;
        this.commands = plain(commands);
        this.slowest = plain(slowest);
        this.hotKeys = plain(hotKeys);
    }

    private static List<Map<String, Object>> plain(List<Map<String, Object>> in) {
        return in == null ? List.of() : in.stream().map(Values::copy).toList();
    }

    public String getInstanceId() { return instanceId; }
    public String getProvider() { return provider; }
    public List<Map<String, Object>> getCommands() { return commands; }
    public List<Map<String, Object>> getSlowest() { return slowest; }
    public List<Map<String, Object>> getHotKeys() { return hotKeys; }

    /** Calls of one command (lower case), 0 when not listed. */
    public long calls(String command) {
        return commands.stream().filter(c -> command.equalsIgnoreCase(String.valueOf(c.get("command"))))
                .mapToLong(c -> ((Number) c.get("calls")).longValue()).findFirst().orElse(0L);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", instanceId);
        m.put("provider", provider);
        m.put("commands", commands);
        m.put("slowest", slowest);
        m.put("hotKeys", hotKeys);
        return m;
    }

    @Override
    public String toString() {
        return "Stats " + instanceId + " commands " + commands;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stats other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
