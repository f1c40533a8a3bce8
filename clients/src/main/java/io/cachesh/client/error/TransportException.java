package io.cachesh.client.error;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The call did not get an answer: connection refused, reset, timed out. The message is plain words for the user
 * ({@code tencent-redis CreateInstances failed: timed out after 0.7 s waiting for redis.tencentcloudapi.com — the action
 * may have been performed; check before retrying}), never a Java class name; the {@link IOException} stays chained as
 * the cause for {@code --debug}.
 */
public class TransportException extends RuntimeException {

    /** Appended when a non-idempotent request may have reached the server. */
    public static final String MAY_HAVE_BEEN_PERFORMED = " — the action may have been performed; check before retrying";

    /** Cause messages quoted only when they are plain words (no class names, no stack frames). */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\p{N} ,:;/'()\\-]{1,120}");

    private final String operation;
    private final boolean idempotent;

    /** A failure of an operation taken as idempotent (no ambiguity warning), the read timeout unknown. */
    public TransportException(String operation, String url, IOException cause) {
        this(operation, url, cause, true, null);
    }

    /**
     * @param idempotent  whether repeating the operation cannot double an effect; when false and the request may
     *                    have been sent, the message warns that the action may have happened
     * @param readTimeout the client's read timeout, named in a timeout's message (null when unknown)
     */
    public TransportException(String operation, String url, IOException cause, boolean idempotent, Duration readTimeout) {
        super(message(operation, url, cause, idempotent, readTimeout), cause);
        this.operation = operation;
        this.idempotent = idempotent;
    }

    public String operation() {
        return operation;
    }

    public boolean idempotent() {
        return idempotent;
    }

    /** True when the request certainly never reached the server, so even a non-idempotent call may be repeated. */
    public boolean beforeSending() {
        return beforeSending(getCause());
    }

    /** True when a non-idempotent request may have been performed by the server although no answer came back. */
    public boolean mayHaveBeenPerformed() {
        return !idempotent && !beforeSending();
    }

    private static boolean beforeSending(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException || isConnectTimeout(cause);
    }

    private static boolean isConnectTimeout(Throwable cause) {
        return cause instanceof SocketTimeoutException && cause.getMessage() != null
                && cause.getMessage().toLowerCase(Locale.ROOT).contains("connect");
    }

    static String message(String operation, String url, IOException cause, boolean idempotent, Duration readTimeout) {
        String host = host(url);
        String what = describe(cause, host, readTimeout);
        boolean ambiguous = !idempotent && !beforeSending(cause);
        return operation + " failed: " + what + (ambiguous ? MAY_HAVE_BEEN_PERFORMED : "");
    }

    /** {@code host} or {@code host:port} of the endpoint, the text itself when it is not a URL. */
    static String host(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() != null) return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
        } catch (RuntimeException e) {
            // not a URL: name it as given
        }
        return url;
    }

    private static String describe(IOException cause, String host, Duration readTimeout) {
        String lower = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        if (isConnectTimeout(cause)) return "timed out connecting to " + host;
        if (cause instanceof ConnectException) return "connection refused by " + host;
        if (cause instanceof UnknownHostException) return "unknown host " + host;
        if (cause instanceof NoRouteToHostException) return "no route to " + host;
        if (cause instanceof SSLException) return "the TLS handshake with " + host + " failed (is its certificate trusted?)";
        if (cause instanceof InterruptedIOException || lower.contains("timeout") || lower.contains("timed out")) {
            return "timed out" + (readTimeout == null || readTimeout.isZero() ? "" : " after " + seconds(readTimeout))
                    + " waiting for " + host;
        }
        if (lower.contains("reset")) return "connection reset by " + host;
        if (cause instanceof EOFException || lower.contains("end of stream") || lower.contains("closed")) {
            return "connection closed by " + host + " before it answered";
        }
        if (cause instanceof ProtocolException) return host + " did not answer in HTTP";
        if (cause instanceof SocketException) return "the connection to " + host + " failed";
        String detail = cause.getMessage();
        return "no answer from " + host + (detail != null && PLAIN.matcher(detail).matches()
                && !detail.contains("Exception") ? " (" + detail + ")" : "");
    }

    /** {@code 0.7 s}, {@code 30 s}, {@code 1.25 s}. */
    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }
}
