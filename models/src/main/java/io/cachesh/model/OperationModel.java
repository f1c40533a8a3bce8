package io.cachesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One action of an API.
 *
 * @param doc        one-line description (English)
 * @param seed       {@code file:first-last} lines of the seed that define it
 * @param rateLimit  requests per second, null for the model's default
 * @param input      request shape name
 * @param output     response shape name
 * @param idempotent true when repeating the call after an ambiguous failure cannot double an effect
 *                   (reads, and writes that set an absolute state); only these are retried blindly
 * @param async      name of the output member carrying a task id (TaskId, DealId...), null when synchronous; a
 *                   dotted path ({@code data.dealId}) names a member of a nested structure
 * @param paginated  how to page through results, null when not paginated
 * @param http       method/URI/status for REST protocols, null for RPC-style protocols
 * @param deprecated true when the seed marks the action deprecated
 * @param errors     business error codes the seed lists for this action (keys of {@link ApiModel#errors()})
 * @param javaName   the Java method name when the lowerCamel form of the wire name will not do (the legacy
 *                   {@code ModfiyRedisPassword} is {@code modifyRedisPassword} in Java), null for the default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationModel(
        String doc,
        String seed,
        Integer rateLimit,
        String input,
        String output,
        boolean idempotent,
        String async,
        PaginationModel paginated,
        HttpBinding http,
        boolean deprecated,
        java.util.List<String> errors,
        String javaName) {

    public OperationModel {
        errors = errors == null ? java.util.List.of() : java.util.List.copyOf(errors);
    }

    /** An operation without a {@code javaName} override (the form before that field existed). */
    public OperationModel(String doc, String seed, Integer rateLimit, String input, String output, boolean idempotent,
                          String async, PaginationModel paginated, HttpBinding http, boolean deprecated,
                          java.util.List<String> errors) {
        this(doc, seed, rateLimit, input, output, idempotent, async, paginated, http, deprecated, errors, null);
    }
}
