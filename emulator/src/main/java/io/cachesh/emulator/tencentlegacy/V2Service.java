package io.cachesh.emulator.tencentlegacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;

/**
 * One API served by {@link TencentV2FrontEnd} on {@code /v2/index.php}: the legacy Redis API or CMEM. The front-end
 * verifies the signature, throttles, validates against {@link #model()} and wraps the answer in the envelope.
 */
public interface V2Service {

    /** The fault-injection vendor name ({@code tencent-redis-legacy}, {@code tencent-cmem}). */
    String name();

    ApiModel model();

    /** Whether the envelope carries {@code codeDesc} (Redis does, CMEM does not). */
    boolean hasCodeDesc();

    /** Whether {@code code} travels as the string {@code "0"} on success for this action (else the number 0). */
    boolean stringCode(String action);

    /** The action's fields beside {@code code}/{@code message}/{@code codeDesc}; throws {@link V2Exception}. */
    ObjectNode handle(V2Request request);

    /** The error for the first model violation of {@code action}'s input. */
    V2Exception validationError(String action, Violation violation);
}
