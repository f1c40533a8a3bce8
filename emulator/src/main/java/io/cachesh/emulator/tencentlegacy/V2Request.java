package io.cachesh.emulator.tencentlegacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.tencent.Params;

/**
 * One validated legacy v2 call as a service sees it.
 *
 * @param action    the {@code Action} parameter
 * @param region    the {@code Region} parameter as sent ({@code gz}, {@code ap-guangzhou}), null when absent
 * @param requestId an id for logs and for calls into the API 3.0 provider
 * @param secretId  the SecretId that signed it
 * @param input     the action parameters after model validation (numbers coerced)
 */
public record V2Request(String action, String region, String requestId, String secretId, ObjectNode input) {

    public Params params() {
        return new Params(input);
    }
}
