package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.Tc3Signer;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.emulator.Emulator;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.Models;
import io.cachesh.model.ShapeModel;
import io.cachesh.reliability.support.Envelopes;
import io.cachesh.reliability.support.FleetPrint;
import io.cachesh.reliability.support.Hostile;
import io.cachesh.reliability.support.Gen;
import io.cachesh.reliability.support.RawHttp;
import io.cachesh.reliability.support.Seeded;
import io.cachesh.reliability.support.RawHttp.Request;
import io.cachesh.reliability.support.TestEmulators;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tencent Redis API 3.0 ({@code POST /} with X-TC-* headers, TC3 or v1 signatures) under hostile input: every answer is
 * HTTP 200 in Tencent's envelope with an error code, never InternalError, never Java internals, and the fleet does not
 * change.
 */
class HostileTencentApiTest {

    static Emulator emulator;
    static int port;
    static ApiModel model;
    static List<String> actions;
    static Map<String, String> before;
    static final AtomicInteger cases = new AtomicInteger();

    @BeforeAll
    static void start() {
        emulator = TestEmulators.start(false);
        port = emulator.port();
        model = Models.load("tencent-redis");
        actions = new ArrayList<>(model.operations().keySet());
        TestEmulators.seed(emulator);
        before = FleetPrint.of(emulator);
    }

    @AfterAll
    static void stop() {
        System.out.println("HostileTencentApiTest: " + cases.get() + " hostile requests; discovered " + DISCOVERED);
        if (emulator != null) emulator.close();
    }

    static void assertFleetUnchanged(Object request) {
        assertThat(FleetPrint.of(emulator)).as("fleet after %s", request).isEqualTo(before);
    }

    static RawHttp.Response send(Request r) throws Exception {
        cases.incrementAndGet();
        RawHttp.Response answer = RawHttp.send(port, r);
        if (Boolean.getBoolean("reliability.discover") && answer.body().contains("InternalError")) {
            String action = headerOf(r, "X-TC-Action");
            DISCOVERED.merge(action + " " + answer.body().replaceAll(".*\\((\\w+)\\).*", "$1"), 1, Integer::sum);
            System.out.println("DISCOVERED " + r + "\n -> " + answer);
            return null;
        }
        return answer;
    }

    static final Map<String, Integer> DISCOVERED = new java.util.concurrent.ConcurrentHashMap<>();

    // ---- signing ---------------------------------------------------------------------------------------------------

