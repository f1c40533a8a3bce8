package io.cachesh.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Outcome of validating one request.
 *
 * @param violations every problem found, in member order; empty when valid
 * @param value      the input with lenient coercions applied ({@code "10"} to 10 for integers, {@code "true"} to true
 *                   for booleans), as the vendor itself accepts them
 */
public record ValidationResult(List<Violation> violations, JsonNode value) {

    public ValidationResult {
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }
}
