package io.cachesh.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.IamPasswordCredentials;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.auth.SignatureMethod;
import io.cachesh.client.core.ApiRequest;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.ClientRuntime;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.core.OperationInfo;
import io.cachesh.client.debug.WireLogInterceptor;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.ThrottlingException;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.InstanceListInfo;
import io.cachesh.client.huawei.dcs.model.ListInstancesResponse;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.auth.CapitalOnlineSigner;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedClient;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedWaiters;
import io.cachesh.client.capitalonline.memcached.model.CreateMemcachedInstanceResponse;
import io.cachesh.client.capitalonline.memcached.model.DescribeMemcachedInstanceData;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.cmem.TencentCmemClient;
import io.cachesh.client.tencent.cmem.model.CmemInstance;
import io.cachesh.client.tencent.cmem.model.DescribeCmemRequest;
import io.cachesh.client.tencent.redislegacy.TencentRedisLegacyClient;
import io.cachesh.client.tencent.redislegacy.TencentRedisLegacyWaiters;
import io.cachesh.client.tencent.redislegacy.model.CreateRedisResponse;
import io.cachesh.client.tencent.redislegacy.model.ModfiyRedisPasswordResponse;
import io.cachesh.client.tencent.redislegacy.model.RedisDealDetail;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.TencentRedisWaiters;
import io.cachesh.client.tencent.redis.model.ClearInstanceResponse;
import io.cachesh.client.tencent.redis.model.DescribeInstancesRequest;
import io.cachesh.client.tencent.redis.model.DescribeInstancesResponse;
import io.cachesh.client.tencent.redis.model.DescribeTaskInfoResponse;
import io.cachesh.client.tencent.redis.model.InstanceSet;
import io.cachesh.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/clients.md, run against MockWebServer. Every {@code ```java} block of the doc must appear
 * verbatim (modulo indentation) between a {@code // SNIPPET_START name} and the next {@code // SNIPPET_END} here
 * ({@link DocsSnippetsTest}), so the doc cannot drift from code that compiles and runs.
 */
class DocsExamplesTest {

    private final MockWebServer server = new MockWebServer();
    private final List<String> printed = new ArrayList<>();
    private String endpoint;
    private final String secretId = "AKIDexample";
    private final String secretKey = "example-secret-key-0123456789abc";

    @BeforeEach
    void start() throws Exception {
        server.start();
        endpoint = "http://127.0.0.1:" + server.getPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private void answer(String response) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"Response\":" + response + "}"));
    }

    private ClientConfig config() {
        return ClientConfig.builder().credentials(Credentials.of(secretId, secretKey)).region("ap-guangzhou")
                .endpoint(endpoint).build();
    }

    private void println(String line) {
        printed.add(line);
    }

    @Test
    void createAClientAndListInstances() throws Exception {
        answer("{\"TotalCount\":1,\"InstanceSet\":[{\"InstanceId\":\"crs-1\",\"WanIp\":\"127.0.0.1\",\"Port\":6379}],\"RequestId\":\"r\"}");
        // SNIPPET_START create-client
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(secretId, secretKey))
                .region("ap-guangzhou")
                .endpoint(endpoint)          // leave out for https://redis.ap-guangzhou.tencentcloudapi.com
                .build();
        try (TencentRedisClient redis = TencentRedisClient.create(config)) {
            DescribeInstancesResponse page = redis.describeInstances(r -> r.limit(10L).offset(0L));
            for (InstanceSet instance : page.instanceSet()) {
                println(instance.instanceId() + " " + instance.wanIp() + ":" + instance.port());
            }
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("crs-1 127.0.0.1:6379");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeader("X-TC-Action")).isEqualTo("DescribeInstances");
        assertThat(sent.getBody().readUtf8()).isEqualTo("{\"Limit\":10,\"Offset\":0}");
    }

    @Test
    void temporaryCredentialsSendTheirToken() throws Exception {
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        String tmpSecretId = "AKIDtmp";
        String tmpSecretKey = secretKey;
        String sessionToken = "sts-token";
        // SNIPPET_START credentials
        Credentials temporary = new Credentials(tmpSecretId, Secret.of(tmpSecretKey), Secret.of(sessionToken));
        ClientConfig config = ClientConfig.builder().credentials(temporary).region("ap-guangzhou").endpoint(endpoint).build();
        // SNIPPET_END
        try (TencentRedisClient redis = TencentRedisClient.create(config)) {
            redis.describeInstances(r -> r.limit(1L));
        }
        assertThat(server.takeRequest().getHeader("X-TC-Token")).isEqualTo("sts-token");
        assertThat(config.toString()).doesNotContain(sessionToken).doesNotContain(tmpSecretKey);
    }

    @Test
    void callsWithBuildersAndEnumConstants() throws Exception {
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        try (TencentRedisClient redis = TencentRedisClient.create(config())) {
            // SNIPPET_START builders
            DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                    .billingMode(DescribeInstancesRequest.BillingMode.PREPAID)     // "prepaid"
                    .productVersions(List.of(DescribeInstancesRequest.ProductVersion.LOCAL))
                    .limit(50L)
                    .build();
            DescribeInstancesResponse first = redis.describeInstances(request);
            DescribeInstancesResponse next = redis.describeInstances(request.toBuilder().offset(50L).build());
            // SNIPPET_END
            assertThat(first.totalCount()).isZero();
            assertThat(next.requestId()).isEqualTo("r");
        }
        assertThat(server.takeRequest().getBody().readUtf8())
                .isEqualTo("{\"Limit\":50,\"BillingMode\":\"prepaid\",\"ProductVersions\":[\"local\"]}");
        assertThat(server.takeRequest().getBody().readUtf8()).contains("\"Offset\":50");
    }

    @Test
    void comparingWithEnumConstants() {
        InstanceSet instance = InstanceSet.builder().instanceId("crs-1").status(2L).build();
        DescribeTaskInfoResponse task = DescribeTaskInfoResponse.builder().status("succeed").build();
        // SNIPPET_START enum-constants
        boolean running = Long.valueOf(InstanceSet.Status.VALUE_2).equals(instance.status());
        boolean done = DescribeTaskInfoResponse.Status.SUCCEED.equals(task.status());
        List<String> known = DescribeTaskInfoResponse.Status.values();  // preparing, running, succeed, failed, error
        // SNIPPET_END
        assertThat(running).isTrue();
        assertThat(done).isTrue();
        assertThat(known).containsExactly("preparing", "running", "succeed", "failed", "error");
    }

    @Test
    void paginationFetchesPagesLazily() {
        answer("{\"TotalCount\":3,\"InstanceSet\":[{\"InstanceId\":\"a\"},{\"InstanceId\":\"b\"}],\"RequestId\":\"1\"}");
        answer("{\"TotalCount\":3,\"InstanceSet\":[{\"InstanceId\":\"c\"}],\"RequestId\":\"2\"}");
        try (TencentRedisClient redis = TencentRedisClient.create(config())) {
            // SNIPPET_START pagination
            for (InstanceSet instance : redis.describeInstancesIterable(DescribeInstancesRequest.builder().limit(2L).build())) {
                println(instance.instanceId());
            }
            // SNIPPET_END
        }
        assertThat(printed).containsExactly("a", "b", "c");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void waitForTheTaskOfAnAsynchronousAction() {
        answer("{\"TaskId\":42,\"RequestId\":\"r1\"}");
        answer("{\"Status\":\"succeed\",\"TaskMessage\":\"ok\",\"RequestId\":\"r2\"}");
        try (TencentRedisClient redis = TencentRedisClient.create(config())) {
            // SNIPPET_START waiters
            ClearInstanceResponse cleared = redis.clearInstance(r -> r.instanceId("crs-1").password("pw"));
            DescribeTaskInfoResponse task = TencentRedisWaiters.create(redis)
                    .withInterval(Duration.ofSeconds(5))
                    .waitForTask(cleared.taskId(), Duration.ofMinutes(10));   // TaskFailedException, WaiterTimeoutException
            // SNIPPET_END
            assertThat(task.status()).isEqualTo("succeed");
        }
    }

    @Test
    void errorsCarryTheVendorsCodeAndRequestId() {
        answer("{\"Error\":{\"Code\":\"ResourceNotFound.InstanceNotExists\",\"Message\":\"no such instance\"},\"RequestId\":\"req-9\"}");
        try (TencentRedisClient redis = TencentRedisClient.create(config())) {
            // SNIPPET_START errors
            try {
                redis.describeInstances(r -> r.instanceId("crs-missing"));
            } catch (NotFoundException e) {
                println("not found: " + e.code() + " (RequestId " + e.requestId() + ")");
            } catch (ApiException e) {
                println(e.vendor() + " " + e.code() + ", HTTP " + e.httpStatus() + ": " + e.getMessage());
            }
            // SNIPPET_END
        }
        assertThat(printed).containsExactly("not found: ResourceNotFound.InstanceNotExists (RequestId req-9)");
    }

    @Test
    void retriesRateLimitsAndTimeoutsAreConfigured() {
        answer("{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow down\"},\"RequestId\":\"a\"}");
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"b\"}");
        // SNIPPET_START retries
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(secretId, secretKey)).region("ap-guangzhou").endpoint(endpoint)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(5)                        // the first attempt and up to 4 retries
                        .baseDelay(Duration.ofMillis(200))
                        .maxDelay(Duration.ofSeconds(10))
                        .build())
                .rateLimiting(true)                            // each action's own limit from the model (default)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))           // one whole attempt
                .build();
        // SNIPPET_END
        try (TencentRedisClient redis = TencentRedisClient.create(config)) {
            assertThat(redis.describeInstances(r -> r.limit(1L)).requestId()).isEqualTo("b");
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void v1SigningSendsASignedForm() throws Exception {
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        // SNIPPET_START v1-signing
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(secretId, secretKey)).region("ap-guangzhou").endpoint(endpoint)
                .signatureMethod(SignatureMethod.HMAC_SHA256)   // or HMAC_SHA1; default TC3_HMAC_SHA256
                .build();
        // SNIPPET_END
        try (TencentRedisClient redis = TencentRedisClient.create(config)) {
            redis.describeInstances(r -> r.limit(1L));
        }
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(sent.getBody().readUtf8()).contains("SignatureMethod=HmacSHA256").contains("&Signature=");
    }

    @Test
    void requestLogLinesAreRedacted() {
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        // SNIPPET_START request-log
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(secretId, secretKey)).region("ap-guangzhou").endpoint(endpoint)
                .requestLog(line -> println(line))       // default: the "io.cachesh.client" System.Logger at DEBUG
                .build();
        // SNIPPET_END
        try (TencentRedisClient redis = TencentRedisClient.create(config)) {
            redis.describeInstances(r -> r.limit(1L));
        }
        assertThat(printed).singleElement().asString()
                .startsWith("tencent-redis DescribeInstances POST " + endpoint + "/ -> 200 in ")
                .contains("Signature=******").doesNotContain(secretKey);
    }

    @Test
    void interceptorsInjectFaultsAndDryRun() {
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        // SNIPPET_START fault-injection
        Interceptor throttleFirstAttempt = chain -> {
            ApiRequest request = chain.request();
            if (request.attempt() == 1) {
                throw new ThrottlingException("tencent", "RequestLimitExceeded", "injected", null, 200);
            }
            return chain.proceed(request);
        };
        ClientConfig flaky = config().toBuilder().addNetworkInterceptor(throttleFirstAttempt).build();
        // SNIPPET_END
        try (TencentRedisClient redis = TencentRedisClient.create(flaky)) {
            assertThat(redis.describeInstances(r -> r.limit(1L)).requestId()).isEqualTo("r");
        }
        assertThat(server.getRequestCount()).isEqualTo(1);

        // SNIPPET_START dry-run
        Interceptor dryRun = chain -> {
            ApiRequest request = chain.request();
            println("would call " + request.operation().name() + " " + request.bodyUtf8());
            return request.bind("{\"TaskId\":0,\"RequestId\":\"dry-run\"}");
        };
        try (TencentRedisClient redis = TencentRedisClient.create(config().toBuilder().addInterceptor(dryRun).build())) {
            redis.clearInstance(r -> r.instanceId("crs-1"));     // nothing is sent
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("would call ClearInstance {\"InstanceId\":\"crs-1\"}");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void wireLog() {
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        // SNIPPET_START wire-log
        ClientConfig debug = config().toBuilder()
                .addNetworkInterceptor(new WireLogInterceptor(this::println, RetryPolicy.defaults())).build();
        try (TencentRedisClient redis = TencentRedisClient.create(debug)) {
            redis.describeInstances(r -> r.limit(1L));   // request, headers, body, answer: secrets masked
        }
        // SNIPPET_END
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0)).startsWith("> tencent-redis DescribeInstances (attempt 1)\nPOST " + endpoint)
                .contains("Signature=******", "{\"Limit\":1}").doesNotContain(secretKey);
        assertThat(printed.get(1)).startsWith("< tencent-redis DescribeInstances: 200 in ").contains("\"TotalCount\":0");
    }

    @Test
    void untypedCallsGoThroughTheSameRuntime() {
        answer("{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"r\"}");
        // SNIPPET_START untyped
        var model = Models.load("tencent-redis");
        try (ClientRuntime runtime = ClientRuntime.create(model, config())) {
            JsonNode answer = runtime.invoke(OperationInfo.of(model, "DescribeInstances"), Map.of("Limit", 1), JsonNode.class);
            println(answer.get("TotalCount").asText());
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("0");
    }

    private void huaweiAnswer(int status, String body) {
        server.enqueue(new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setHeader("X-Request-Id", "8f1c0ea5c4c0d4d0f5e4b0b0a6e1c2d3").setBody(body));
    }

    @Test
    void huaweiWithAkSk() throws Exception {
        huaweiAnswer(200, "{\"instance_num\":1,\"instances\":[{\"instance_id\":\"dcs-1\",\"name\":\"cache-1\",\"status\":\"RUNNING\"}]}");
        String ak = "HWAKEXAMPLE";
        String sk = "example-huawei-sk";
        String projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
        // SNIPPET_START huawei-aksk
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(ak, sk))   // every call signed SDK-HMAC-SHA256
                .region("cn-north-4")
                .projectId(projectId)                  // fills {project_id}, sent as X-Project-Id
                .endpoint(endpoint)          // leave out for https://dcs.cn-north-4.myhuaweicloud.com
                .build();
        try (HuaweiDcsClient dcs = HuaweiDcsClient.create(config)) {
            ListInstancesResponse page = dcs.listInstances(r -> r.limit(10L).offset(0L).status("RUNNING"));
            for (InstanceListInfo instance : page.instances()) {
                println(instance.instanceId() + " " + instance.name() + " " + instance.status());
            }
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("dcs-1 cache-1 RUNNING");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/v2/" + projectId + "/instances?offset=0&limit=10&status=RUNNING");
        assertThat(sent.getHeader("Authorization")).startsWith("SDK-HMAC-SHA256 Access=HWAKEXAMPLE, SignedHeaders=host;x-project-id;x-sdk-date, Signature=");
        assertThat(sent.getHeader("X-Project-Id")).isEqualTo(projectId);
    }

    @Test
    void huaweiWithAnIamToken() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).setHeader("X-Subject-Token", "MIIexampletoken")
                .setBody("{\"token\":{\"expires_at\":\"2999-01-01T00:00:00.000000Z\",\"project\":{\"id\":\"p-from-token\"}}}"));
        huaweiAnswer(200, "{\"instance_id\":\"dcs-1\",\"status\":\"RUNNING\"}");
        huaweiAnswer(200, "{\"instance_id\":\"dcs-1\",\"status\":\"RUNNING\"}");
        String userName = "ops";
        String password = "example-password";
        String accountName = "acme";
        String iamEndpoint = endpoint;
        // SNIPPET_START huawei-token
        ClientConfig config = ClientConfig.builder()
                .iamCredentials(IamPasswordCredentials.of(userName, password, accountName, "cn-north-4"))
                .region("cn-north-4")
                .iamEndpoint(iamEndpoint)    // leave out for https://iam.cn-north-4.myhuaweicloud.com
                .endpoint(endpoint)
                .build();
        try (HuaweiDcsClient dcs = HuaweiDcsClient.create(config)) {
            ShowInstanceResponse instance = dcs.showInstance(r -> r.instanceId("dcs-1"));   // fetches a token
            println(instance.status());
            dcs.showInstance(r -> r.instanceId("dcs-1"));                                     // reuses it
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("RUNNING");
        assertThat(server.takeRequest().getPath()).isEqualTo("/v3/auth/tokens");
        RecordedRequest call = server.takeRequest();
        assertThat(call.getPath()).isEqualTo("/v2/p-from-token/instances/dcs-1");
        assertThat(call.getHeader("X-Auth-Token")).isEqualTo("MIIexampletoken");
        assertThat(server.takeRequest().getHeader("X-Auth-Token")).isEqualTo("MIIexampletoken");
        assertThat(config.toString()).doesNotContain(password);
    }

    @Test
    void huaweiWaitersAndErrors() {
        huaweiAnswer(200, "{\"instance_id\":\"dcs-1\",\"status\":\"RUNNING\"}");
        huaweiAnswer(404, "{\"error_code\":\"DCS.3022\",\"error_msg\":\"This DCS instance does not exist.\"}");
        String instanceId = "dcs-1";
        ClientConfig config = ClientConfig.builder().credentials(Credentials.of("HWAKEXAMPLE", "sk")).region("cn-north-4")
                .projectId("p1").endpoint(endpoint).build();
        // SNIPPET_START huawei-waiters-errors
        try (HuaweiDcsClient dcs = HuaweiDcsClient.create(config)) {
            HuaweiDcsWaiters waiters = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofSeconds(5));
            ShowInstanceResponse running = waiters.waitForInstanceStatus(instanceId, HuaweiDcsWaiters.RUNNING, Duration.ofMinutes(15));
            println(running.instanceId() + " is " + running.status());
            try {
                dcs.deleteSingleInstance(r -> r.instanceId("dcs-missing"));   // 204 No Content when it exists
            } catch (NotFoundException e) {
                println(e.code() + " " + e.httpStatus() + " " + e.requestId());
            }
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("dcs-1 is RUNNING", "DCS.3022 404 8f1c0ea5c4c0d4d0f5e4b0b0a6e1c2d3");
    }

    private void plainAnswer(String body) {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody(body));
    }

    @Test
    void tencentCmemOverTheLegacyV2Api() throws Exception {
        plainAnswer("{\"code\":0,\"message\":\"\",\"totalCount\":1,\"data\":[{\"cmemId\":104017148,\"cmemName\":\"9003_TE\","
                + "\"wanIp\":\"127.0.0.1\",\"port\":\"11211\"}]}");
        plainAnswer("{\"code\":\"0\",\"message\":\"\"}");
        // SNIPPET_START tencent-cmem
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(secretId, secretKey))
                .region("gz")                                  // or ap-guangzhou
                .signatureMethod(SignatureMethod.HMAC_SHA256)  // leave out for HmacSHA1
                .httpMethod("POST")                            // the default; "GET" sends a signed query
                .endpoint(endpoint)          // leave out for https://cmem.api.qcloud.com/v2/index.php
                .build();
        try (TencentCmemClient cmem = TencentCmemClient.create(config)) {
            for (CmemInstance instance : cmem.describeCmemIterable(DescribeCmemRequest.builder().limit(100L).build())) {
                println(instance.cmemName() + " " + instance.wanIp() + ":" + instance.port());
            }
            cmem.clearCmem(r -> r.cmemName("9003_TE"));     // at most 5 times per instance per day
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("9003_TE 127.0.0.1:11211");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getPath()).isEqualTo("/v2/index.php");
        assertThat(sent.getBody().readUtf8()).contains("Action=DescribeCmem").contains("SignatureMethod=HmacSHA256");
    }

    @Test
    void tencentRedisLegacyDealsAndTasks() {
        plainAnswer("{\"code\":\"0\",\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"dealId\":\"432583\"}}");
        plainAnswer("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"dealDetails\":[{\"dealId\":\"432583\",\"status\":4,"
                + "\"description\":\"发货成功\",\"goodsDetail\":{\"redisIds\":[\"crs-ifmymj41\"]}}]}");
        plainAnswer("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"requestId\":25565}}");
        plainAnswer("{\"code\":0,\"message\":\"\",\"codeDesc\":\"Success\",\"data\":{\"status\":2}}");
        ClientConfig config = ClientConfig.builder().credentials(Credentials.of(secretId, secretKey)).region("gz")
                .endpoint(endpoint).build();
        // SNIPPET_START tencent-redis-legacy
        try (TencentRedisLegacyClient legacy = TencentRedisLegacyClient.create(config)) {
            TencentRedisLegacyWaiters waiters = TencentRedisLegacyWaiters.create(legacy).withInterval(Duration.ofSeconds(5));
            CreateRedisResponse order = legacy.createRedis(r -> r.zoneId(100002L).typeId(2L).memSize(1024L)
                    .goodsNum(1L).period(1L).password("49A2d!e@f12e"));
            RedisDealDetail deal = waiters.waitForDeal(order.data().dealId(), Duration.ofMinutes(15));   // status 4
            String redisId = deal.goodsDetail().redisIds().get(0);
            ModfiyRedisPasswordResponse changed = legacy.modifyRedisPassword(r -> r.redisId(redisId)
                    .oldPassword("49A2d!e@f12e").password("n3w-Passw0rd"));                       // wire: ModfiyRedisPassword
            waiters.waitForTask(changed.data().requestId(), Duration.ofMinutes(5));                // status 2
            println(redisId + " ready");
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("crs-ifmymj41 ready");
    }

    @Test
    void capitalOnlineMemcached() throws Exception {
        plainAnswer("{\"Code\":\"Success\",\"Message\":\"\",\"Data\":{\"InstanceIds\":[\"b2f4\"],\"TaskIds\":[857]}}");
        plainAnswer("{\"Code\":\"Success\",\"Message\":\"\",\"Data\":{\"InstanceId\":\"b2f4\",\"Status\":\"running\","
                + "\"Address\":\"127.0.0.1\",\"Port\":\"11211\"}}");
        String accessKeyId = secretId;
        String accessKeySecret = secretKey;
        // SNIPPET_START capitalonline
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(accessKeyId, accessKeySecret))
                .region("cn")                // cn, asia or us: cdsapi[-asia|-us].capitalonline.net
                .endpoint(endpoint)          // leave out for the region's host
                .build();
        try (CapitalOnlineMemcachedClient memcached = CapitalOnlineMemcachedClient.create(config)) {
            CreateMemcachedInstanceResponse created = memcached.createMemcachedInstance(r -> r.instanceName("cache-1")
                    .confSize("2G").vdcId("vdc-1").pipeId("pipe-1").regionId("CN_Beijing_A").amount(1L));
            String instanceId = created.data().instanceIds().get(0);
            DescribeMemcachedInstanceData instance = CapitalOnlineMemcachedWaiters.create(memcached)
                    .waitForInstanceStatus(instanceId, CapitalOnlineMemcachedWaiters.RUNNING, Duration.ofMinutes(10));
            println(instance.address() + ":" + instance.port());
        }
        // SNIPPET_END
        assertThat(printed).containsExactly("127.0.0.1:11211");
        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getRequestUrl().encodedPath()).isEqualTo("/memcached");
        assertThat(sent.getRequestUrl().queryParameter("Action")).isEqualTo("CreateMemcachedInstance");
    }

    @Test
    void capitalOnlineKeyDerivationSwitch() {
        String accessKeyId = secretId;
        String accessKeySecret = secretKey;
        // SNIPPET_START capitalonline-key
        ClientConfig config = ClientConfig.builder()
                .credentials(Credentials.of(accessKeyId, accessKeySecret))
                .capitalOnlineKeyDerivation(CapitalOnlineSigner.KeyDerivation.SECRET_AMPERSAND)   // HMAC key = secret + "&"
                .build();
        // SNIPPET_END
        assertThat(config.capitalOnlineKeyDerivation()).isEqualTo(CapitalOnlineSigner.KeyDerivation.SECRET_AMPERSAND);
        assertThat(config.toString()).contains("SECRET_AMPERSAND").doesNotContain(accessKeySecret);
    }
}
