package io.cachesh.client.auth;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Huawei Cloud API Gateway AK/SK signing, {@code SDK-HMAC-SHA256}, exactly as the official
 * {@code huaweicloud-sdk-core} {@code AKSKSigner} computes it (checked against it in
 * {@code HuaweiAkSkSignerSdkParityTest}):
 * <ol>
 * <li>{@code X-Sdk-Date: yyyyMMdd'T'HHmmss'Z'} (UTC) and {@code Host} with the port when it is not the default;</li>
 * <li>signed headers: every request header except {@code Content-Type} and names containing {@code _},
 *     lower-cased and sorted; canonical headers {@code name:value\n} each, values as sent;</li>
 * <li>canonical URI: each segment of the (already encoded) path URL-encoded again, each followed by {@code /} (so it
 *     always ends with {@code /}); {@code /} stays {@code /};</li>
 * <li>canonical query: names and values URL-encoded ({@code %20} for space, {@code ~} kept, {@code *} as
 *     {@code %2A}), sorted by name, repeated names in the order sent;</li>
 * <li>payload hash: hex SHA-256 of the body (of {@code ""} when empty), or the {@code X-Sdk-Content-Sha256} header;</li>
 * <li>{@code StringToSign = "SDK-HMAC-SHA256\n" + date + "\n" + hex(sha256(canonicalRequest))}, signature
 *     {@code hex(HMAC-SHA256(SK, StringToSign))}, no key derivation;</li>
 * <li>{@code Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex}.</li>
 * </ol>
 */
public final class HuaweiAkSkSigner {

    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    public static final String DATE_HEADER = "X-Sdk-Date";
    public static final String CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256";
    public static final String PROJECT_ID_HEADER = "X-Project-Id";
    public static final String SECURITY_TOKEN_HEADER = "X-Security-Token";
    public static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ENCODED = Pattern.compile(Pattern.quote("+") + "|" + Pattern.quote("*") + "|"
            + Pattern.quote("%7E") + "|" + Pattern.quote("%2F"));

    private HuaweiAkSkSigner() {
    }

