package io.cachesh.client.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one Huawei REST surface spells an error body; the rest of error handling ({@link ErrorMapper}) is shared.
 * {@link #V2}: {@code {"error_code":"DCS.4001","error_msg":"..."}}; {@link #V1}:
 * {@code {"error":{"code":"DCS.4001","message":"..."}}}. Each also reads the other's form (and the gateway's
 * {@code {"code","message"}}), as the official SDK does.
 */
public enum HuaweiErrorFormat {

    V2 {
        @Override
        public Error parse(JsonNode root) {
            Error flat = flat(root, "error_code", "error_msg");
            if (flat != null) return flat;
            Error nested = flat(root.path("error"), "code", "message");
            return nested != null ? nested : flat(root, "code", "message");
        }
    },

    V1 {
        @Override
        public Error parse(JsonNode root) {
            Error nested = flat(root.path("error"), "code", "message");
            if (nested != null) return nested;
            Error flat = flat(root, "error_code", "error_msg");
            return flat != null ? flat : flat(root, "code", "message");
        }
    };

    /** The code and message of an error body, or null when the body is not an error envelope. */
    public abstract Error parse(JsonNode root);

    /** An error's code and message as the vendor sent them. */
    public record Error(String code, String message) {
    }

    /** The vendor's kind of a code the model does not know: the API gateway's own {@code APIGW.*} codes. */
    public static String kindOf(String code) {
        return switch (code) {
            case "APIGW.0301", "APIGW.0303" -> "auth";
            case "APIGW.0308" -> "throttling";
            case "APIGW.0101" -> "not-found";
            default -> null;
        };
    }

    private static Error flat(JsonNode node, String codeField, String messageField) {
        if (node == null || !node.isObject()) return null;
        JsonNode code = node.get(codeField);
        if (code == null || code.isNull() || code.isContainerNode()) return null;
        JsonNode message = node.get(messageField);
        return new Error(code.asText(), message == null || message.isNull() ? "" : message.asText());
    }
}
