package io.cachesh.dsl;

import java.io.Serial;

/**
 * A verb the selected provider's adapter does not implement: {@code whitelist: not supported by capitalonline}.
 * Raised before any API call (the DSL checks {@link CacheService#supports(Verb)} first; the default methods of
 * {@link CacheService} throw it too).
 */
public class UnsupportedVerbException extends DslException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Verb verb;
    private final String provider;

    public UnsupportedVerbException(Verb verb, String provider) {
        super(verb.word() + ": not supported by " + provider);
        this.verb = verb;
        this.provider = provider;
    }

    public Verb verb() {
        return verb;
    }

    public String provider() {
        return provider;
    }
}
