package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.redis.v20180412.RedisClient;
import com.tencentcloudapi.redis.v20180412.models.*;
import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The slow-log, monitoring and log-delivery answers fit the model's output shapes with strict JSON types, and the
 * official Tencent Cloud Java SDK (3.1.667, 2022) parses the ones it knows.
 */
class SlowLogMonitorSdkConformanceTest {

    /** Actions this class drives through the official SDK (see {@link SdkCoverageTest}). */
    static final java.util.Set<String> SDK_DRIVEN = java.util.Set.of(
            "DescribeProxySlowLog", "DescribeSlowLog", "DescribeTendisSlowLog", "DescribeInstanceMonitorBigKey",
            "DescribeInstanceMonitorBigKeySizeDist", "DescribeInstanceMonitorBigKeyTypeDist",
            "DescribeInstanceMonitorHotKey", "DescribeInstanceMonitorSIP", "DescribeInstanceMonitorTookDist",
            "DescribeInstanceMonitorTopNCmd", "DescribeInstanceMonitorTopNCmdTook");

    /** Added to the API in 2024, after SDK 3.1.667. */
    static final java.util.Set<String> NOT_IN_SDK = java.util.Set.of(
            "DescribeInstanceLogDelivery", "ModifyInstanceLogDelivery");


    static Emulator emulator;
    static Tc3TestClient client;
    static JsonNode instance;
    static String id;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        instance = SlowLogActionsTest.createRunning(client, "conformance");
        id = instance.path("InstanceId").asText();
        try (Jedis jedis = SlowLogActionsTest.jedis(instance.path("Port").asInt())) {
            jedis.configSet("slowlog-log-slower-than", "0");
            jedis.configSet("maxmemory-policy", "allkeys-lfu");
            jedis.set("k", "v");
            jedis.rpush("l", "a", "b");
            for (int n = 0; n < 20; n++) jedis.get("k");
        }
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    @Test
    void everyAnswerFitsItsOutputShape() {
        ApiModel model = Models.load("tencent-redis");
        ModelValidator strict = new ModelValidator(model, true);
        String window = SlowLogActionsTest.window(id, "").replace("}", "");
        String i = "{\"InstanceId\":\"" + id + "\"";
        String[][] calls = {
            {"DescribeSlowLog", window + "}"},
            {"DescribeProxySlowLog", window + "}"},
            {"DescribeInstanceMonitorBigKey", i + ",\"ReqType\":2,\"Date\":\"20191101\"}"},
            {"DescribeInstanceMonitorBigKeySizeDist", i + ",\"Date\":\"2019-11-07\"}"},
            {"DescribeInstanceMonitorBigKeyTypeDist", i + ",\"Date\":\"2019-11-07\"}"},
            {"DescribeInstanceMonitorHotKey", i + ",\"SpanType\":1}"},
            {"DescribeInstanceMonitorTopNCmd", i + ",\"SpanType\":1}"},
            {"DescribeInstanceMonitorTopNCmdTook", i + ",\"SpanType\":1}"},
            {"DescribeInstanceMonitorTookDist", i + ",\"Date\":\"2019-11-07\",\"SpanType\":1}"},
            {"DescribeInstanceMonitorSIP", i + "}"},
            {"ModifyInstanceLogDelivery", i + ",\"LogType\":\"slowlog\",\"Enabled\":true,\"LogsetName\":\"s\",\"TopicName\":\"t\"}"},
            {"DescribeInstanceLogDelivery", i + "}"},
        };
        List<String> problems = new ArrayList<>();
        for (String[] call : calls) {
            JsonNode r = client.call(call[0], call[1]);
            for (Violation v : strict.validateShape(model.operation(call[0]).orElseThrow().output(), r).violations()) {
                problems.add(call[0] + ": " + v.message());
            }
        }
        assertThat(problems).isEmpty();
    }

    static RedisClient sdk() {
        HttpProfile http = new HttpProfile();
        http.setProtocol(HttpProfile.REQ_HTTP);
        http.setEndpoint("127.0.0.1:" + emulator.port());
        Credentials keys = emulator.credentials();
        return new RedisClient(new Credential(keys.keyId(), keys.secret().reveal()), "ap-guangzhou",
                new ClientProfile(ClientProfile.SIGN_TC3_256, http));
    }

