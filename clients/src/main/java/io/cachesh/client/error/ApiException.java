package io.cachesh.client.error;

/**
 * An error answered by a vendor API (or the emulator), mapped from the vendor's envelope. Carries the vendor's
 * code, message and request id so an operator can quote them to support.
 */
public class ApiException extends RuntimeException {

    private final String vendor;
    private final String code;
    private final String requestId;
    private final int httpStatus;

    public ApiException(String vendor, String code, String message, String requestId, int httpStatus) {
        super(format(vendor, code, message, requestId));
        this.vendor = vendor;
        this.code = code;
        this.requestId = requestId;
        this.httpStatus = httpStatus;
    }

    private static String format(String vendor, String code, String message, String requestId) {
        return vendor + " " + code + ": " + message + (requestId == null ? "" : " (RequestId " + requestId + ")");
    }

    public String vendor() {
        return vendor;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
