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
 * @param asyncMember output member naming the task an asynchronous action started, or null
 * @param pagination  offset/limit pagination, or null
 */
public record OperationInfo(String name, int rateLimit, boolean idempotent, String asyncMember,
                            PaginationModel pagination) {

    public OperationInfo {
        Objects.requireNonNull(name, "name == null");
        if (rateLimit < 1) throw new IllegalArgumentException("rateLimit < 1: " + rateLimit);
    }

    /** The operation of a model by name, for raw calls (the shell's and the DSL's untyped access). */
    public static OperationInfo of(ApiModel model, String name) {
        OperationModel op = model.operation(name).orElseThrow(() -> new IllegalArgumentException(
                model.service() + " has no operation " + name));
        return new OperationInfo(name, model.rateLimit(op), op.idempotent(), op.async(), op.paginated());
    }
}
