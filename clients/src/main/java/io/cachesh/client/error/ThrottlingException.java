package io.cachesh.client.error;

/** The vendor rejected the call for exceeding a rate limit (Tencent {@code RequestLimitExceeded*}), before acting on it; always safe to retry. */
public class ThrottlingException extends ApiException {

    public ThrottlingException(String vendor, String code, String message, String requestId, int httpStatus) {
        super(vendor, code, message, requestId, httpStatus);
    }
}
