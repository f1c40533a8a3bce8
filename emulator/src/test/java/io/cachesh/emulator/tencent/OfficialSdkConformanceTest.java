package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.*;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.auth.Tc3Signer;
import io.cachesh.client.auth.TencentV1Signer;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.protocol.HttpRequestData;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * The official Tencent Cloud Java SDK ({@code tencentcloud-sdk-java-redis} 3.1.667 on common 3.1.1481) against the
 * emulator over loopback HTTP, in TC3-HMAC-SHA256 and in signature v1 (HmacSHA256) mode: every action the emulator
 * implements that the 2022 SDK has; its signatures verify (and re-sign byte-identically with our signers), its
 * answers parse with the expected values, errors arrive as {@code TencentCloudSDKException} with code and RequestId.
 * Also: our generated client and the SDK send the same Authorization for the same request and second.
 */
class OfficialSdkConformanceTest {

    /** Actions this class drives through the official SDK (see {@link SdkCoverageTest}). */
    static final Set<String> SDK_DRIVEN = Set.of(
            "CleanUpInstance", "ClearInstance", "CreateInstances", "DescribeAutoBackupConfig",
            "DescribeInstanceBackups", "DescribeInstanceDealDetail", "DescribeInstanceParams", "DescribeInstances",
            "DescribeMaintenanceWindow", "DescribeProductInfo", "DescribeTaskInfo", "DescribeTaskList",
            "DestroyPostpaidInstance", "DestroyPrepaidInstance", "ManualBackupInstance", "ModfiyInstancePassword",
            "ModifyInstance", "ModifyInstanceParams", "RenewInstance", "ResetPassword", "RestoreInstance",
            "StartupInstance", "UpgradeInstance");

    /** Implemented actions that SDK 3.1.667 (2022) does not have, so no SDK can drive them here. */
    static final Set<String> NOT_IN_SDK = Set.of("ModifyInstancePassword", "DescribeBackupDetail");