    @Test
    void theOfficialSdkParsesTheAnswers() throws Exception {
        RedisClient sdk = sdk();
        Instant now = Instant.now();

        DescribeProxySlowLogRequest proxy = new DescribeProxySlowLogRequest();
        proxy.setInstanceId(id);
        proxy.setBeginTime(TencentActionGroup.time(now.minusSeconds(3600)));
        proxy.setEndTime(TencentActionGroup.time(now.plusSeconds(3600)));
        proxy.setLimit(10L);
        proxy.setOffset(0L);
        DescribeProxySlowLogResponse proxyLog = sdk.DescribeProxySlowLog(proxy);
        assertThat(proxyLog.getTotalCount()).isZero(); // nothing over the proxy's 500 ms
        assertThat(proxyLog.getRequestId()).isNotBlank();

        DescribeSlowLogRequest slow = new DescribeSlowLogRequest();
        slow.setInstanceId(id);
        slow.setBeginTime(proxy.getBeginTime());
        slow.setEndTime(proxy.getEndTime());
        slow.setLimit(100L);
        DescribeSlowLogResponse slowLog = sdk.DescribeSlowLog(slow);
        assertThat(slowLog.getTotalCount()).isPositive();
        // the details are in InstanceSlowLogDetail since rel.71; the 2022 SDK still reads the removed InstanceSlowlogDetail
        assertThat(slowLog.getInstanceSlowlogDetail()).isNull();

        DescribeInstanceMonitorTopNCmdRequest top = new DescribeInstanceMonitorTopNCmdRequest();
        top.setInstanceId(id);
        top.setSpanType(1L);
        SourceCommand[] commands = sdk.DescribeInstanceMonitorTopNCmd(top).getData();
        assertThat(Arrays.stream(commands).map(SourceCommand::getCmd)).contains("get");
        assertThat(Arrays.stream(commands).filter(c -> c.getCmd().equals("get")).findFirst().orElseThrow().getCount())
                .isGreaterThanOrEqualTo(20L);

        DescribeInstanceMonitorHotKeyRequest hot = new DescribeInstanceMonitorHotKeyRequest();
        hot.setInstanceId(id);
        hot.setSpanType(1L);
        HotKeyInfo[] hotKeys = sdk.DescribeInstanceMonitorHotKey(hot).getData();
        assertThat(hotKeys).isNotEmpty();
        assertThat(hotKeys[0].getKey()).isEqualTo("k");
        assertThat(hotKeys[0].getType()).isEqualTo("string");

        DescribeInstanceMonitorBigKeyRequest big = new DescribeInstanceMonitorBigKeyRequest();
        big.setInstanceId(id);
        big.setReqType(2L);
        big.setDate("20191101");
        BigKeyInfo[] bigKeys = sdk.DescribeInstanceMonitorBigKey(big).getData();
        assertThat(Arrays.stream(bigKeys).map(BigKeyInfo::getKey)).containsExactlyInAnyOrder("k", "l");

        DescribeInstanceMonitorTookDistRequest took = new DescribeInstanceMonitorTookDistRequest();
        took.setInstanceId(id);
        took.setDate("2019-11-07");
        took.setSpanType(1L);
        DelayDistribution[] dist = sdk.DescribeInstanceMonitorTookDist(took).getData();
        assertThat(Arrays.stream(dist).map(DelayDistribution::getLadder)).containsExactly(1L, 5L, 10L, 50L, 200L, -1L);

        DescribeInstanceMonitorBigKeySizeDistRequest sizeDist = new DescribeInstanceMonitorBigKeySizeDistRequest();
        sizeDist.setInstanceId(id);
        sizeDist.setDate("2019-11-07");
        assertThat(sdk.DescribeInstanceMonitorBigKeySizeDist(sizeDist).getData()).hasSize(6);

        DescribeInstanceMonitorBigKeyTypeDistRequest typeDist = new DescribeInstanceMonitorBigKeyTypeDistRequest();
        typeDist.setInstanceId(id);
        typeDist.setDate("2019-11-07");
        assertThat(sdk.DescribeInstanceMonitorBigKeyTypeDist(typeDist).getData()).hasSizeGreaterThanOrEqualTo(5);

        DescribeInstanceMonitorTopNCmdTookRequest topTook = new DescribeInstanceMonitorTopNCmdTookRequest();
        topTook.setInstanceId(id);
        topTook.setSpanType(1L);
        assertThat(sdk.DescribeInstanceMonitorTopNCmdTook(topTook).getData()).isNotEmpty();

        DescribeInstanceMonitorSIPRequest sip = new DescribeInstanceMonitorSIPRequest();
        sip.setInstanceId(id);
        assertThat(sdk.DescribeInstanceMonitorSIP(sip).getData()).isNotNull();

        DescribeTendisSlowLogRequest tendis = new DescribeTendisSlowLogRequest();
        tendis.setInstanceId(id);
        tendis.setBeginTime(proxy.getBeginTime());
        tendis.setEndTime(proxy.getEndTime());
        assertThatThrownBy(() -> sdk.DescribeTendisSlowLog(tendis)).isInstanceOf(TencentCloudSDKException.class)
                .satisfies(e -> {
                    TencentCloudSDKException sdkError = (TencentCloudSDKException) e;
                    assertThat(sdkError.getErrorCode()).isEqualTo("ResourceNotFound.InstanceNotExists");
                    assertThat(sdkError.getRequestId()).isNotBlank();
                });
    }
}