    /**
     * One request to sign.
     *
     * @param method      HTTP method, upper case
     * @param encodedPath the path as sent, percent-encoded ({@code /v2/p1/instances})
     * @param query       query parameters, decoded, in the order sent (a name may repeat)
     * @param headers     the headers sent, by name as sent, including {@code Host} and {@code X-Sdk-Date}, without
     *                    {@code Authorization}; which of them are signed is decided by {@link #signedHeaderNames}
     * @param body        the body bytes, empty for none
     */
    public record Input(String method, String encodedPath, List<Map.Entry<String, String>> query,
                        Map<String, String> headers, byte[] body) {

        public Input {
            Objects.requireNonNull(method, "method == null");
            encodedPath = encodedPath == null || encodedPath.isEmpty() ? "/" : encodedPath;
            query = query == null ? List.of() : List.copyOf(query);
            headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
            body = body == null ? new byte[0] : body.clone();
        }

        /**
         * A request as a server receives it (the emulator's view).
         *
         * @param rawTarget the request target as sent: encoded path and optional encoded query ({@code /v2/p/instances?limit=10})
         */
        public static Input fromRequest(String method, String rawTarget, Map<String, String> headers, byte[] body) {
            int question = rawTarget.indexOf('?');
            String path = question < 0 ? rawTarget : rawTarget.substring(0, question);
            String query = question < 0 ? null : rawTarget.substring(question + 1);
            return new Input(method, path, parseQuery(query), headers, body);
        }

        /** The value of a header, case-insensitively, or null. */
        public String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
            }
            return null;
        }
    }

    /** {@code 20240416T095341Z}. */
    public static String date(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) return DATE.format(instant);
        // by hand: the formatter was a visible share of signing a small call
        char[] out = new char[16];
        digits(out, 0, t.getYear(), 4);
        digits(out, 4, t.getMonthValue(), 2);
        digits(out, 6, t.getDayOfMonth(), 2);
        out[8] = 'T';
        digits(out, 9, t.getHour(), 2);
        digits(out, 11, t.getMinute(), 2);
        digits(out, 13, t.getSecond(), 2);
        out[15] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) out[i] = (char) ('0' + value % 10);
    }

    /** The signed headers (lower-case name to value, sorted): all but {@code Content-Type} and names with {@code _}. */
    public static SortedMap<String, String> signedHeaders(Map<String, String> headers) {
        SortedMap<String, String> out = new TreeMap<>();
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.contains("_")) {
                out.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return out;
    }

    public static String signedHeaderNames(Map<String, String> headers) {
        return String.join(";", signedHeaders(headers).keySet());
    }

    /** Each segment of the encoded path encoded again and followed by {@code /}; {@code /} stays {@code /}. */
    public static String canonicalUri(String encodedPath) {
        if (encodedPath.equals("/")) return "/";
        StringBuilder out = new StringBuilder();
        for (String segment : encodedPath.split("/")) out.append(urlEncode(segment, false)).append('/');
        return out.toString();
    }

    /** Encoded names sorted, each name's values encoded in the order sent: {@code a=1&b=x&b=y}. */
    public static String canonicalQuery(List<Map.Entry<String, String>> query) {
        SortedMap<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : query) {
            sorted.computeIfAbsent(urlEncode(e.getKey(), false), k -> new ArrayList<>()).add(urlEncode(e.getValue(), false));
        }
        StringBuilder out = new StringBuilder();
        sorted.forEach((name, values) -> {
            for (String value : values) {
                if (out.length() > 0) out.append('&');
                out.append(name).append('=').append(value);
            }
        });
        return out.toString();
    }

    public static String payloadHash(Input in) {
        String declared = in.header(CONTENT_SHA256_HEADER);
        if (declared != null) return declared;
        return in.body().length == 0 ? EMPTY_BODY_SHA256 : hex(sha256(in.body()));
    }

    /** The canonical request over the headers {@link #signedHeaders} selects. */
    public static String canonicalRequest(Input in) {
        return canonicalRequest(in, signedHeaders(in.headers()));
    }

    private static String canonicalRequest(Input in, SortedMap<String, String> signed) {
        StringBuilder headers = new StringBuilder();
        signed.forEach((name, value) -> headers.append(name).append(':').append(value).append('\n'));
        return String.join("\n", in.method().toUpperCase(Locale.ROOT), canonicalUri(in.encodedPath()),
                canonicalQuery(in.query()), headers.toString(), String.join(";", signed.keySet()), payloadHash(in));
    }

    public static String stringToSign(String date, String canonicalRequest) {
        return ALGORITHM + "\n" + date + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hex signature of a request whose headers hold its {@code X-Sdk-Date}. */
    public static String signature(Secret sk, Input in) {
        String date = requireDate(in);
        return hex(hmac(sk, stringToSign(date, canonicalRequest(in))));
    }

    /** {@code SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=hex}. */
    public static String authorization(Credentials credentials, Input in) {
        SortedMap<String, String> signed = signedHeaders(in.headers());
        String signature = hex(hmac(credentials.secret(), stringToSign(requireDate(in), canonicalRequest(in, signed))));
        return ALGORITHM + " Access=" + credentials.keyId() + ", SignedHeaders=" + String.join(";", signed.keySet())
                + ", Signature=" + signature;
    }

    /**
     * The emulator's check: recomputes the signature over the headers the {@code Authorization} header names (the
     * client chose them) and compares in constant time. The key id must be {@code credentials.keyId()}.
     *
     * @param authorization the {@code Authorization} header received
     * @param in            the request received; its headers must include every signed one and {@code X-Sdk-Date}
     */
    public static boolean verify(Credentials credentials, String authorization, Input in) {
        Authorization parsed = Authorization.parse(authorization);
        if (parsed == null || !parsed.access().equals(credentials.keyId()) || in.header(DATE_HEADER) == null) return false;
        SortedMap<String, String> signed = new TreeMap<>();
        for (String name : parsed.signedHeaders()) {
            String value = in.header(name);
            if (value == null) return false;
            signed.put(name.toLowerCase(Locale.ROOT), value);
        }
        if (!signed.containsKey("x-sdk-date")) return false;
        String expected = hex(hmac(credentials.secret(), stringToSign(in.header(DATE_HEADER), canonicalRequest(in, signed))));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parsed.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** The parts of an {@code SDK-HMAC-SHA256} {@code Authorization} header. */
    public record Authorization(String access, List<String> signedHeaders, String signature) {

        private static final Pattern FORMAT = Pattern.compile(
                "^" + ALGORITHM + " Access=([^,\\s]+), SignedHeaders=([^,\\s]+), Signature=([0-9a-f]+)$");

        /** The parts, or null when the header is not an {@code SDK-HMAC-SHA256} authorization. */
        public static Authorization parse(String header) {
            if (header == null) return null;
            Matcher m = FORMAT.matcher(header.strip());
            if (!m.matches()) return null;
            return new Authorization(m.group(1), List.of(m.group(2).split(";")), m.group(3));
        }

        @Override
        public String toString() {
            return "Authorization[access=" + access + ", signedHeaders=" + signedHeaders + ", signature=" + Secret.MASK + "]";
        }
    }

    /** The query of an encoded query string ({@code a=1&b=x%20y}) as decoded pairs in order; null or empty gives none. */
    public static List<Map.Entry<String, String>> parseQuery(String encodedQuery) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (encodedQuery == null || encodedQuery.isEmpty()) return out;
        for (String pair : encodedQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(Map.entry(decode(name), decode(value)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The SDK's {@code SignUtils.urlEncode}: form encoding with {@code %20}, {@code %2A}, {@code ~}, and {@code /} kept when {@code path}. */
    static String urlEncode(String value, boolean path) {
        if (value == null) return "";
        if (isUnreserved(value)) return value; // what the encoding below gives back for these characters
        String encoded;
        try {
            encoded = URLEncoder.encode(value, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        Matcher m = ENCODED.matcher(encoded);
        StringBuilder out = new StringBuilder(encoded.length());
        while (m.find()) {
            String replacement = switch (m.group()) {
                case "+" -> "%20";
                case "*" -> "%2A";
                case "%7E" -> "~";
                default -> path ? "/" : "%2F";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Only {@code A-Z a-z 0-9 - . _ ~}: the characters every step of {@link #urlEncode} leaves as they are. */
    private static boolean isUnreserved(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!plain) return false;
        }
        return true;
    }

    private static String requireDate(Input in) {
        String date = in.header(DATE_HEADER);
        if (date == null) throw new IllegalArgumentException("the request has no " + DATE_HEADER + " header");
        return date;
    }

    static byte[] sha256(byte[] data) {
        return Crypto.sha256(data);
    }

    private static byte[] hmac(Secret key, String data) {
        return Crypto.hmac("HmacSHA256", key.reveal().getBytes(StandardCharsets.UTF_8),
                data.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        return out.toString();
    }
}