    static final String PASSWORD = "Passw0rd!";
    static Emulator emulator;
    static final java.util.concurrent.atomic.AtomicInteger wrongKeyCalls = new java.util.concurrent.atomic.AtomicInteger();
    static final List<HttpRequestData> seen = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).requestObserver(seen::add).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static RedisClient sdk(String signMethod) {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("127.0.0.1:" + emulator.port());
        http.setConnTimeout(5);
        http.setReadTimeout(10);
        ClientProfile profile = new ClientProfile(signMethod, http);
        Credentials keys = emulator.credentials();
        return new RedisClient(new Credential(keys.keyId(), keys.secret().reveal()), "ap-guangzhou", profile);
    }

    static DescribeTaskInfoResponse waitTask(RedisClient c, Long taskId) throws Exception {
        DescribeTaskInfoRequest req = new DescribeTaskInfoRequest();
        req.setTaskId(taskId);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            DescribeTaskInfoResponse r = c.DescribeTaskInfo(req);
            if (!"running".equals(r.getStatus()) && !"preparing".equals(r.getStatus())) return r;
            if (System.nanoTime() > deadline) throw new AssertionError("task " + taskId + " still " + r.getStatus());
            Thread.sleep(100);
        }
    }

    static InstanceSet describe(RedisClient c, String id) throws Exception {
        DescribeInstancesRequest req = new DescribeInstancesRequest();
        req.setInstanceIds(new String[] {id});
        req.setLimit(10L);
        req.setOffset(0L);
        DescribeInstancesResponse r = c.DescribeInstances(req);
        assertThat(r.getTotalCount()).isEqualTo(1L);
        return r.getInstanceSet()[0];
    }

    static InstanceSet waitStatus(RedisClient c, String id, long status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            InstanceSet i = describe(c, id);
            if (i.getStatus() == status) return i;
            if (System.nanoTime() > deadline) throw new AssertionError(id + " still in status " + i.getStatus());
            Thread.sleep(100);
        }
    }

    static String createOne(RedisClient c, long billingMode, String name) throws Exception {
        CreateInstancesRequest req = new CreateInstancesRequest();
        req.setTypeId(6L);
        req.setMemSize(1024L);
        req.setGoodsNum(1L);
        req.setPeriod(1L);
        req.setBillingMode(billingMode);
        req.setZoneId(100003L);
        req.setPassword(PASSWORD);
        req.setInstanceName(name);
        CreateInstancesResponse r = c.CreateInstances(req);
        assertThat(r.getInstanceIds()).hasSize(1);
        assertThat(r.getDealId()).isNotBlank();
        assertThat(r.getRequestId()).matches("[0-9a-f-]{36}");
        return r.getInstanceIds()[0];
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {ClientProfile.SIGN_TC3_256, ClientProfile.SIGN_SHA256})
    void theSdkDrivesEveryImplementedAction(String signMethod) throws Exception {
        seen.clear();
        RedisClient c = sdk(signMethod);
        Set<String> called = new TreeSet<>();

        // DescribeProductInfo
        DescribeProductInfoResponse products = c.DescribeProductInfo(new DescribeProductInfoRequest());
        assertThat(products.getRegionSet()).isNotEmpty();
        RegionConf gz = java.util.Arrays.stream(products.getRegionSet()).filter(r -> "ap-guangzhou".equals(r.getRegionId()))
                .findFirst().orElseThrow();
        assertThat(gz.getZoneSet()).isNotEmpty();
        assertThat(gz.getZoneSet()[0].getProductSet()).isNotEmpty();
        called.add("DescribeProductInfo");

        // CreateInstances -> DescribeInstances -> DescribeInstanceDealDetail
        String name = "sdk-" + (signMethod.startsWith("TC3") ? "tc3" : "v1");
        CreateInstancesRequest create = new CreateInstancesRequest();
        create.setTypeId(6L);
        create.setMemSize(1024L);
        create.setGoodsNum(1L);
        create.setPeriod(1L);
        create.setBillingMode(0L);
        create.setZoneId(100003L);
        create.setPassword(PASSWORD);
        create.setInstanceName(name);
        CreateInstancesResponse created = c.CreateInstances(create);
        String id = created.getInstanceIds()[0];
        assertThat(id).matches("crs-[a-z0-9]{8}");
        called.add("CreateInstances");
        InstanceSet running = waitStatus(c, id, 2);
        assertThat(running.getInstanceName()).isEqualTo(name);
        assertThat(running.getType()).isEqualTo(6L);
        assertThat(running.getSize().doubleValue()).isEqualTo(1024.0);
        assertThat(running.getRegion()).isEqualTo("ap-guangzhou");
        assertThat(running.getWanIp()).isEqualTo("127.0.0.1");
        assertThat(running.getBillingMode()).isEqualTo(0L);
        called.add("DescribeInstances");
        DescribeInstanceDealDetailRequest deals = new DescribeInstanceDealDetailRequest();
        deals.setDealIds(new String[] {created.getDealId()});
        TradeDealDetail deal = c.DescribeInstanceDealDetail(deals).getDealDetails()[0];
        assertThat(deal.getDealId()).isEqualTo(created.getDealId());
        assertThat(deal.getInstanceIds()).containsExactly(id);
        called.add("DescribeInstanceDealDetail");

        boolean dataPlane = emulator.dataPlaneAvailable() && running.getPort() > 0;
        if (dataPlane) {
            try (Jedis j = new Jedis(running.getWanIp(), running.getPort().intValue())) {
                j.auth(PASSWORD);
                j.set("k", "v");
            }
        }

        // ModifyInstance: rename
        ModifyInstanceRequest rename = new ModifyInstanceRequest();
        rename.setOperation("rename");
        rename.setInstanceIds(new String[] {id});
        rename.setInstanceNames(new String[] {name + "-renamed"});
        assertThat(c.ModifyInstance(rename).getRequestId()).isNotBlank();
        assertThat(describe(c, id).getInstanceName()).isEqualTo(name + "-renamed");
        called.add("ModifyInstance");

        // DescribeInstanceParams / ModifyInstanceParams
        DescribeInstanceParamsRequest params = new DescribeInstanceParamsRequest();
        params.setInstanceId(id);
        DescribeInstanceParamsResponse before = c.DescribeInstanceParams(params);
        assertThat(before.getTotalCount()).isPositive();
        assertThat(before.getInstanceIntegerParam()).isNotEmpty();
        called.add("DescribeInstanceParams");
        ModifyInstanceParamsRequest modify = new ModifyInstanceParamsRequest();
        modify.setInstanceId(id);
        InstanceParam p = new InstanceParam();
        p.setKey("hash-max-ziplist-entries");
        p.setValue("256");
        modify.setInstanceParams(new InstanceParam[] {p});
        ModifyInstanceParamsResponse modified = c.ModifyInstanceParams(modify);
        assertThat(modified.getChanged()).isTrue();
        assertThat(waitTask(c, modified.getTaskId()).getStatus()).isEqualTo("succeed");
        String current = java.util.Arrays.stream(c.DescribeInstanceParams(params).getInstanceIntegerParam())
                .filter(x -> x.getParamName().equals("hash-max-ziplist-entries")).findFirst().orElseThrow().getCurrentValue();
        assertThat(current).isEqualTo("256");
        called.add("ModifyInstanceParams");
        called.add("DescribeTaskInfo");

        // ManualBackupInstance / DescribeInstanceBackups / RestoreInstance
        ManualBackupInstanceRequest backup = new ManualBackupInstanceRequest();
        backup.setInstanceId(id);
        backup.setRemark("sdk backup");
        backup.setStorageDays(7L);
        ManualBackupInstanceResponse backedUp = c.ManualBackupInstance(backup);
        assertThat(waitTask(c, backedUp.getTaskId()).getTaskType()).isNotBlank();
        DescribeInstanceBackupsRequest backups = new DescribeInstanceBackupsRequest();
        backups.setInstanceId(id);
        backups.setLimit(10L);
        DescribeInstanceBackupsResponse listed = c.DescribeInstanceBackups(backups);
        assertThat(listed.getTotalCount()).isEqualTo(1L);
        RedisBackupSet set = listed.getBackupSet()[0];
        assertThat(set.getRemark()).isEqualTo("sdk backup");
        assertThat(set.getStatus()).isEqualTo(2L);
        assertThat(set.getBackupType()).isEqualTo("0");
        called.add("ManualBackupInstance");
        called.add("DescribeInstanceBackups");

        // ClearInstance (FLUSHALL on the real server)
        ClearInstanceRequest clear = new ClearInstanceRequest();
        clear.setInstanceId(id);
        clear.setPassword(PASSWORD);
        assertThat(waitTask(c, c.ClearInstance(clear).getTaskId()).getStatus()).isEqualTo("succeed");
        if (dataPlane) {
            try (Jedis j = new Jedis(running.getWanIp(), running.getPort().intValue())) {
                j.auth(PASSWORD);
                assertThat(j.exists("k")).isFalse();
            }
        }
        called.add("ClearInstance");

        RestoreInstanceRequest restore = new RestoreInstanceRequest();
        restore.setInstanceId(id);
        restore.setBackupId(set.getBackupId());
        restore.setPassword(PASSWORD);
        assertThat(waitTask(c, c.RestoreInstance(restore).getTaskId()).getStatus()).isEqualTo("succeed");
        InstanceSet restored = waitStatus(c, id, 2);
        if (dataPlane) {
            try (Jedis j = new Jedis(restored.getWanIp(), restored.getPort().intValue())) {
                j.auth(PASSWORD);
                assertThat(j.get("k")).isEqualTo("v");
            }
        }
        called.add("RestoreInstance");

        // ResetPassword, then ModfiyInstancePassword (the SDK's spelling)
        ResetPasswordRequest reset = new ResetPasswordRequest();
        reset.setInstanceId(id);
        reset.setPassword("N3wPassword!");
        assertThat(waitTask(c, c.ResetPassword(reset).getTaskId()).getStatus()).isEqualTo("succeed");
        ModfiyInstancePasswordRequest change = new ModfiyInstancePasswordRequest();
        change.setInstanceId(id);
        change.setOldPassword("N3wPassword!");
        change.setPassword("Th1rdPassword!");
        assertThat(waitTask(c, c.ModfiyInstancePassword(change).getTaskId()).getStatus()).isEqualTo("succeed");
        if (dataPlane) {
            try (Jedis j = new Jedis(restored.getWanIp(), restored.getPort().intValue())) {
                assertThat(j.auth("Th1rdPassword!")).isEqualTo("OK");
            }
        }
        called.add("ResetPassword");
        called.add("ModfiyInstancePassword");

        // UpgradeInstance (maxmemory on the real server)
        UpgradeInstanceRequest upgrade = new UpgradeInstanceRequest();
        upgrade.setInstanceId(id);
        upgrade.setMemSize(2048L);
        upgrade.setRedisShardNum(1L);
        upgrade.setRedisReplicasNum(1L);
        assertThat(c.UpgradeInstance(upgrade).getDealId()).isNotBlank();
        assertThat(waitStatus(c, id, 2).getSize().doubleValue()).isEqualTo(2048.0);
        called.add("UpgradeInstance");

        // DescribeMaintenanceWindow, DescribeAutoBackupConfig, DescribeTaskList
        DescribeMaintenanceWindowRequest window = new DescribeMaintenanceWindowRequest();
        window.setInstanceId(id);
        DescribeMaintenanceWindowResponse w = c.DescribeMaintenanceWindow(window);
        assertThat(w.getStartTime()).matches("\\d\\d:\\d\\d");
        called.add("DescribeMaintenanceWindow");
        DescribeAutoBackupConfigRequest auto = new DescribeAutoBackupConfigRequest();
        auto.setInstanceId(id);
        DescribeAutoBackupConfigResponse a = c.DescribeAutoBackupConfig(auto);
        assertThat(a.getWeekDays()).hasSize(7);
        assertThat(a.getBackupStorageDays()).isEqualTo(7L);
        called.add("DescribeAutoBackupConfig");
        DescribeTaskListRequest tasks = new DescribeTaskListRequest();
        tasks.setInstanceId(id);
        tasks.setLimit(100L);
        DescribeTaskListResponse t = c.DescribeTaskList(tasks);
        assertThat(t.getTotalCount()).isGreaterThanOrEqualTo(7L);
        assertThat(t.getTasks()).allSatisfy(x -> assertThat(x.getInstanceId()).isEqualTo(id));
        called.add("DescribeTaskList");

        // DestroyPostpaidInstance -> StartupInstance -> DestroyPostpaidInstance -> CleanUpInstance
        DestroyPostpaidInstanceRequest destroy = new DestroyPostpaidInstanceRequest();
        destroy.setInstanceId(id);
        assertThat(waitTask(c, c.DestroyPostpaidInstance(destroy).getTaskId()).getStatus()).isEqualTo("succeed");
        assertThat(waitStatus(c, id, InstanceStatus.ISOLATED.code()).getStatus()).isEqualTo(-2L);
        StartupInstanceRequest startup = new StartupInstanceRequest();
        startup.setInstanceId(id);
        assertThat(c.StartupInstance(startup).getRequestId()).isNotBlank();
        waitStatus(c, id, 2);
        called.add("StartupInstance");
        assertThat(waitTask(c, c.DestroyPostpaidInstance(destroy).getTaskId()).getStatus()).isEqualTo("succeed");
        waitStatus(c, id, -2);
        called.add("DestroyPostpaidInstance");
        CleanUpInstanceRequest cleanUp = new CleanUpInstanceRequest();
        cleanUp.setInstanceId(id);
        assertThat(waitTask(c, c.CleanUpInstance(cleanUp).getTaskId()).getStatus()).isEqualTo("succeed");
        assertThat(c.DescribeInstances(new DescribeInstancesRequest()).getInstanceSet())
                .noneMatch(i -> i.getInstanceId().equals(id));
        called.add("CleanUpInstance");

        // prepaid: RenewInstance, DestroyPrepaidInstance
        String prepaid = createOne(c, 1L, name + "-prepaid");
        String deadline = waitStatus(c, prepaid, 2).getDeadlineTime();
        RenewInstanceRequest renew = new RenewInstanceRequest();
        renew.setInstanceId(prepaid);
        renew.setPeriod(2L);
        assertThat(c.RenewInstance(renew).getDealId()).isNotBlank();
        assertThat(describe(c, prepaid).getDeadlineTime()).isGreaterThan(deadline);
        called.add("RenewInstance");
        DestroyPrepaidInstanceRequest refund = new DestroyPrepaidInstanceRequest();
        refund.setInstanceId(prepaid);
        assertThat(c.DestroyPrepaidInstance(refund).getDealId()).isNotBlank();
        waitStatus(c, prepaid, -2);
        called.add("DestroyPrepaidInstance");

        // errors: code and RequestId
        DescribeInstanceParamsRequest missing = new DescribeInstanceParamsRequest();
        missing.setInstanceId("crs-nothere0");
        assertThatThrownBy(() -> c.DescribeInstanceParams(missing)).isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("ResourceNotFound.InstanceNotExists");
            assertThat(e.getRequestId()).matches("[0-9a-f-]{36}");
        });
        CreateInstancesRequest badPassword = new CreateInstancesRequest();
        badPassword.setTypeId(6L);
        badPassword.setMemSize(1024L);
        badPassword.setGoodsNum(1L);
        badPassword.setPeriod(1L);
        badPassword.setBillingMode(0L);
        badPassword.setPassword("short");
        assertThatThrownBy(() -> c.CreateInstances(badPassword)).isInstanceOfSatisfying(TencentCloudSDKException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("InvalidParameterValue.PasswordRuleError"));
        RedisClient wrongKey = new RedisClient(new Credential(emulator.credentials().keyId(), "not-the-key"), "ap-guangzhou",
                new ClientProfile(signMethod, profileOf(c)));
        assertThatThrownBy(() -> wrongKey.DescribeProductInfo(new DescribeProductInfoRequest()))
                .isInstanceOfSatisfying(TencentCloudSDKException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("AuthFailure.SignatureFailure");
                    assertThat(e.getRequestId()).isNotBlank();
                });

        // this class's share of SdkCoverageTest: the actions it promises to drive really were driven
        assertThat(called).containsAll(SDK_DRIVEN);

        // every signature the SDK made verifies with our signers, byte for byte
        List<HttpRequestData> requests = new ArrayList<>(seen);
        wrongKeyCalls.set(0);
        assertThat(requests).hasSizeGreaterThan(called.size());
        for (HttpRequestData r : requests) {
            if (signMethod.equals(ClientProfile.SIGN_TC3_256)) assertTc3ResignsIdentically(r);
            else assertV1ResignsIdentically(r);
        }
        assertThat(wrongKeyCalls.get()).isEqualTo(1);
    }

    private static HttpProfile profileOf(RedisClient c) {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("127.0.0.1:" + emulator.port());
        return http;
    }

    static void assertTc3ResignsIdentically(HttpRequestData r) {
        String authorization = r.header("Authorization");
        Tc3Signer.Authorization auth = Tc3Signer.Authorization.parse(authorization);
        assertThat(auth.service()).as("the SDK's scope service for an IP endpoint").isEqualTo("127");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : auth.signedHeaders().split(";")) headers.put(h, r.header(h));
        Tc3Signer.Input input = new Tc3Signer.Input(r.method(), "/", r.rawQuery(), headers, r.body(), auth.service(),
                Long.parseLong(r.header("X-TC-Timestamp")));
        String ours = Tc3Signer.authorization(emulator.credentials(), input);
        if (!ours.equals(authorization)) {
            assertThat(r.header("X-TC-Action")).as("only the wrong-key call differs").isEqualTo("DescribeProductInfo");
            assertThat(wrongKeyCalls.incrementAndGet()).isEqualTo(1);
        }
    }

    static void assertV1ResignsIdentically(HttpRequestData r) {
        assertThat(r.header("Authorization")).isNull();
        assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
        Map<String, String> params = HttpRequestData.decodeForm(new String(r.body(), StandardCharsets.UTF_8));
        assertThat(params).containsKeys("Action", "Nonce", "Timestamp", "SecretId", "Signature", "Version", "Region");
        assertThat(params.get("SignatureMethod")).isEqualTo("HmacSHA256");
        if (params.get("SecretId").equals(emulator.credentials().keyId())
                && TencentV1Signer.verify(emulator.credentials().secret(), "POST", r.header("Host"), "/", params)) {
            Map<String, String> resigned = TencentV1Signer.sign(emulator.credentials().secret(), SignatureMethod.HMAC_SHA256,
                    "POST", r.header("Host"), "/", new TreeMap<>(params));
            assertThat(resigned.get("Signature")).isEqualTo(params.get("Signature"));
        } else {
            assertThat(params.get("Action")).isEqualTo("DescribeProductInfo"); // only the wrong-key call fails
            assertThat(wrongKeyCalls.incrementAndGet()).isEqualTo(1);
        }
    }

    /**
     * The SDK as it would call the real cloud ({@code https://redis.tencentcloudapi.com}, service {@code redis}),
     * captured before it leaves the process, and our generated client with its clock at the SDK's second, captured
     * the same way: same headers, same body, same Authorization.
     */
    @Test
    void ourClientSignsExactlyLikeTheSdk() throws Exception {
        record Case(String action, SdkCall sdkCall, OurCall ourCall) { }
        List<Case> cases = List.of(
                new Case("DescribeTaskInfo", c -> {
                    DescribeTaskInfoRequest r = new DescribeTaskInfoRequest();
                    r.setTaskId(1234L);
                    c.DescribeTaskInfo(r);
                }, c -> c.describeTaskInfo(b -> b.taskId(1234L))),
                new Case("DescribeInstances", c -> {
                    DescribeInstancesRequest r = new DescribeInstancesRequest();
                    r.setInstanceId("crs-abcdefgh");
                    c.DescribeInstances(r);
                }, c -> c.describeInstances(b -> b.instanceId("crs-abcdefgh"))),
                new Case("ClearInstance", c -> {
                    ClearInstanceRequest r = new ClearInstanceRequest();
                    r.setInstanceId("crs-abcdefgh");
                    r.setPassword(PASSWORD);
                    c.ClearInstance(r);
                }, c -> c.clearInstance(b -> b.instanceId("crs-abcdefgh").password(PASSWORD))),
                new Case("DescribeProductInfo", c -> c.DescribeProductInfo(new DescribeProductInfoRequest()),
                        c -> c.describeProductInfo(b -> { })));
        for (Case k : cases) {
            AtomicReference<Request> sdkRequest = new AtomicReference<>();
            OkHttpClient capture = new OkHttpClient.Builder().addInterceptor(chain -> {
                sdkRequest.set(chain.request());
                return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                        .body(ResponseBody.create("{\"Response\":{\"RequestId\":\"r-1\"}}", MediaType.get("application/json")))
                        .build();
            }).build();
            HttpProfile http = new HttpProfile();
            http.setHttpClient(capture);
            Credentials keys = emulator.credentials();
            RedisClient sdk = new RedisClient(new Credential(keys.keyId(), keys.secret().reveal()), "ap-guangzhou",
                    new ClientProfile(ClientProfile.SIGN_TC3_256, http));
            k.sdkCall().call(sdk);
            Request theirs = sdkRequest.get();
            assertThat(theirs).as(k.action()).isNotNull();
            long timestamp = Long.parseLong(theirs.header("X-TC-Timestamp"));

            AtomicReference<Request> ourRequest = new AtomicReference<>();
            ClientConfig config = ClientConfig.builder().credentials(keys).region("ap-guangzhou")
                    .endpoint("https://redis.tencentcloudapi.com")
                    .clock(Clock.fixed(Instant.ofEpochSecond(timestamp), ZoneOffset.UTC))
                    .addNetworkInterceptor(chain -> {
                        ourRequest.set(chain.request().httpRequest());
                        return chain.request().bind("{\"RequestId\":\"r-1\"}");
                    }).build();
            try (TencentRedisClient ours = TencentRedisClient.create(config)) {
                k.ourCall().call(ours);
            }
            Request mine = ourRequest.get();
            assertThat(body(mine)).as(k.action() + " body").isEqualTo(body(theirs));
            for (String h : List.of("Content-Type", "Host", "X-TC-Action", "X-TC-Version", "X-TC-Region", "X-TC-Timestamp")) {
                assertThat(mine.header(h)).as(k.action() + " " + h).isEqualTo(theirs.header(h));
            }
            assertThat(mine.header("Authorization")).as(k.action() + " Authorization").isEqualTo(theirs.header("Authorization"))
                    .startsWith("TC3-HMAC-SHA256 Credential=" + keys.keyId() + "/")
                    .contains("/redis/tc3_request, SignedHeaders=content-type;host, Signature=");
        }
    }

    interface SdkCall {
        void call(RedisClient c) throws Exception;
    }

    interface OurCall {
        void call(TencentRedisClient c);
    }

    static String body(Request r) throws Exception {
        Buffer buffer = new Buffer();
        if (r.body() != null) r.body().writeTo(buffer);
        return buffer.readUtf8();
    }
}
