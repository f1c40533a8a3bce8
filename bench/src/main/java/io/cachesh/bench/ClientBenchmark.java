package io.cachesh.bench;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.dcs.v2.DcsClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client cost per call: cachesh's generated clients ({@code ours_*}) against the official SDKs ({@code sdk_*}),
 * both calling the same {@link CannedServer}. The server's endpoint comes from {@code -Dbench.endpoint}
 * ({@code bench/run} starts it as its own process); without it an in-process server is started (smoke test only:
 * its allocation would then count against the client).
 * <p>Both sides build their request per call, as a caller does, and use their defaults, except that our client's
 * own rate limiter (DescribeInstances: 35/s from the model) is turned off, since the SDKs have none.
 * Run with {@code -prof gc} (bytes/op) and {@code -prof io.cachesh.bench.ClientCpuProfiler} (client-thread CPU/op).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ClientBenchmark {

    public static final String AK = "AKIDcacheshBench00000000000000000000";
    public static final String SK = "cachesh-bench-secret-key-000000000000";
    public static final String PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    public static final String HW_INSTANCE = "1a2b3c4d-5b2c-4d1e-9f3a-5e6f7a8b9c0d";

    @State(Scope.Benchmark)
    public static class Clients {
        CannedServer local;
        public TencentRedisClient oursTencent;
        public HuaweiDcsClient oursHuawei;
        public RedisClient sdkTencent;
        public DcsClient sdkHuawei;

        @Setup
        public void setUp() {
            String endpoint = System.getProperty("bench.endpoint");
            if (endpoint == null || endpoint.isBlank()) {
                local = new CannedServer(0, 8).start();
                endpoint = local.endpoint();
            }
            String hostPort = endpoint.replaceFirst("^https?://", "");

            oursTencent = TencentRedisClient.create(ClientConfig.builder().credentials(Credentials.of(AK, SK))
                    .region("ap-guangzhou").endpoint(endpoint).rateLimiting(false).build());
            oursHuawei = HuaweiDcsClient.create(ClientConfig.builder().credentials(Credentials.of(AK, SK))
                    .region("cn-north-4").projectId(PROJECT).endpoint(endpoint).rateLimiting(false).build());

            HttpProfile http = new HttpProfile();
            http.setProtocol(HttpProfile.REQ_HTTP);
            http.setEndpoint(hostPort);
            sdkTencent = new RedisClient(new Credential(AK, SK), "ap-guangzhou",
                    new ClientProfile(ClientProfile.SIGN_TC3_256, http));
            sdkHuawei = DcsClient.newBuilder()
                    .withHttpConfig(HttpConfig.getDefaultHttpConfig())
                    .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT))
                    .withEndpoint(endpoint)
                    .build();
        }

        @TearDown
        public void tearDown() {
            oursTencent.close();
            oursHuawei.close();
            if (local != null) local.close();
        }
    }

    // --- Tencent Redis: DescribeInstances (20 in the answer) ---------------------------------------------------

    @Benchmark
    public Object tencentDescribeInstances_ours(Clients c) {
        var answer = c.oursTencent.describeInstances(r -> r.limit(20L).offset(0L));
        return check(answer.instanceSet().size() == 20, answer);
    }

    @Benchmark
    public Object tencentDescribeInstances_sdk(Clients c) throws TencentCloudSDKException {
        var request = new com.tencentcloudapi.redis.v20180412.models.DescribeInstancesRequest();
        request.setLimit(20L);
        request.setOffset(0L);
        var answer = c.sdkTencent.DescribeInstances(request);
        return check(answer.getInstanceSet().length == 20, answer);
    }

    // --- Tencent Redis: CreateInstances ----------------------------------------------------------------------------

    @Benchmark
    public Object tencentCreateInstances_ours(Clients c) {
        var answer = c.oursTencent.createInstances(r -> r.typeId(6L).memSize(1024L).goodsNum(1L).period(1L)
                .billingMode(0L).zoneId(100003L).password("Bench-Passw0rd").instanceName("bench")
                .vpcId("vpc-bench01").subnetId("subnet-bench01"));
        return check(answer.instanceIds().size() == 1, answer);
    }

    @Benchmark
    public Object tencentCreateInstances_sdk(Clients c) throws TencentCloudSDKException {
        var request = new com.tencentcloudapi.redis.v20180412.models.CreateInstancesRequest();
        request.setTypeId(6L);
        request.setMemSize(1024L);
        request.setGoodsNum(1L);
        request.setPeriod(1L);
        request.setBillingMode(0L);
        request.setZoneId(100003L);
        request.setPassword("Bench-Passw0rd");
        request.setInstanceName("bench");
        request.setVpcId("vpc-bench01");
        request.setSubnetId("subnet-bench01");
        var answer = c.sdkTencent.CreateInstances(request);
        return check(answer.getInstanceIds().length == 1, answer);
    }

    // --- Tencent Redis: DescribeTaskInfo ---------------------------------------------------------------------------

    @Benchmark
    public Object tencentDescribeTaskInfo_ours(Clients c) {
        var answer = c.oursTencent.describeTaskInfo(r -> r.taskId(1021L));
        return check("succeed".equals(answer.status()), answer);
    }

    @Benchmark
    public Object tencentDescribeTaskInfo_sdk(Clients c) throws TencentCloudSDKException {
        var request = new com.tencentcloudapi.redis.v20180412.models.DescribeTaskInfoRequest();
        request.setTaskId(1021L);
        var answer = c.sdkTencent.DescribeTaskInfo(request);
        return check("succeed".equals(answer.getStatus()), answer);
    }

    // --- Huawei DCS v2: ListInstances (20 in the answer) -----------------------------------------------------------

    @Benchmark
    public Object huaweiListInstances_ours(Clients c) {
        var answer = c.oursHuawei.listInstances(r -> r.limit(20L).offset(0L));
        return check(answer.instances().size() == 20, answer);
    }

    @Benchmark
    public Object huaweiListInstances_sdk(Clients c) {
        var answer = c.sdkHuawei.listInstances(new com.huaweicloud.sdk.dcs.v2.model.ListInstancesRequest()
                .withLimit(20).withOffset(0));
        return check(answer.getInstances().size() == 20, answer);
    }

    // --- Huawei DCS v2: ShowInstance -------------------------------------------------------------------------------

    @Benchmark
    public Object huaweiShowInstance_ours(Clients c) {
        var answer = c.oursHuawei.showInstance(r -> r.instanceId(HW_INSTANCE));
        return check(answer.instanceId() != null, answer);
    }

    @Benchmark
    public Object huaweiShowInstance_sdk(Clients c) {
        var answer = c.sdkHuawei.showInstance(new com.huaweicloud.sdk.dcs.v2.model.ShowInstanceRequest()
                .withInstanceId(HW_INSTANCE));
        return check(answer.getInstanceId() != null, answer);
    }

    static Object check(boolean ok, Object answer) {
        if (!ok) throw new IllegalStateException("unexpected answer: " + answer);
        return answer;
    }
}
