package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.ActionShapes.code;
import static io.cachesh.emulator.tencent.ActionShapes.conform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DescribeCommonDBInstances, DescribeInstanceSupportFeature, DescribeInstanceDTSInfo and the dedicated-cluster lists. */
class InstanceInfoAndClusterActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static Tc3TestClient client;
    static JsonNode prepaid;
    static JsonNode postpaid;
    static JsonNode old;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        prepaid = create(15, 1, "alpha");
        postpaid = create(15, 0, "beta");
        old = create(2, 0, "gamma");
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static JsonNode create(int typeId, int billingMode, String name) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":" + typeId + ",\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":" + billingMode + ",\"Password\":\"" + PASSWORD + "\",\"InstanceName\":\"" + name + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static List<String> names(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("InstanceDetails").forEach(n -> out.add(n.path("InstanceName").asText()));
        return out;
    }

    @Test
    void commonDbInstancesListsTheRegionsInstancesWithTheSeedsReversedPayModeFilter() {
        JsonNode all = conform("DescribeCommonDBInstances", client.call("DescribeCommonDBInstances", "{}"));
        assertThat(all.path("TotalCount").asInt()).isEqualTo(3);
        assertThat(names(all)).containsExactly("gamma", "beta", "alpha");
        JsonNode item = all.path("InstanceDetails").get(2);
        assertThat(item.path("InstanceId").asText()).isEqualTo(prepaid.path("InstanceId").asText());
        assertThat(item.path("PayMode").asInt()).isEqualTo(1);
        assertThat(item.path("Status").asText()).isEqualTo("2");
        assertThat(item.path("Vips").get(0).asText()).isEqualTo("127.0.0.1");
        assertThat(item.path("Vport").asInt()).isEqualTo(prepaid.path("Port").asInt());
        assertThat(item.path("Zone").asText()).isEqualTo("ap-guangzhou-2");
        assertThat(item.path("Region").asText()).isEqualTo("ap-guangzhou");
        assertThat(item.path("NetType").asInt()).isZero();
        assertThat(item.path("VpcId").asText()).isEqualTo("unknown-unVpcId");
        assertThat(item.path("AppId").asLong()).isPositive();
        assertThat(item.path("Createtime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        // PayMode filter: 0 = prepaid (包年包月), 1 = postpaid
        assertThat(names(client.call("DescribeCommonDBInstances", "{\"PayMode\":0}"))).containsExactly("alpha");
        assertThat(names(client.call("DescribeCommonDBInstances", "{\"PayMode\":1}"))).containsExactly("gamma", "beta");
        assertThat(names(client.call("DescribeCommonDBInstances", "{\"InstanceIds\":[\"" + postpaid.path("InstanceId").asText() + "\"]}")))
                .containsExactly("beta");
        assertThat(names(client.call("DescribeCommonDBInstances", "{\"InstanceNames\":[\"gamma\"],\"Status\":[\"2\"]}"))).containsExactly("gamma");
        assertThat(names(client.call("DescribeCommonDBInstances", "{\"Status\":[\"-2\"]}"))).isEmpty();
        assertThat(names(client.call("DescribeCommonDBInstances", "{\"Vips\":[\"127.0.0.1\"],\"OrderBy\":\"instancename\",\"OrderByType\":\"asc\"}")))
                .containsExactly("alpha", "beta", "gamma");
        JsonNode page = client.call("DescribeCommonDBInstances", "{\"OrderBy\":\"instancename\",\"OrderByType\":\"asc\",\"Limit\":1,\"Offset\":1}");
        assertThat(page.path("TotalCount").asInt()).isEqualTo(3);
        assertThat(names(page)).containsExactly("beta");
        assertThat(names(client.call("DescribeCommonDBInstances", "{\"UniqVpcIds\":[\"vpc-none\"]}"))).isEmpty();
        assertThat(code(client.response("DescribeCommonDBInstances", "{\"OrderBy\":\"size\"}"))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("DescribeCommonDBInstances", "{\"Limit\":-1}"))).startsWith("InvalidParameter");
        assertThat(code(client.response("DescribeCommonDBInstances", "{\"PayMode\":2}"))).isEqualTo("InvalidParameterValue");
        // another region sees none of them
        JsonNode other = client.send(c -> {
            c.action = "DescribeCommonDBInstances";
            c.body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            c.region = "ap-shanghai";
        });
        assertThat(other.has("Error")).isFalse();
        assertThat(other.has("TotalCount")).isTrue();
        assertThat(other.path("TotalCount").asInt()).isZero();
    }

    @Test
    void supportFeatureNeedsTheProxyArchitecture() {
        for (String feature : new String[] {"read-local-node-only", "multi-account"}) {
            JsonNode yes = conform("DescribeInstanceSupportFeature", client.call("DescribeInstanceSupportFeature",
                    "{\"InstanceId\":\"" + prepaid.path("InstanceId").asText() + "\",\"FeatureName\":\"" + feature + "\"}"));
            assertThat(yes.path("Support").asBoolean()).isTrue();
            JsonNode no = client.call("DescribeInstanceSupportFeature",
                    "{\"InstanceId\":\"" + old.path("InstanceId").asText() + "\",\"FeatureName\":\"" + feature + "\"}");
            assertThat(no.path("Support").isBoolean()).isTrue();
            assertThat(no.path("Support").asBoolean()).isFalse();
        }
        assertThat(code(client.response("DescribeInstanceSupportFeature", "{\"InstanceId\":\"crs-nothere0\",\"FeatureName\":\"multi-account\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceSupportFeature",
                "{\"InstanceId\":\"" + prepaid.path("InstanceId").asText() + "\",\"FeatureName\":\"ssl\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeInstanceSupportFeature", "{\"InstanceId\":\"" + prepaid.path("InstanceId").asText() + "\"}")))
                .isEqualTo("MissingParameter");
    }

    @Test
    void dtsInfoSaysThereIsNoDtsTask() {
        JsonNode dts = conform("DescribeInstanceDTSInfo", client.call("DescribeInstanceDTSInfo",
                "{\"InstanceId\":\"" + prepaid.path("InstanceId").asText() + "\"}"));
        assertThat(dts.path("JobId").asText()).isEmpty();
        assertThat(dts.path("JobName").asText()).isEmpty();
        assertThat(dts.path("Status").asInt()).isZero();
        assertThat(dts.path("Offset").asInt()).isZero();
        assertThat(dts.has("SrcInfo")).isFalse();
        assertThat(code(client.response("DescribeInstanceDTSInfo", "{\"InstanceId\":\"crs-nothere0\"}"))).isEqualTo("ResourceNotFound.InstanceNotExists");
    }

    @Test
    void dedicatedClustersAreEmptyUntilTheFleetHasSome() {
        JsonNode none = conform("DescribeRedisClusters", client.call("DescribeRedisClusters", "{}"));
        assertThat(none.path("Total").asInt()).isZero();
        assertThat(none.path("Resources")).isEmpty();
        JsonNode empty = conform("DescribeRedisClusterOverview", client.call("DescribeRedisClusterOverview", "{\"DedicatedClusterId\":\"cluster-0astoh6a\"}"));
        assertThat(empty.path("TotalBundle").asInt()).isZero();
        assertThat(empty.path("TotalMemory").asInt()).isZero();

        ClusterActions.Bundle base = new ClusterActions.Bundle("cc-standard", 0, 1);
        ClusterActions.addCluster(emulator.fleet(), new ClusterActions.Cluster("crs-cdc-9nyfki8h", "first", "ap-guangzhou", 100002, 1, 0, 0,
                "2022-06-10 14:40:33", "2022-07-10 14:40:33", 1, List.of(base),
                List.of(new ClusterActions.Bundle("resource-bundle-mini", 16, 1)), "cluster-0astoh6a"));
        ClusterActions.addCluster(emulator.fleet(), new ClusterActions.Cluster("crs-cdc-4myknrdf", "second", "ap-guangzhou", 100002, 1, 0, 1,
                "2022-07-10 10:33:12", "2022-08-10 10:33:12", 2, List.of(base),
                List.of(new ClusterActions.Bundle("resource-bundle-mini", 16, 1), new ClusterActions.Bundle("resource-bundle-small-1", 48, 2)),
                "cluster-0astoh6a"));
        ClusterActions.addCluster(emulator.fleet(), new ClusterActions.Cluster("crs-cdc-elsewhere", "third", "ap-shanghai", 200002, 1, 0, 0,
                "2022-07-10 10:33:12", "2022-08-10 10:33:12", 2, List.of(), List.of(), "cluster-other"));

        JsonNode all = conform("DescribeRedisClusters", client.call("DescribeRedisClusters", "{\"Limit\":\"100\",\"Offset\":\"0\"}"));
        assertThat(all.path("Total").asInt()).isEqualTo(2);
        JsonNode first = all.path("Resources").get(0);
        assertThat(first.path("RedisClusterId").asText()).isEqualTo("crs-cdc-9nyfki8h");
        assertThat(first.path("RegionId").asInt()).isEqualTo(1);
        assertThat(first.path("BaseBundles").get(0).path("ResourceBundleName").asText()).isEqualTo("cc-standard");
        assertThat(first.path("ResourceBundles").get(0).path("AvailableMemory").asInt()).isEqualTo(16);
        assertThat(client.call("DescribeRedisClusters", "{\"Status\":[2]}").path("Resources").get(0).path("ClusterName").asText()).isEqualTo("second");
        assertThat(client.call("DescribeRedisClusters", "{\"SearchKey\":\"first\"}").path("Total").asInt()).isEqualTo(1);
        assertThat(client.call("DescribeRedisClusters", "{\"RedisClusterIds\":[\"crs-cdc-4myknrdf\"],\"AutoRenewFlag\":[1]}").path("Total").asInt()).isEqualTo(1);
        assertThat(client.call("DescribeRedisClusters", "{\"ProjectIds\":[7]}").path("Total").asInt()).isZero();
        JsonNode page = client.call("DescribeRedisClusters", "{\"Limit\":1,\"Offset\":1}");
        assertThat(page.path("Total").asInt()).isEqualTo(2);
        assertThat(page.path("Resources")).hasSize(1);
        assertThat(page.path("Resources").get(0).path("ClusterName").asText()).isEqualTo("second");
        assertThat(code(client.response("DescribeRedisClusters", "{\"Status\":[4]}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeRedisClusters", "{\"Offset\":-1}"))).isEqualTo("InvalidParameter");

        JsonNode overview = client.call("DescribeRedisClusterOverview", "{\"DedicatedClusterId\":\"cluster-0astoh6a\"}");
        assertThat(overview.path("TotalBundle").asInt()).isEqualTo(4);
        assertThat(overview.path("TotalMemory").asInt()).isEqualTo(16 + 16 + 96);
        assertThat(client.call("DescribeRedisClusterOverview", "{\"DedicatedClusterId\":\"cluster-none\"}").path("TotalBundle").asInt()).isZero();
    }
}
