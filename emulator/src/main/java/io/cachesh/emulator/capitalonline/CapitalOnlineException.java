package io.cachesh.emulator.capitalonline;

/**
 * An error answered in CapitalOnline's envelope {@code {"Code":"<code>","Message":"<text>","Data":{}}} with an HTTP
 * status: 200 for the seed's business error {@code 20001} (参数错误) and {@code InstanceNotFound}, 400 for a request
 * the API cannot route, 403 for authentication failures, 429 for throttling.
 */
public final class CapitalOnlineException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public CapitalOnlineException(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The seed's one error code: 20001 参数错误. */
    public static CapitalOnlineException invalid(String message) {
        return new CapitalOnlineException("20001", 200, message);
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
