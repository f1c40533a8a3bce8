package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One validated call as a handler sees it.
 *
 * @param action    the action name ({@code X-TC-Action} or the v1 {@code Action} parameter)
 * @param region    the region it was sent to ({@code X-TC-Region}), already checked against the product catalog
 * @param requestId the RequestId the answer will carry
 * @param secretId  the SecretId that signed it
 * @param input     the action's input after model validation (numbers and booleans coerced to their JSON types)
 */
public record TencentRequest(String action, String region, String requestId, String secretId, ObjectNode input) {

    /** Typed accessors over {@link #input()}. */
    public Params params() {
        return new Params(input);
    }
}
