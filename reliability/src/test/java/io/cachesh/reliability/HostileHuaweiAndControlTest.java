package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.HuaweiAkSkSigner;
import io.cachesh.emulator.Emulator;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.Models;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import io.cachesh.reliability.support.Envelopes;
import io.cachesh.reliability.support.FleetPrint;
import io.cachesh.reliability.support.Gen;
import io.cachesh.reliability.support.Hostile;
import io.cachesh.reliability.support.RawHttp;
import io.cachesh.reliability.support.RawHttp.Request;
import io.cachesh.reliability.support.Seeded;
import io.cachesh.reliability.support.TestEmulators;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Huawei DCS (v2 {@code /v2/{project}/...}, v1.0 {@code /v1.0/{project}/...}, IAM {@code /v3/auth/tokens}), the control
 * endpoints {@code /_emulator/*}, Tencent legacy v2/CMEM ({@code /v2/index.php}, v1 signatures) and CapitalOnline
 * ({@code /memcached}): hostile requests get an error envelope, never a 500 or Java
 * internals, and the fleet does not change.
 */
class HostileHuaweiAndControlTest {

    static Emulator emulator;
    static int port;
    static ApiModel v2;
    static ApiModel v1;
    static List<Object[]> operations;   // {model, name, op}
    static Map<String, String> before;
    static final AtomicInteger cases = new AtomicInteger();

    @BeforeAll
    static void start() {
        emulator = TestEmulators.start(false);
        port = emulator.port();
        v2 = Models.load("huawei-dcs-v2");
        v1 = Models.load("huawei-dcs-v1");
        operations = new ArrayList<>();
        for (ApiModel m : List.of(v2, v1)) {
            m.operations().forEach((name, op) -> {
                if (op.http() != null) operations.add(new Object[]{m, name, op});
            });
        }
        TestEmulators.seed(emulator);
        before = FleetPrint.of(emulator);
    }

    @AfterAll
    static void stop() {
        System.out.println("HostileHuaweiAndControlTest: " + cases.get() + " hostile requests");
        if (emulator != null) emulator.close();
    }

    static RawHttp.Response send(Request r) throws Exception {
        cases.incrementAndGet();
        return RawHttp.send(port, r);
    }

    static void assertFleetUnchanged(Object request) {
        emulator.faults().clear();
        assertThat(FleetPrint.of(emulator)).as("fleet after %s", request).isEqualTo(before);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- Huawei ----------------------------------------------------------------------------------------------------

    enum Auth { AKSK, NONE, GARBAGE, EXPIRED, WRONG_KEY, TOKEN, TAMPERED }

    static Request huaweiHostile(Gen g) {
        int opIndex = g.between(0, 1_000_000);
        Auth auth = g.of(Auth.values());
        boolean ownProject = g.bool();
        boolean wrongMethod = g.bool();
        RandomGenerator random = g.random();
        Object[] o = operations.get(opIndex % operations.size());
        ApiModel model = (ApiModel) o[0];
        OperationModel op = (OperationModel) o[2];
        ShapeModel shape = model.shapes().get(op.input());
        String uri = op.http().uri();
        ObjectNode body = Hostile.JSON.createObjectNode();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        if (shape != null) {
            for (Map.Entry<String, MemberModel> e : shape.members().entrySet()) {
                MemberModel m = e.getValue();
                String wire = m.wireName() != null ? m.wireName() : e.getKey();
                String loc = m.location() == null ? "body" : m.location();
                switch (loc) {
                    case "path" -> {
                        String v = wire.equals("project_id") && ownProject ? emulator.huaweiProjectId()
                                : Hostile.nasty(random);
                        uri = uri.replace("{" + wire + "}", v.isEmpty() ? "%20" : enc(v));
                    }
                    case "query" -> {
                        if (random.nextBoolean()) query.append(query.length() == 0 ? "?" : "&").append(enc(wire))
                                .append('=').append(enc(Hostile.nasty(random)));
                    }
                    case "header" -> {
                        if (random.nextBoolean()) headers.put(wire, Hostile.nasty(random).replaceAll("[\\r\\n\\x00]", "_"));
                    }
                    default -> {
                        if (random.nextInt(3) == 0) body.set(wire, Hostile.wrongType(m.type(), random));
                        else if (shape.isRequired(e.getKey()) || random.nextBoolean()) {
                            body.set(wire, Hostile.hostileValue(model, m, random, 0));
                        }
                    }
                }
            }
        }
        uri = uri.replaceAll("\\{[^}]+}", "x");
        String method = wrongMethod && random.nextInt(3) == 0
                ? List.of("GET", "PUT", "DELETE", "PATCH", "POST").get(random.nextInt(5)) : op.http().method();
        byte[] payload = random.nextInt(6) == 0
                ? Hostile.BAD_JSON.get(random.nextInt(Hostile.BAD_JSON.size())).getBytes(StandardCharsets.UTF_8)
                : body.toString().getBytes(StandardCharsets.UTF_8);
        if ("GET".equals(method) || "DELETE".equals(method) && random.nextBoolean()) payload = new byte[0];
        return huaweiRequest(method, uri + query, headers, payload, auth);
    }

    static Request huaweiRequest(String method, String target, Map<String, String> extra, byte[] body, Auth auth) {
        String host = "127.0.0.1:" + port;
        Instant at = auth == Auth.EXPIRED ? Instant.now().minusSeconds(3600) : Instant.now();
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Host", host);
        headers.put("Content-Type", "application/json;charset=UTF-8");
        headers.put(HuaweiAkSkSigner.DATE_HEADER, HuaweiAkSkSigner.date(at));
        Credentials creds = auth == Auth.WRONG_KEY ? Credentials.of(emulator.credentials().keyId(), "not-the-key")
                : emulator.credentials();
        Request r = Request.of(method, target);
        for (Map.Entry<String, String> h : headers.entrySet()) r = r.header(h.getKey(), h.getValue());
        switch (auth) {
            case AKSK, EXPIRED, WRONG_KEY, TAMPERED -> {
                String authorization = HuaweiAkSkSigner.authorization(creds,
                        HuaweiAkSkSigner.Input.fromRequest(method, target, headers, body));
                r = r.header("Authorization", authorization);
                if (auth == Auth.TAMPERED) body = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
            }
            case GARBAGE -> r = r.header("Authorization", "SDK-HMAC-SHA256 Access=../../x, SignedHeaders=host, Signature=zz");
            case TOKEN -> r = r.header("X-Auth-Token", "MIIforged" + "A".repeat(200));
            case NONE -> {
            }
        }
        return r.body(body);
    }

    @TestFactory
    Stream<DynamicTest> huaweiHostileRequestsGetTheirErrorFormAndChangeNothing() {
        return Seeded.cases("huaweiHostile", 0x4A11_0001L, 2500, HostileHuaweiAndControlTest::huaweiHostile,
                HostileHuaweiAndControlTest::checkHuawei);
    }

    static void checkHuawei(Request request) throws Exception {
        RawHttp.Response r = send(request);
        boolean signed = request.has("Authorization") && request.headers().stream()
                .anyMatch(h -> h[0].equals("Authorization") && h[1].contains("Access=" + emulator.credentials().keyId()));
        if (r.status() >= 200 && r.status() < 300) {
            assertThat(signed).as("only a valid AK/SK signature may succeed: %s\nfor %s", r, request).isTrue();
            Envelopes.noLeak(r, request);
        } else {
            String code = Envelopes.huaweiError(r, request);
            if (!signed) assertThat(code).as("%s", r).isNotEqualTo("DCS.5501");
        }
        assertFleetUnchanged(request);
    }

    static Request iamHostile(Gen g) {
        String method = g.of("POST", "GET", "PUT", "DELETE");
        String user = Hostile.string(g);
        String password = Hostile.string(g);
        String bad = g.of(Hostile.BAD_JSON);
        int shape = g.between(0, 3);
        String body = switch (shape) {
            case 0 -> bad;
            case 1 -> "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":"
                    + Hostile.JSON.getNodeFactory().textNode(user) + ",\"password\":"
                    + Hostile.JSON.getNodeFactory().textNode(password) + ",\"domain\":{\"name\":\"cachesh\"}}}},"
                    + "\"scope\":{\"project\":{\"name\":\"cn-north-4\"}}}}";
            case 2 -> "{\"auth\":{\"identity\":{\"methods\":" + Hostile.JSON.getNodeFactory().textNode(user) + "}}}";
            default -> "{\"auth\":[1,2,3]}";
        };
        return Request.of(method, shape == 3 ? "/v3/auth/tokens/" : "/v3/auth/tokens")
                .header("Content-Type", "application/json").body(body);
    }

    @TestFactory
    Stream<DynamicTest> iamTokenEndpointRefusesGarbage() {
        return Seeded.cases("iamHostile", 0x4A11_0002L, 500, HostileHuaweiAndControlTest::iamHostile,
                HostileHuaweiAndControlTest::checkIam);
    }

    static void checkIam(Request request) throws Exception {
        RawHttp.Response r = send(request);
        Envelopes.noLeak(r, request);
        assertThat(r.status()).as("%s\nfor %s", r, request).isBetween(400, 499);
        assertThat(Envelopes.json(r, request).path("error").path("message").asText()).isNotBlank();
        assertFleetUnchanged(request);
    }

    // ---- control endpoints ------------------------------------------------------------------------------------------

    static Request controlHostile(Gen g) {
        String method = g.of("GET", "POST", "DELETE", "PUT", "PATCH");
        String w = g.oneOf(() -> g.of("health", "fleet", "faults", "faults/", "FAULTS", "", "../faults", "%2e%2e/faults",
                "faults%00", "fleet/../faults", "health?x=1"), () -> enc(Hostile.string(g)));
        String b = g.oneOf(() -> g.of(Hostile.BAD_JSON), () -> {
            String s = Hostile.string(g);
            return "{\"vendor\":" + Hostile.JSON.getNodeFactory().textNode(s) + ",\"probability\":" + s.length() % 3
                    + ",\"latencyMs\":-" + s.length() + "}";
        }, () -> g.of("{\"probability\":\"x\"}", "{\"latencyMs\":1e99}", "{\"times\":\"many\",\"code\":{}}",
                "{\"code\":null,\"latencyMs\":0}", "", "{\"probability\":-1,\"code\":\"X\"}"));
        return Request.of(method, "/_emulator/" + w).header("Content-Type", "application/json").body(b);
    }

    @TestFactory
    Stream<DynamicTest> controlEndpointsNeverBreak() {
        return Seeded.cases("controlHostile", 0x4A11_0003L, 1000, HostileHuaweiAndControlTest::controlHostile,
                HostileHuaweiAndControlTest::checkControl);
    }

    static void checkControl(Request request) throws Exception {
        RawHttp.Response r = send(request);
        Envelopes.noLeak(r, request);
        if (r.status() != 200) Envelopes.controlError(r, request);
        else Envelopes.json(r, request);
        assertFleetUnchanged(request);
    }

    // ---- Tencent legacy v2 / CMEM (/v2/index.php) and CapitalOnline (/memcached) ------------------------------------

    static final List<String> LEGACY_ACTIONS = List.of("DescribeRedis", "CreateRedis", "ClearRedis", "ModifyRedisPassword",
            "DeleteRedis", "UpgradeRedis", "DescribeCmem", "ClearCmem", "CreateCmem", "NoSuchAction", "");

    static Request legacyHostile(Gen g) {
        String action = g.of(LEGACY_ACTIONS);
        String key = Hostile.string(g);
        String value = Hostile.string(g);
        int how = g.between(0, 4);
        String method = g.of("GET", "POST", "PUT");
        Map<String, String> p = new LinkedHashMap<>();
        if (!action.isEmpty()) p.put("Action", action);
        p.put("Region", how == 4 ? "../../" : "gz");
        p.put("Timestamp", String.valueOf(Instant.now().getEpochSecond() - (how == 1 ? 4000 : 0)));
        p.put("Nonce", String.valueOf(Math.abs((long) value.hashCode()) + cases.get()));
        p.put("SecretId", how == 2 ? "AKID" + key : emulator.credentials().keyId());
        p.put("SignatureMethod", "HmacSHA256");
        p.put(key.isEmpty() ? "instanceId" : key, value);
        String host = "127.0.0.1:" + port;
        String verb = method.equals("PUT") ? "POST" : method;
        Map<String, String> form = how == 3 ? withSignature(p, "forged")
                : io.cachesh.client.auth.TencentV1Signer.sign(emulator.credentials().secret(),
                        io.cachesh.client.auth.SignatureMethod.HMAC_SHA256, verb, host, "/v2/index.php", p);
        String encoded = io.cachesh.client.auth.TencentV1Signer.formEncode(form);
        Request r = method.equals("GET") ? Request.of("GET", "/v2/index.php?" + io.cachesh.client.auth.CapitalOnlineSigner.queryString(form))
                : Request.of(method, "/v2/index.php").header("Content-Type", "application/x-www-form-urlencoded").body(encoded);
        return r.header("Host", host);
    }

    static Map<String, String> withSignature(Map<String, String> p, String signature) {
        Map<String, String> m = new LinkedHashMap<>(p);
        m.put("Signature", signature);
        return m;
    }

    /** Legacy v2 answers are HTTP 200 with {@code code} (non-zero) and {@code message}; 6000 is an emulator bug. */
    @TestFactory
    Stream<DynamicTest> legacyV2AndCmemRefuseHostileInput() {
        return Seeded.cases("legacyHostile", 0x4A11_0004L, 1000, HostileHuaweiAndControlTest::legacyHostile,
                HostileHuaweiAndControlTest::checkLegacy);
    }

    static void checkLegacy(Request request) throws Exception {
        RawHttp.Response r = send(request);
        Envelopes.noLeak(r, request);
        assertThat(r.status()).as("legacy v2 answers 200: %s\nfor %s", r, request).isEqualTo(200);
        var n = Envelopes.json(r, request);
        String code = n.path("code").asText("");
        assertThat(code).as("code in %s\nfor %s", r, request).isNotBlank().isNotEqualTo("0").isNotEqualTo("6000");
        assertThat(n.path("message").asText()).isNotBlank();
        assertFleetUnchanged(request);
    }

    static final List<String> CDS_ACTIONS = List.of("CreateMemcachedInstance", "MemcachedInstanceList",
            "DescribeMemcachedInstance", "DeleteMemcachedInstance", "ClearMemcachedInstance", "UpdateMemcachedInstance",
            "Nope", "");

    static Request capitalOnlineHostile(Gen g) {
        String action = g.of(CDS_ACTIONS);
        long seed = g.anyLong();
        int how = g.between(0, 5);
        String method = g.of("POST", "GET", "DELETE");
        RandomGenerator random = g.random();
        Map<String, String> p = io.cachesh.client.auth.CapitalOnlineSigner.commonParameters(
                action.isEmpty() ? "x" : action, how == 2 ? "AK" + Hostile.nasty(random) : emulator.credentials().keyId(),
                how == 4 ? "1999-01-01" : "2019-08-08", Instant.now().minusSeconds(how == 1 ? 7200 : 0),
                Long.toHexString(seed) + cases.get());
        if (action.isEmpty()) p.remove("Action");
        if (how == 5) p.put("InstanceId", Hostile.nasty(random));
        Map<String, String> signed = how == 3 ? withSignature(p, "forged")
                : io.cachesh.client.auth.CapitalOnlineSigner.sign(emulator.credentials().secret(),
                        io.cachesh.client.auth.CapitalOnlineSigner.KeyDerivation.SECRET_ONLY, method, p);
        ObjectNode body = Hostile.JSON.createObjectNode();
        for (String f : List.of("InstanceId", "ConfSize", "Amount", "RegionId", "InstanceName", "SiteId", "AppId", "PipeId")) {
            if (random.nextBoolean()) body.set(f, random.nextBoolean() ? Hostile.wrongType("string", random)
                    : Hostile.JSON.getNodeFactory().textNode(Hostile.nasty(random)));
        }
        byte[] payload = random.nextInt(5) == 0
                ? Hostile.BAD_JSON.get(random.nextInt(Hostile.BAD_JSON.size())).getBytes(StandardCharsets.UTF_8)
                : body.toString().getBytes(StandardCharsets.UTF_8);
        return Request.of(method, "/memcached?" + io.cachesh.client.auth.CapitalOnlineSigner.queryString(signed))
                .header("Content-Type", "application/json").body(payload);
    }

    /** CapitalOnline: {@code {"Code","Message","Data"}}, HTTP 200 (business errors), 400, 403 or 429; never 500. */
    @TestFactory
    Stream<DynamicTest> capitalOnlineRefusesHostileInput() {
        return Seeded.cases("capitalOnlineHostile", 0x4A11_0005L, 1000, HostileHuaweiAndControlTest::capitalOnlineHostile,
                HostileHuaweiAndControlTest::checkCapitalOnline);
    }

    static void checkCapitalOnline(Request request) throws Exception {
        RawHttp.Response r = send(request);
        Envelopes.noLeak(r, request);
        assertThat(r.status()).as("%s\nfor %s", r, request).isIn(200, 400, 403, 404, 405, 429);
        var n = Envelopes.json(r, request);
        String code = n.path("Code").asText("");
        assertThat(code).as("Code in %s\nfor %s", r, request).isNotBlank().isNotEqualTo("InternalError");
        if (code.equals("Success")) {
            assertThat(request.target()).as("only the read-only list may succeed: %s\nfor %s", r, request)
                    .contains("Action=MemcachedInstanceList");
        }
        assertThat(n.has("Message")).as("Message in %s", r).isTrue();
        assertFleetUnchanged(request);
    }

    @Test
    void huaweiFrontEndIsInTheInstalledJar() throws Exception {
        RawHttp.Response r = send(Request.of("GET", "/v2/" + emulator.huaweiProjectId() + "/instances"));
        assertThat(Envelopes.huaweiError(r, "unsigned ListInstances")).isEqualTo("APIGW.0301");
    }
}
