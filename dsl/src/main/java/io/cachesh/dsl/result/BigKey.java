package io.cachesh.dsl.result;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** One large key of an instance: database, key, type ({@code string}, {@code hash}...) and size in bytes. */
public final class BigKey implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String instanceId;
    private final int db;
    private final String key;
    private final String type;
    private final long sizeBytes;

    public BigKey(String instanceId, int db, String key, String type, long sizeBytes) {
        this.instanceId = instanceId;
        this.db = db;
        this.key = key;
        this.type = type;
        this.sizeBytes = sizeBytes;
    }

    public String getInstanceId() { return instanceId; }
    public int getDb() { return db; }
    public String getKey() { return key; }
    public String getType() { return type; }
    public long getSizeBytes() { return sizeBytes; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceId", instanceId);
        m.put("db", db);
        m.put("key", key);
        m.put("type", type);
        m.put("sizeBytes", sizeBytes);
        return m;
    }

    @Override
    public String toString() {
        return "BigKey " + key + " (" + type + ", " + sizeBytes + " bytes, db " + db + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BigKey other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }
}
