package io.cachesh.dsl;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one provider's {@link CacheService} implements: the supported {@link Verb}s, each with an optional one-line
 * note (how the verb maps to the vendor's API, or its limits: {@code read-only}, {@code isolated instances only}).
 * Verbs not listed are unsupported and fail with {@code <verb>: not supported by <provider>} before any API call.
 *
 * <pre>{@code
 * static final Capabilities CAPABILITIES = Capabilities.builder("huawei")
 *         .verb(Verb.CREATE, "POST /v2/{project_id}/instances")
 *         .verb(Verb.WHITELIST, "IP whitelist groups")
 *         .build();
 * }</pre>
 *
 * @param provider the provider name ({@code tencent})
 * @param notes    supported verbs and their notes (empty string when there is nothing to say)
 */
public record Capabilities(String provider, Map<Verb, String> notes) {

    public Capabilities {
        Objects.requireNonNull(provider, "provider == null");
        EnumMap<Verb, String> copy = new EnumMap<>(Verb.class);
        notes.forEach((v, n) -> copy.put(v, n == null ? "" : n));
        notes = Collections.unmodifiableMap(copy);
    }

    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    public boolean supports(Verb verb) {
        return notes.containsKey(verb);
    }

    /** The supported verbs. */
    public Set<Verb> verbs() {
        return notes.isEmpty() ? EnumSet.noneOf(Verb.class) : EnumSet.copyOf(notes.keySet());
    }

    /** The note of a supported verb, "" when none, null when unsupported. */
    public String note(Verb verb) {
        return notes.get(verb);
    }

    /** Fails with {@link UnsupportedVerbException} unless {@code verb} is supported. */
    public void require(Verb verb) {
        if (!supports(verb)) throw new UnsupportedVerbException(verb, provider);
    }

    public static final class Builder {
        private final String provider;
        private final EnumMap<Verb, String> notes = new EnumMap<>(Verb.class);

        private Builder(String provider) {
            this.provider = provider;
        }

        public Builder verb(Verb verb) {
            return verb(verb, "");
        }

        public Builder verb(Verb verb, String note) {
            notes.put(verb, note);
            return this;
        }

        public Builder verbs(Verb... verbs) {
            for (Verb v : verbs) notes.put(v, "");
            return this;
        }

        public Capabilities build() {
            return new Capabilities(provider, notes);
        }
    }
}
