package io.cachesh.client.internal;

import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.AuthException;
import io.cachesh.client.error.InvalidParameterException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.model.ApiModel;
import io.cachesh.model.ErrorModel;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one place a vendor error becomes a typed exception, for every protocol. The kind is, in order: the model's
 * {@code kind} for the code; the vendor's guess from the code's shape (the {@code codeKinds} strategy, e.g. Tencent's
 * {@code AuthFailure.*} prefix); the HTTP status (401/403 auth, 404 not found, 429 throttling, 400 invalid
 * parameter); else a plain {@link ApiException}.
 */
public final class ErrorMapper {

    private final ApiModel model;
    private final Function<String, String> codeKinds;

    /**
     * @param codeKinds the vendor's kind of a code unknown to the model ({@code "other"} or null when it cannot tell)
     */
    public ErrorMapper(ApiModel model, Function<String, String> codeKinds) {
        this.model = Objects.requireNonNull(model, "model == null");
        this.codeKinds = codeKinds == null ? code -> null : codeKinds;
    }

    /** The kind of an error: {@code auth}, {@code throttling}, {@code not-found}, {@code invalid-parameter}, or others. */
    public String kind(String code, int httpStatus) {
        ErrorModel known = code == null ? null : model.errors().get(code);
        if (known != null && known.kind() != null) return known.kind();
        String guessed = code == null ? null : codeKinds.apply(code);
        if (guessed != null && !"other".equals(guessed)) return guessed;
        if (known != null && known.httpStatus() != null) {
            String byModelStatus = kindOfStatus(known.httpStatus());
            if (byModelStatus != null) return byModelStatus;
        }
        String byStatus = kindOfStatus(httpStatus);
        return byStatus == null ? "other" : byStatus;
    }

    public ApiException map(String code, String message, String requestId, int httpStatus) {
        return mapAs(kind(code, httpStatus), code, message, requestId, httpStatus);
    }

    /**
     * The exception of a kind decided by the caller (a protocol whose envelope carries two codes, such as Tencent's
     * legacy {@code code} and {@code codeDesc}, picks the kind from both).
     */
    public ApiException mapAs(String kind, String code, String message, String requestId, int httpStatus) {
        String vendor = model.vendor();
        return switch (kind == null ? "other" : kind) {
            case "throttling" -> new ThrottlingException(vendor, code, message, requestId, httpStatus);
            case "auth" -> new AuthException(vendor, code, message, requestId, httpStatus);
            case "not-found" -> new NotFoundException(vendor, code, message, requestId, httpStatus);
            case "invalid-parameter" -> new InvalidParameterException(vendor, code, message, requestId, httpStatus);
            default -> new ApiException(vendor, code, message, requestId, httpStatus);
        };
    }

    /** Whether the model lists {@code code} among its errors. */
    public boolean knows(String code) {
        return code != null && model.errors().containsKey(code);
    }

    /** The kind an HTTP status implies, or null for none (2xx, 5xx, other 4xx). */
    public static String kindOfStatus(int status) {
        return switch (status) {
            case 401, 403 -> "auth";
            case 404 -> "not-found";
            case 429 -> "throttling";
            case 400 -> "invalid-parameter";
            default -> null;
        };
    }
}
