package io.cachesh.client.error;

/** The credentials or signature were rejected, or the caller lacks permission (Tencent {@code AuthFailure*}). */
public class AuthException extends ApiException {

    public AuthException(String vendor, String code, String message, String requestId, int httpStatus) {
        super(vendor, code, message, requestId, httpStatus);
    }
}
