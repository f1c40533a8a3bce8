package io.cachesh.dsl;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The provider-neutral verbs a {@link CacheService} may implement. An adapter declares the ones it supports in
 * {@link CacheService#capabilities()}; the DSL checks that declaration before resolving anything, so an unsupported
 * verb fails with {@code <verb>: not supported by <provider>} before any API call. {@code docs/support-matrix.md} is
 * generated from these declarations ({@link SupportMatrix}).
 */
public enum Verb {
    CREATE, LIST, DESCRIBE, RESIZE, RENAME, RESTART, CLEAR, PASSWORD, WHITELIST, PARAMS, BACKUP, BACKUPS, RESTORE,
    ACCOUNTS, TAGS, SLOWLOG, BIGKEYS, STATS, TASKS, WAIT, DELETE, CONNECT;

    /** The DSL word: {@code restart}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Verb> of(String word) {
        return Arrays.stream(values()).filter(v -> v.word().equals(word)).findFirst();
    }

    @Override
    public String toString() {
        return word();
    }
}
