package io.cachesh.emulator.huawei;

/**
 * A Huawei DCS error. It carries the code of each API version (v2 {@code DCS.xxxx}, v1 the 2020 edition's numeric
 * {@code 111xxxxxx}), because the same check answers in both; the front-end picks the version's code and takes the
 * HTTP status from that model's error table ({@link #status()} when the code is not in it, e.g. the API gateway's
 * {@code APIGW.0301}).
 */
public final class HuaweiException extends RuntimeException {

    /** The code of an operation the emulator does not implement yet (in neither version's error table). */
    public static final String NOT_SUPPORTED = "DCS.5501";

    private final String v2Code;
    private final String v1Code;
    private final int status;

    public HuaweiException(String v2Code, String v1Code, int status, String message) {
        super(message, null, false, false);
        this.v2Code = v2Code;
        this.v1Code = v1Code == null ? v2Code : v1Code;
        this.status = status;
    }

    /** The same code in both versions. */
    public HuaweiException(String code, int status, String message) {
        this(code, code, status, message);
    }

    public String code(String version) {
        return "v1".equals(version) ? v1Code : v2Code;
    }

    /** The status to use when the version's model does not list the code. */
    public int status() {
        return status;
    }

    // ---- the seed's codes (v2 table 7.2 / v1 table 7-x) ----------------------------------------------------------

    /** {@code DCS.4062} "Invalid {0} parameter in the request." */
    public static HuaweiException invalid(String parameter, String detail) {
        return new HuaweiException("DCS.4062", "111400062", 400, "Invalid " + parameter + " parameter in the request."
                + (detail == null || detail.isEmpty() ? "" : " " + detail));
    }

    /** {@code DCS.3022} (v2) / {@code 111404022} (v1) "This DCS instance does not exist." */
    public static HuaweiException instanceNotFound(String id) {
        return new HuaweiException("DCS.3022", "111404022", 404, "This DCS instance does not exist: " + id + ".");
    }

    /** {@code DCS.4026} "This operation is not allowed when the DCS instance is in the current state." */
    public static HuaweiException wrongState(String id, String status) {
        return new HuaweiException("DCS.4026", "111400026", 400,
                "This operation is not allowed when the DCS instance is in the current state: " + id + " is " + status + ".");
    }

    /** {@code DCS.4019} "The password does not meet complexity requirements." */
    public static HuaweiException weakPassword(String rule) {
        return new HuaweiException("DCS.4019", "111400019", 400, "The password does not meet complexity requirements: " + rule);
    }

    /** {@code DCS.4001} "The requested URL does not exist." (404) */
    public static HuaweiException noSuchUrl(String method, String path) {
        return new HuaweiException("DCS.4001", "111404001", 404, "The requested URL does not exist: " + method + " " + path + ".");
    }

    /**
     * An operation of the model the emulator does not implement yet: HTTP 501 (the seed's "Not Implemented: the server
     * does not support the requested function") with the emulator's own code {@value #NOT_SUPPORTED}, which neither table uses.
     */
    public static HuaweiException notSupported(String version, String operation) {
        return new HuaweiException(NOT_SUPPORTED, NOT_SUPPORTED, 501, "Not supported by the cachesh emulator yet: "
                + version + " " + operation + ".");
    }
}
