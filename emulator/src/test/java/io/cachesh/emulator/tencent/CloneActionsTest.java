package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.ActionShapes.code;
import static io.cachesh.emulator.tencent.ActionShapes.conform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** CloneInstances: new real redis-servers that start with the data of the source's backup. */
class CloneActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static Tc3TestClient client;
    static JsonNode source;
    static String sourceId;
    static String backupId;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":16,\"MemSize\":1024,\"RedisShardNum\":3,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"Password\":\"" + PASSWORD + "\",\"InstanceName\":\"origin\"}");
        sourceId = created.path("InstanceIds").get(0).asText();
        source = client.waitStatus(sourceId, 2);
        try (Jedis jedis = new Jedis("127.0.0.1", source.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            jedis.set("in-backup", "from-origin");
            jedis.hset("profile:1", "name", "ada");
        }
        long task = client.call("ManualBackupInstance", "{\"InstanceId\":\"" + sourceId + "\"}").path("TaskId").asLong();
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");
        backupId = client.call("DescribeInstanceBackups", "{\"InstanceId\":\"" + sourceId + "\"}").path("BackupSet").get(0).path("BackupId").asText();
        try (Jedis jedis = new Jedis("127.0.0.1", source.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            jedis.set("after-backup", "not-cloned");
        }
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static String request(String extra) {
        return "{\"InstanceId\":\"" + sourceId + "\",\"GoodsNum\":1,\"ZoneId\":100003,\"BillingMode\":0,\"Period\":1,"
                + "\"SecurityGroupIdList\":[\"sg-bmadczm1\"],\"BackupId\":\"" + backupId + "\",\"Password\":\"Clone-Pass22\"" + extra + "}";
    }

    @Test
    void clonesStartWithTheBackupsDataOnTheirOwnRedisServer() {
        JsonNode out = conform("CloneInstances", client.call("CloneInstances",
                request(",\"GoodsNum\":2,\"InstanceName\":\"copy\",\"ResourceTags\":[{\"TagKey\":\"team\",\"TagValue\":\"cache\"}]")));
        assertThat(out.path("InstanceIds")).hasSize(2);
        String first = out.path("InstanceIds").get(0).asText();
        String second = out.path("InstanceIds").get(1).asText();
        assertThat(first).matches("crs-[a-z0-9]{8}").isNotEqualTo(sourceId);
        assertThat(out.path("DealId").asText()).isEqualTo(first + "," + second);
        JsonNode early = client.call("DescribeInstances", "{\"InstanceId\":\"" + first + "\"}").path("InstanceSet").get(0);
        assertThat(early.path("Status").asInt()).isEqualTo(1);
        for (String id : new String[] {first, second}) {
            JsonNode clone = client.waitStatus(id, 2);
            assertThat(clone.path("Type").asInt()).isEqualTo(16);
            assertThat(clone.path("RedisShardNum").asInt()).isEqualTo(3);
            assertThat(clone.path("ZoneId").asInt()).isEqualTo(100003);
            assertThat(clone.path("InstanceName").asText()).isEqualTo("copy");
            assertThat(clone.path("Port").asInt()).isPositive().isNotEqualTo(source.path("Port").asInt());
            try (Jedis jedis = new Jedis("127.0.0.1", clone.path("Port").asInt())) {
                jedis.auth("Clone-Pass22");
                assertThat(jedis.get("in-backup")).isEqualTo("from-origin");
                assertThat(jedis.hget("profile:1", "name")).isEqualTo("ada");
                assertThat(jedis.exists("after-backup")).isFalse();
            }
        }
        JsonNode tasks = client.call("DescribeTaskList", "{\"InstanceId\":\"" + first + "\",\"TaskTypes\":[\"026\"]}");
        assertThat(tasks.path("TotalCount").asInt()).isEqualTo(1);
        // the clone is independent of its source
        try (Jedis jedis = new Jedis("127.0.0.1", client.waitStatus(first, 2).path("Port").asInt())) {
            jedis.auth("Clone-Pass22");
            jedis.set("only-in-clone", "1");
        }
        try (Jedis jedis = new Jedis("127.0.0.1", source.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            assertThat(jedis.exists("only-in-clone")).isFalse();
        }
    }

    @Test
    void cloneValidatesTheSeedsRules() {
        assertThat(code(client.response("CloneInstances", request("").replace(sourceId, "crs-nothere0"))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("CloneInstances", request("").replace(backupId, "no-such-backup"))))
                .isEqualTo("InvalidParameterValue.BackupNotExists");
        assertThat(code(client.response("CloneInstances", request(",\"GoodsNum\":31")))).isEqualTo("LimitExceeded.InvalidParameterGoodsNumNotInRange");
        assertThat(code(client.response("CloneInstances", request(",\"GoodsNum\":101,\"BillingMode\":1")))).startsWith("InvalidParameterValue");
        assertThat(code(client.response("CloneInstances", request(",\"Period\":3")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("CloneInstances", request(",\"Period\":13,\"BillingMode\":1")))).startsWith("InvalidParameterValue");
        assertThat(code(client.response("CloneInstances", request(",\"ZoneId\":100001")))).isEqualTo("ResourceUnavailable.NoServiceAvailableForThisZoneId");
        assertThat(code(client.response("CloneInstances", request(",\"NoAuth\":true")))).isEqualTo("InvalidParameterValue.BaseNetWorkAccessDeny");
        assertThat(code(client.response("CloneInstances", request("").replace(",\"Password\":\"Clone-Pass22\"", ""))))
                .isEqualTo("InvalidParameterValue.PasswordEmpty");
        assertThat(code(client.response("CloneInstances", request("").replace("Clone-Pass22", "simple"))))
                .isEqualTo("InvalidParameterValue.PasswordRuleError");
        assertThat(code(client.response("CloneInstances", request("").replace("sg-bmadczm1", "firewall-1"))))
                .isEqualTo("InvalidParameterValue.SecurityGroupIdsNotExists");
        assertThat(code(client.response("CloneInstances", request("").replace("[\"sg-bmadczm1\"]", "[]"))))
                .isEqualTo("InvalidParameter.EmptyParam");
        assertThat(code(client.response("CloneInstances", request(",\"CloneTime\":\"2024-01-01 00:00:00\""))))
                .isEqualTo("InvalidParameterValue.CheckNotPass");
        assertThat(code(client.response("CloneInstances", request(",\"InstanceName\":\"bad name!\""))))
                .isEqualTo("InvalidParameterValue.InstanceNameRuleError");
        assertThat(code(client.response("CloneInstances", "{\"InstanceId\":\"" + sourceId + "\"}"))).isEqualTo("MissingParameter");
        // a password-free clone in a VPC
        JsonNode vpc = client.call("CloneInstances", request(",\"NoAuth\":true,\"VpcId\":\"vpc-pxyzim13\",\"SubnetId\":\"subnet-7jbabche\"")
                .replace(",\"Password\":\"Clone-Pass22\"", ""));
        JsonNode clone = client.waitStatus(vpc.path("InstanceIds").get(0).asText(), 2);
        assertThat(clone.path("NoAuth").asBoolean()).isTrue();
        try (Jedis jedis = new Jedis("127.0.0.1", clone.path("Port").asInt())) {
            assertThat(jedis.get("in-backup")).isEqualTo("from-origin");
        }
    }
}
