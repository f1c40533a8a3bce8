package io.cachesh.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Assertions on the emulator's answers: each vendor's error envelope, its HTTP convention, and no Java leaking out. */
public final class Envelopes {

    private Envelopes() {
    }

    public static JsonNode json(RawHttp.Response r, Object request) {
        try {
            JsonNode n = Hostile.JSON.readTree(r.body());
            assertThat(n).as("JSON body of %s\nfor %s", r, request).isNotNull();
            return n;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r + "\nfor " + request, e);
        }
    }

    public static void noLeak(RawHttp.Response r, Object request) {
        assertThat(r.status()).as("answered at all: %s\nfor %s", r, request).isNotEqualTo(-1);
        assertThat(r.status()).as("HTTP status of %s\nfor %s", r, request).isNotEqualTo(500);
        String leak = Leaks.find(r.body());
        assertThat(leak).as("Java internals in the answer to %s", request).isNull();
    }

    /** Tencent API 3.0: always HTTP 200, {@code Response.Error.Code} and a RequestId; returns the code. */
    public static String tencentError(RawHttp.Response r, Object request) {
        noLeak(r, request);
        assertThat(r.status()).as("Tencent answers everything with 200: %s\nfor %s", r, request).isEqualTo(200);
        JsonNode n = json(r, request);
        JsonNode response = n.path("Response");
        assertThat(response.path("RequestId").asText()).as("RequestId in %s", r).isNotBlank();
        String code = response.path("Error").path("Code").asText("");
        assertThat(code).as("error code in %s\nfor %s", r, request).isNotBlank();
        assertThat(code).as("an emulator bug (InternalError) for %s\n%s", request, r).isNotEqualTo("InternalError");
        assertThat(response.path("Error").path("Message").asText()).as("message in %s", r).isNotBlank();
        return code;
    }

    /** Tencent: an error envelope or a success envelope, never a bug; returns the error code or null. */
    public static String tencentAny(RawHttp.Response r, Object request) {
        noLeak(r, request);
        assertThat(r.status()).as("Tencent answers everything with 200: %s\nfor %s", r, request).isEqualTo(200);
        JsonNode response = json(r, request).path("Response");
        assertThat(response.path("RequestId").asText()).as("RequestId in %s", r).isNotBlank();
        if (!response.has("Error")) return null;
        return tencentError(r, request);
    }

    /**
     * Huawei DCS: 4xx (or the emulator's documented 501 DCS.5501 for unimplemented operations), an {@code X-Request-Id},
     * and one of the error forms: v2/gateway {@code error_code}+{@code error_msg}, v1 {@code error.code}+{@code error.message},
     * IAM {@code error.code}+{@code error.message}+{@code error.title}. Returns the code.
     */
    public static String huaweiError(RawHttp.Response r, Object request) {
        noLeak(r, request);
        JsonNode n = json(r, request);
        String code = n.has("error_code") ? n.path("error_code").asText("") : n.path("error").path("code").asText("");
        String msg = n.has("error_code") ? n.path("error_msg").asText("") : n.path("error").path("message").asText("");
        assertThat(code).as("error code in %s\nfor %s", r, request).isNotBlank();
        assertThat(msg).as("error message in %s", r).isNotBlank();
        assertThat(code).as("an emulator bug for %s\n%s", request, r).isNotEqualTo("DCS.5000");
        if (r.status() == 501) {
            assertThat(code).as("501 only for unimplemented operations: %s", r).isEqualTo("DCS.5501");
        } else {
            assertThat(r.status()).as("Huawei errors are 4xx: %s\nfor %s", r, request).isBetween(400, 499);
        }
        assertThat(r.header("X-Request-Id")).as("X-Request-Id of %s", r).isNotBlank();
        return code;
    }

    /** Control endpoints: JSON {@code {"error": ...}} with a 4xx. */
    public static String controlError(RawHttp.Response r, Object request) {
        noLeak(r, request);
        assertThat(r.status()).as("control errors are 4xx: %s\nfor %s", r, request).isBetween(400, 499);
        String error = json(r, request).path("error").asText("");
        assertThat(error).as("error in %s", r).isNotBlank();
        return error;
    }
}
