package io.cachesh.client.core;

import io.cachesh.model.ApiModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.PaginationModel;
import java.util.Objects;

/**
 * What the runtime needs to know about one operation; the generated {@code <Client>Operations} classes hold
 * one constant per operation.
 *
 * @param name        the vendor's action name, e.g. {@code DescribeInstances}
 * @param rateLimit   requests per second allowed by the vendor
 * @param idempotent  true when repeating after an ambiguous failure cannot double an effect
 * @param asyncMember output member naming the task an asynchronous action started, or null; dotted for a nested
 *                    member ({@code data.dealId}, see {@link #at})
 * @param pagination  offset/limit pagination, or null
 */
public record OperationInfo(String name, int rateLimit, boolean idempotent, String asyncMember,
                            PaginationModel pagination) {

    public OperationInfo {
        Objects.requireNonNull(name, "name == null");
        if (rateLimit < 1) throw new IllegalArgumentException("rateLimit < 1: " + rateLimit);
    }

    /**
     * The node at a member path of an answer: {@code "TaskId"}, or a dotted path into nested objects
     * ({@code "data.dealId"}); null when a step is missing. Paths are those of {@link #asyncMember()} and of the
     * pagination's {@code items}/{@code total}.
     */
    public static com.fasterxml.jackson.databind.JsonNode at(com.fasterxml.jackson.databind.JsonNode answer, String path) {
        if (answer == null || path == null || path.isEmpty()) return null;
        com.fasterxml.jackson.databind.JsonNode node = answer;
        for (String step : path.split("\\.", -1)) {
            node = node.get(step);
            if (node == null || node.isNull()) return null;
        }
        return node;
    }

    /** The task (or deal, request) id an asynchronous action's answer carries at {@link #asyncMember()}, as text; null when none. */
    public String asyncId(com.fasterxml.jackson.databind.JsonNode answer) {
        com.fasterxml.jackson.databind.JsonNode id = at(answer, asyncMember);
        return id == null || !id.isValueNode() ? null : id.asText();
    }

    /** The operation of a model by name, for raw calls (the shell's and the DSL's untyped access). */
    public static OperationInfo of(ApiModel model, String name) {
        OperationModel op = model.operation(name).orElseThrow(() -> new IllegalArgumentException(
                model.service() + " has no operation " + name));
        return new OperationInfo(name, model.rateLimit(op), op.idempotent(), op.async(), op.paginated());
    }
}
