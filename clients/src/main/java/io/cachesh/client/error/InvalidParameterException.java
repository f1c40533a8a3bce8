package io.cachesh.client.error;

/** A parameter was missing, unknown or invalid (Tencent {@code InvalidParameter*}, {@code MissingParameter}, {@code UnknownParameter}). */
public class InvalidParameterException extends ApiException {

    public InvalidParameterException(String vendor, String code, String message, String requestId, int httpStatus) {
        super(vendor, code, message, requestId, httpStatus);
    }
}
