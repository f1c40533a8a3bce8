package io.cachesh.emulator.tencent;

import java.util.Objects;

/** An error answered in Tencent's envelope: {@code {"Response":{"Error":{"Code":..,"Message":..},"RequestId":..}}}. */
public final class TencentException extends RuntimeException {

    private final String code;

    public TencentException(String code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code == null");
    }

    public String code() {
        return code;
    }

    public static TencentException notFound(String instanceId) {
        return new TencentException("ResourceNotFound.InstanceNotExists",
                "根据 serialId 没有找到对应 redis: instance `" + instanceId + "` does not exist in this region.");
    }

    public static TencentException missing(String name) {
        return new TencentException("MissingParameter", "The request is missing a required parameter `" + name + "`.");
    }

    public static TencentException invalidValue(String name, Object value, String rule) {
        return new TencentException("InvalidParameterValue",
                "The value `" + value + "` of parameter `" + name + "` is invalid: " + rule + ".");
    }
}
