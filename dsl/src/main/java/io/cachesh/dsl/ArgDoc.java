package io.cachesh.dsl;

import java.util.List;

/**
 * One named argument of a verb, for completion, help and validation.
 *
 * @param name    as written: {@code capacity}
 * @param type    {@code string}, {@code number}, {@code integer}, {@code boolean}, {@code duration}, {@code secret}
 * @param doc     one line
 * @param allowed the allowed values when the set is finite and fixed, else empty
 */
public record ArgDoc(String name, String type, String doc, List<String> allowed) {

    public ArgDoc {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }
}