    static Request tc3(String action, byte[] body, long timestamp, Credentials creds, String contentType) {
        String host = "127.0.0.1:" + port;
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("content-type", contentType);
        signed.put("host", host);
        String auth = Tc3Signer.authorization(creds,
                new Tc3Signer.Input("POST", "/", "", signed, body, "redis", timestamp));
        return Request.of("POST", "/").header("Host", host).header("Content-Type", contentType)
                .header("Authorization", auth).header("X-TC-Action", action)
                .header("X-TC-Timestamp", String.valueOf(timestamp)).header("X-TC-Version", model.version())
                .header("X-TC-Region", "ap-guangzhou").body(body);
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** A sanity check that the signer used here is accepted: a valid signed call succeeds. */
    @RepeatedTest(3)
    void aProperlySignedValidCallSucceeds() throws Exception {
        RawHttp.Response r = send(tc3("DescribeInstances", "{\"Limit\":10}".getBytes(StandardCharsets.UTF_8), now(),
                emulator.credentials(), "application/json; charset=utf-8"));
        assertThat(Envelopes.tencentAny(r, "DescribeInstances")).as("%s", r).isNull();
        assertThat(Envelopes.json(r, "").path("Response").path("TotalCount").asInt()).isEqualTo(1);
    }

    // ---- unsigned garbage ------------------------------------------------------------------------------------------

    static Request unsignedGarbage(Gen g) {
        String m = g.of("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "BREW");
        String a = g.oneOf(() -> g.of(actionsOrEmpty()), () -> Hostile.string(g),
                () -> g.of("", "describeinstances", "DescribeInstances ", "Describe/../Instances"));
        String b = g.oneOf(() -> g.of(Hostile.BAD_JSON), () -> "{\"Limit\":5}", () -> Hostile.string(g));
        List<String[]> h = g.listOf(8, () -> g.of(HEADER_MENU).clone());
        String t = g.of("/", "/", "/", "/?Action=DescribeInstances", "/?InstanceIds.0=..%2F..", "/?%00=%00", "/?a=%41%42",
                "/?" + "x=1&".repeat(500));
        int dup = g.between(0, 3);
        Request r = new Request(m, t, List.of(), b.getBytes(StandardCharsets.UTF_8));
        if (!a.isEmpty() || dup > 0) r = r.header("X-TC-Action", safeHeader(a));
        for (int i = 0; i < dup; i++) r = r.header("X-TC-Action", safeHeader(a) + i);
        for (String[] kv : h) r = r.header(kv[0], kv[1].replace("$NOW", String.valueOf(now())));
        return r;
    }

    static List<String> actionsOrEmpty() {
        return actions == null ? List.of("DescribeInstances") : actions;
    }

    /** Header values cannot carry CR/LF (that would be a different request); everything else goes. */
    static String safeHeader(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    static final List<String[]> HEADER_MENU = List.of(
            new String[]{"X-TC-Version", "2018-04-12"}, new String[]{"X-TC-Version", "2017-03-12"},
            new String[]{"X-TC-Version", ""}, new String[]{"X-TC-Region", "ap-guangzhou"},
            new String[]{"X-TC-Region", "../../etc"}, new String[]{"X-TC-Region", ""},
            new String[]{"X-TC-Timestamp", "$NOW"}, new String[]{"X-TC-Timestamp", "0"},
            new String[]{"X-TC-Timestamp", "-99999999999999999999"}, new String[]{"X-TC-Timestamp", "soon"},
            new String[]{"Authorization", "TC3-HMAC-SHA256 Credential=AKIDcacheshEmulator0000000000000000/2020-01-01/redis/tc3_request, SignedHeaders=content-type;host, Signature=00"},
            new String[]{"Authorization", "TC3-HMAC-SHA256 Credential=x/y/z/tc3_request, SignedHeaders=, Signature="},
            new String[]{"Authorization", "TC3-HMAC-SHA256"}, new String[]{"Authorization", "Basic Zm9vOmJhcg=="},
            new String[]{"Authorization", "TC3-HMAC-SHA256 Credential=/" + "/".repeat(50) + ", SignedHeaders=a;b;c, Signature=zz"},
            new String[]{"Authorization", ""}, new String[]{"Authorization", "TC3-HMAC-SHA256 Credential=AKIDcacheshEmulator0000000000000000/1970-01-01/redis/tc3_request, SignedHeaders=content-type;host;x-nope, Signature=ab"},
            new String[]{"Content-Type", "application/json"}, new String[]{"Content-Type", "application/x-www-form-urlencoded"},
            new String[]{"Content-Type", "multipart/form-data; boundary=--"}, new String[]{"Content-Type", "\u00ff\u00fe"},
            new String[]{"X-TC-Token", "token"}, new String[]{"X-TC-Language", "xx-XX"},
            new String[]{"Transfer-Encoding", "gzip"}, new String[]{"Content-Encoding", "gzip"});

    @TestFactory
    Stream<DynamicTest> unsignedGarbageGetsAnErrorEnvelopeAndChangesNothing() {
        return Seeded.cases("unsignedGarbage", 0x7E5C_0001L, 1500, HostileTencentApiTest::unsignedGarbage,
                HostileTencentApiTest::checkUnsignedGarbage);
    }

    static void checkUnsignedGarbage(Request request) throws Exception {
        RawHttp.Response r = send(request);
        if (r == null) return;
        if ((r.status() == 400 || r.status() == 501) && "text/html".equals(r.header("Content-Type"))) {
            // the JDK HTTP layer refused a malformed request before the emulator saw it (an unsupported Transfer-Encoding)
            Envelopes.noLeak(r, request);
        } else {
            Envelopes.tencentError(r, request);
        }
        assertFleetUnchanged(request);
    }

    // ---- v1 (form) garbage -----------------------------------------------------------------------------------------

    static Request v1Garbage(Gen g) {
        String action = g.of(actionsOrEmpty());
        String key = Hostile.string(g);
        String value = Hostile.string(g);
        String method = g.of("HmacSHA1", "HmacSHA256", "HmacMD5", "");
        long skew = g.between(-2L, 2L);
        boolean sign = g.bool();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", action);
        p.put("Version", model.version());
        p.put("Region", "ap-guangzhou");
        p.put("Timestamp", String.valueOf(now() + skew * 1000));
        p.put("Nonce", "123");
        p.put("SecretId", emulator.credentials().keyId());
        p.put("SignatureMethod", method);
        p.put(key.isEmpty() ? "InstanceId" : key, value);
        String host = "127.0.0.1:" + port;
        Map<String, String> form = p;
        if (sign && !method.isEmpty() && !method.equals("HmacMD5")) {
            form = TencentV1Signer.sign(emulator.credentials().secret(), method.equals("HmacSHA1")
                    ? SignatureMethod.HMAC_SHA1 : SignatureMethod.HMAC_SHA256, "POST", host, "/", p);
        } else {
            form.put("Signature", Hostile.nasty(g.random()));
        }
        return Request.of("POST", "/").header("Host", host)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(TencentV1Signer.formEncode(form));
    }

    @TestFactory
    Stream<DynamicTest> v1FormGarbageGetsAnErrorEnvelopeAndChangesNothing() {
        return Seeded.cases("v1Garbage", 0x7E5C_0002L, 700, HostileTencentApiTest::v1Garbage,
                HostileTencentApiTest::checkV1Garbage);
    }

    static void checkV1Garbage(Request request) throws Exception {
        RawHttp.Response r = send(request);
        if (r == null) return;
        Envelopes.tencentAny(r, request);
        assertFleetUnchanged(request);
    }

    // ---- signed, semantically hostile ------------------------------------------------------------------------------

    /** A model operation with one member of the wrong JSON type and the others hostile or left out. */
    static Request signedWrongTypes(Gen g) {
        String action = g.of(actionsOrEmpty());
        boolean wrongType = g.bool();
        var random = g.random();
        ObjectNode body = Hostile.JSON.createObjectNode();
        ShapeModel shape = model.shapes().get(model.operations().get(action).input());
        List<Map.Entry<String, MemberModel>> members = shape == null ? List.of()
                : new ArrayList<>(shape.members().entrySet());
        int target = members.isEmpty() ? -1 : random.nextInt(members.size());
        for (int i = 0; i < members.size(); i++) {
            MemberModel m = members.get(i).getValue();
            if (i == target && wrongType) {
                body.set(members.get(i).getKey(), Hostile.wrongType(m.type(), random));
            } else if (i == target || shape.isRequired(members.get(i).getKey()) || random.nextInt(3) == 0) {
                body.set(members.get(i).getKey(), Hostile.hostileValue(model, m, random, 0));
            }
        }
        if (members.isEmpty() || random.nextInt(10) == 0) body.put(Hostile.nasty(random), "x");
        return tc3(action, body.toString().getBytes(StandardCharsets.UTF_8), now(), emulator.credentials(),
                "application/json; charset=utf-8");
    }

    @TestFactory
    Stream<DynamicTest> signedHostileParamsNeverBreakTheEmulatorNorChangeTheFleet() {
        return Seeded.cases("signedWrongTypes", 0x7E5C_0003L, 2500, HostileTencentApiTest::signedWrongTypes,
                HostileTencentApiTest::checkSignedWrongTypes);
    }

    static void checkSignedWrongTypes(Request request) throws Exception {
        RawHttp.Response r = send(request);
        if (r == null) return;
        Envelopes.tencentAny(r, request);
        assertFleetUnchanged(request);
    }

    // ---- signatures ------------------------------------------------------------------------------------------------

    static Request badSignatures(Gen g) {
        String action = g.of(actionsOrEmpty());
        long s = g.oneOf(() -> g.between(3600L, 10_000_000L), () -> g.between(-10_000_000L, -3600L));
        int how = g.between(0, 5);
        String junk = Hostile.string(g);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Credentials good = emulator.credentials();
        return switch (how) {
            case 0 -> tc3(action, body, now() + s, good, "application/json");            // expired/future
            case 1 -> tc3(action, body, now(), Credentials.of(good.keyId(), "wrong-" + junk), "application/json");
            case 2 -> tc3(action, body, now(), Credentials.of("AKID" + safeHeader(junk).replace(",", ";"), good.secret().reveal()), "application/json");
            case 3 -> {                                                                     // tampered body
                Request r = tc3(action, body, now(), good, "application/json");
                yield r.body("{\"InstanceId\":\"" + safeJson(junk) + "\"}");
            }
            case 4 -> {                                                                     // tampered action
                Request r = tc3("DescribeInstances", body, now(), good, "application/json");
                List<String[]> h = new ArrayList<>(r.headers());
                h.removeIf(kv -> kv[0].equals("Authorization"));
                yield new Request(r.method(), r.target(), h, r.body())
                        .header("Authorization", headerOf(r, "Authorization").replaceAll("Signature=\\w{4}", "Signature=ffff"));
            }
            default -> {                                                                    // token never issued
                Request r = tc3(action, body, now(), good, "application/json");
                yield r.header("X-TC-Token", safeHeader(junk) + "t");
            }
        };
    }

    static String headerOf(Request r, String name) {
        return r.headers().stream().filter(kv -> kv[0].equalsIgnoreCase(name)).findFirst().map(kv -> kv[1]).orElse("");
    }

    static String safeJson(String s) {
        return Hostile.JSON.getNodeFactory().textNode(s).toString().replaceAll("^\"|\"$", "");
    }

    @TestFactory
    Stream<DynamicTest> badSignaturesAreAuthFailures() {
        return Seeded.cases("badSignatures", 0x7E5C_0004L, 700, HostileTencentApiTest::badSignatures,
                HostileTencentApiTest::checkBadSignature);
    }

    static void checkBadSignature(Request request) throws Exception {
        RawHttp.Response r = send(request);
        if (r == null) return;
        String code = Envelopes.tencentError(r, request);
        if (startsWithAControlSeparator(request)) {
            // not HTTP (RFC 9110 §5.6.3: only SP and HTAB may separate a field's colon from its value): refused as a
            // malformed request, in Tencent's envelope, before the signature is looked at
            assertThat(code).as("%s\nfor %s", r, request).matches("UnsupportedProtocol|AuthFailure.*");
        } else {
            assertThat(code).as("%s\nfor %s", r, request).startsWith("AuthFailure");
        }
        assertFleetUnchanged(request);
    }

    static boolean startsWithAControlSeparator(Request request) {
        return request.headers().stream().anyMatch(h -> !h[1].isEmpty() && h[1].charAt(0) != ' ' && h[1].charAt(0) != '\t'
                && (Character.isWhitespace(h[1].charAt(0)) || Character.isISOControl(h[1].charAt(0))));
    }

    /** Injecting JSON into the JSON: the parsed members must stay data. */
    @TestFactory
    Stream<DynamicTest> jsonNeverSmugglesAnotherAction() {
        return Seeded.cases("smuggled", 0x7E5C_0005L, 200, HostileTencentApiTest::smuggled,
                HostileTencentApiTest::checkSmuggled);
    }

    static void checkSmuggled(String body) throws Exception {
        RawHttp.Response r = send(tc3("DescribeInstances", body.getBytes(StandardCharsets.UTF_8), now(),
                emulator.credentials(), "application/json"));
        String code = Envelopes.tencentAny(r, body);
        if (code == null) {
            JsonNode set = Envelopes.json(r, body).path("Response").path("InstanceSet");
            assertThat(set.size()).isLessThanOrEqualTo(1);
        }
        assertFleetUnchanged(body);
    }

    static String smuggled(Gen g) {
        return "{\"SearchKey\":" + Hostile.JSON.getNodeFactory().textNode(Hostile.string(g))
                + ",\"Action\":\"DestroyPostpaidInstance\",\"InstanceId\":\"" + "x\"}";
    }

    /**
     * Two Authorization headers (or two X-TC-Action headers) make the request ambiguous: a gateway must refuse it
     * rather than pick one. The emulator takes the first value and ignores the second.
     */
    @Test
    void duplicatedAuthorizationOrActionHeadersAreRefused() throws Exception {
        Request signed = tc3("DescribeInstances", "{}".getBytes(StandardCharsets.UTF_8), now(), emulator.credentials(),
                "application/json");
        Request twoAuth = signed.header("Authorization", "TC3-HMAC-SHA256 Credential=" + emulator.credentials().keyId()
                + "/2000-01-01/redis/tc3_request, SignedHeaders=content-type;host, Signature=00");
        assertThat(Envelopes.tencentError(send(twoAuth), twoAuth)).startsWith("AuthFailure");
        Request twoActions = signed.header("X-TC-Action", "DestroyPostpaidInstance");
        assertThat(Envelopes.tencentError(send(twoActions), twoActions)).isEqualTo("InvalidParameter");
        for (String name : List.of("X-TC-Timestamp", "X-TC-Version", "X-TC-Region")) {
            Request twice = signed.header(name, headerOf(signed, name));
            RawHttp.Response answer = send(twice);
            assertThat(Envelopes.tencentError(answer, twice)).isEqualTo("InvalidParameter");
            assertThat(Envelopes.json(answer, twice).path("Response").path("Error").path("Message").asText()).contains(name);
        }
        assertFleetUnchanged("duplicated headers");
    }

    /**
     * BUG 9 (fixed): a request-target that is not a valid URI ({@code %zz}) was refused by the JDK's HTTP server itself,
     * before the emulator saw it, with a text/html body naming the Java exception. Now the emulator splits the target
     * itself, keeps a broken percent-escape as sent, and the request reaches the vendor's front-end: Tencent's
     * envelope (HTTP 200) on {@code /}, Huawei's error form on a {@code /v2/} path, a JSON 404 on a path no
     * vendor serves.
     */
    @Test
    void anInvalidRequestTargetIsRefusedWithoutNamingAJavaException() throws Exception {
        for (String target : List.of("/?a=%zz", "/?%", "/?a=%", "/?a=%e4%zz&b=%%", "/%zz", "/%e4%b8", "/v2/%zz/instances",
                "/v2/%/instances")) {
            Request r = Request.of("POST", target).header("X-TC-Action", "DescribeInstances").body("{}");
            RawHttp.Response answer = send(r);
            Envelopes.noLeak(answer, r);
            if (target.startsWith("/?")) {
                assertThat(Envelopes.tencentError(answer, r)).startsWith("AuthFailure");
            } else if (target.startsWith("/v2")) {
                assertThat(answer.status()).as("%s", answer).isBetween(400, 404);
                assertThat(Envelopes.huaweiError(answer, r)).isNotBlank();
            } else {
                assertThat(answer.status()).as("%s", answer).isEqualTo(404);
                assertThat(Envelopes.json(answer, r).path("error").asText()).contains("no emulated API");
            }
        }
        // a signed call whose query holds a broken escape: the signature covers the query as sent, so it is refused
        Request signed = tc3("DescribeInstances", "{}".getBytes(StandardCharsets.UTF_8), now(), emulator.credentials(),
                "application/json");
        Request badQuery = new Request("POST", "/?a=%zz", signed.headers(), signed.body());
        assertThat(Envelopes.tencentError(send(badQuery), badQuery)).startsWith("AuthFailure");
        assertFleetUnchanged("invalid request-targets");
    }

    /** The absolute form of a request-target ({@code POST http://host/ HTTP/1.1}, RFC 9112 §3.2.2) is served like {@code /}. */
    @Test
    void anAbsoluteFormTargetIsServed() throws Exception {
        Request signed = tc3("DescribeInstances", "{\"Limit\":10}".getBytes(StandardCharsets.UTF_8), now(),
                emulator.credentials(), "application/json");
        Request absolute = new Request("POST", "http://127.0.0.1:" + port + "/", signed.headers(), signed.body());
        RawHttp.Response answer = send(absolute);
        assertThat(Envelopes.tencentAny(answer, absolute)).as("%s", answer).isNull();
        assertThat(Envelopes.json(answer, absolute).path("Response").path("TotalCount").asInt()).isEqualTo(1);
    }

    /**
     * Requests no client would write: each gets its vendor's envelope when its path names a vendor, else a JSON 400;
     * never HTML, a 500 or a stack trace, and the connection is closed after the answer (the read ends).
     */
    @Test
    void malformedRequestLinesAndHeadersGetAnEnvelopeOrAJson400() throws Exception {
        String tencentHead = "X-TC-Action: DescribeInstances\r\nContent-Type: application/json\r\n";
        // no Host: an ordinary Tencent refusal (the signature covers the host)
        RawHttp.Response noHost = RawHttp.sendRaw(port, "POST / HTTP/1.1\r\n" + tencentHead
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertThat(Envelopes.tencentError(noHost, "no Host")).startsWith("AuthFailure");
        // two Content-Length headers (equal or not): the body's end is ambiguous, Tencent's protocol error
        for (String lengths : List.of("Content-Length: 2\r\nContent-Length: 2", "Content-Length: 2\r\nContent-Length: 7",
                "Content-Length: 2, 7")) {
            String raw = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + tencentHead + lengths + "\r\n\r\n{}";
            assertThat(Envelopes.tencentError(RawHttp.sendRaw(port, raw), lengths)).isEqualTo("UnsupportedProtocol");
        }
        String huawei = "POST /v2/" + emulator.huaweiProjectId() + "/instances HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 7\r\n\r\n{}";
        RawHttp.Response huaweiAnswer = RawHttp.sendRaw(port, huawei);
        assertThat(huaweiAnswer.status()).as("%s", huaweiAnswer).isEqualTo(400);
        assertThat(Envelopes.huaweiError(huaweiAnswer, huawei)).isNotBlank();
        // the legacy v2 API (HTTP 200, a non-zero code) and CapitalOnline (Code and Message, a 400)
        RawHttp.Response legacy = RawHttp.sendRaw(port, "POST /v2/index.php HTTP/1.1\r\nHost: redis.api.qcloud.com\r\n"
                + "Content-Length: 2\r\nContent-Length: 7\r\n\r\n{}");
        Envelopes.noLeak(legacy, "legacy");
        assertThat(legacy.status()).as("%s", legacy).isEqualTo(200);
        assertThat(Envelopes.json(legacy, "legacy").path("code").asInt()).as("%s", legacy).isEqualTo(4000);
        RawHttp.Response capital = RawHttp.sendRaw(port, "POST /memcached?Action=DescribeInstances HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 7\r\n\r\n{}");
        Envelopes.noLeak(capital, "capitalonline");
        assertThat(capital.status()).as("%s", capital).isEqualTo(400);
        assertThat(Envelopes.json(capital, "capitalonline").path("Code").asText()).isEqualTo("InvalidParameter");
        // a broken chunk on a Tencent path
        RawHttp.Response badChunk = RawHttp.sendRaw(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + tencentHead
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertThat(Envelopes.tencentError(badChunk, "bad chunk")).isEqualTo("UnsupportedProtocol");
        // no vendor can be told: a JSON 400
        for (String raw : List.of("HELLO\r\n\r\n", "GET\r\n\r\n", "GET /nothing HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n", "\u0001\u0002\u00ff garbage \u0000\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", "GET nopath HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST nopath HTTP/1.1\r\nHost: x\r\nContent-Length: 20971520\r\n\r\n{",
                "GET /nothing HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
                "GET /nothing HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(70_000) + "\r\n\r\n")) {
            RawHttp.Response answer = RawHttp.sendRaw(port, raw);
            String shown = raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
            Envelopes.noLeak(answer, shown);
            assertThat(answer.status()).as("%s -> %s", shown, answer).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as("%s -> %s", shown, answer).startsWith("application/json");
            assertThat(Envelopes.json(answer, shown).path("error").asText()).as("%s -> %s", shown, answer)
                    .startsWith("malformed request");
        }
        assertThat(RawHttp.send(port, Request.of("GET", "/_emulator/health")).status()).isEqualTo(200);
        assertFleetUnchanged("malformed requests");
    }

    /** BUG 1 (fixed): a form key with an empty dotted segment gave InternalError; now it is an unknown parameter. */
    @Test
    void aFormKeyWithAnEmptySegmentIsAnUnknownParameter() throws Exception {
        for (String key : List.of(".", "a.", ".a", "InstanceIds..0")) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("Action", "DescribeInstances");
            p.put("Version", model.version());
            p.put("Region", "ap-guangzhou");
            p.put("Timestamp", String.valueOf(now()));
            p.put("Nonce", "1");
            p.put("SecretId", emulator.credentials().keyId());
            p.put("SignatureMethod", "HmacSHA256");
            p.put(key, "x");
            String host = "127.0.0.1:" + port;
            Map<String, String> form = TencentV1Signer.sign(emulator.credentials().secret(), SignatureMethod.HMAC_SHA256,
                    "POST", host, "/", p);
            Request r = Request.of("POST", "/").header("Host", host)
                    .header("Content-Type", "application/x-www-form-urlencoded").body(TencentV1Signer.formEncode(form));
            assertThat(Envelopes.tencentError(send(r), r)).isIn("UnknownParameter", "InvalidParameter");
        }
    }

    /** BUG 2 (fixed): a negative Offset gave InternalError (Stream.skip); every paging action now refuses it. */
    @Test
    void aNegativeOffsetIsAnInvalidParameterValue() throws Exception {
        for (String action : List.of("DescribeTaskList", "DescribeInstanceBackups", "DescribeInstances",
                "DescribeReplicationGroup")) {
            for (String body : List.of("{\"Offset\":-1,\"Limit\":10}", "{\"Limit\":-1,\"Offset\":0}",
                    "{\"Offset\":-9223372036854775808,\"Limit\":10}")) {
                Request r = tc3(action, body.getBytes(StandardCharsets.UTF_8), now(), emulator.credentials(),
                        "application/json");
                RawHttp.Response answer = send(r);
                assertThat(Envelopes.tencentError(answer, r)).as("%s", answer).isEqualTo("InvalidParameterValue");
                assertThat(Envelopes.json(answer, r).path("Response").path("Error").path("Message").asText())
                        .containsAnyOf("Offset", "Limit");
            }
        }
        assertFleetUnchanged("negative paging");
    }
}
