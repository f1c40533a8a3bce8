package io.cachesh.dsl;

/**
 * A user error in a DSL call: an unknown verb, argument or spec, a value out of range, an impossible combination.
 * The message is one line naming the verb, the argument and the allowed values, e.g.
 * {@code create: unknown spec 'redis.hA' (allowed: redis.standalone, redis.ha, redis.cluster, redis.rw, memcached)}.
 * Vendor errors are not wrapped: they surface as {@code io.cachesh.client.error.ApiException}.
 */
public class DslException extends RuntimeException {

    public DslException(String message) {
        super(message);
    }

    public DslException(String message, Throwable cause) {
        super(message, cause);
    }
}
