package io.cachesh.emulator.validate;

import java.util.Objects;

/**
 * One way a request breaks its model.
 *
 * @param kind    what is wrong
 * @param path    where, in the vendor's flattened form: {@code InstanceIds.0}, {@code InstanceParams.1.Key}
 * @param message a sentence naming the field and, for values, what is allowed
 */
public record Violation(Kind kind, String path, String message) {

    /** What is wrong; front-ends map these to vendor codes. */
    public enum Kind {
        /** A required member is absent. Tencent: {@code MissingParameter}. */
        MISSING,
        /** A member the shape does not define. Tencent: {@code UnknownParameter}. */
        UNKNOWN,
        /** The JSON type does not fit (a string where a list belongs). Tencent: {@code InvalidParameter}. */
        TYPE,
        /** The value breaks an enum, range, length, size or pattern. Tencent: {@code InvalidParameterValue}. */
        VALUE
    }

    public Violation {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(message, "message == null");
    }
}
