package io.cachesh.shell.config;

import io.cachesh.client.auth.Secret;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One effective setting and where it came from, as {@code cachesh configure list} shows it.
 *
 * @param name   {@code region}, {@code tencent SecretKey}...
 * @param value  the value, or null when unset
 * @param source {@code --region}, {@code env TENCENTCLOUD_REGION}, {@code ~/.cachesh/config [profile prod]},
 *               {@code default}, or {@code -} when unset
 * @param kind   how to show the value
 */
public record ConfigValue(String name, String value, String source, Kind kind) {

    /** Plain values show as they are; key ids show their last four characters; secrets never show. */
    public enum Kind { PLAIN, KEY_ID, SECRET }

    /** The value as it may be shown: secrets {@code ******}, key ids {@code ******ABCD}, unset {@code <not set>}. */
    public String shown() {
        if (value == null) return "<not set>";
        return switch (kind) {
            case PLAIN -> value;
            case KEY_ID -> Secret.MASK + (value.length() > 8 ? value.substring(value.length() - 4) : "");
            case SECRET -> Secret.MASK;
        };
    }

    /** {@code {name, value, source}} with the value as {@link #shown()}: what list output renders. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("value", shown());
        m.put("source", value == null ? "-" : source);
        return m;
    }

    @Override
    public String toString() {
        return name + "=" + shown() + " (" + source + ")";
    }
}
