package io.cachesh.client.error;

/** The named resource does not exist (Tencent {@code ResourceNotFound*}). */
public class NotFoundException extends ApiException {

    public NotFoundException(String vendor, String code, String message, String requestId, int httpStatus) {
        super(vendor, code, message, requestId, httpStatus);
    }
}
