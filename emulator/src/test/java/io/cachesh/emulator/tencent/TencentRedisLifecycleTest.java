package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * End to end over real HTTP with TC3-signed requests: instances are real redis-servers that Jedis talks to on the
 * reported {@code WanIp:Port}, and every control-plane action shows in the data plane.
 */
class TencentRedisLifecycleTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    /** Creates a postpaid Redis 6.2 standard instance of 1 GB and waits until it runs; returns its InstanceSet. */
    static JsonNode createRunning(String name) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"ZoneId\":100002,\"Password\":\"" + PASSWORD + "\",\"InstanceName\":\"" + name + "\"}");
        String id = created.path("InstanceIds").get(0).asText();
        assertThat(id).matches("crs-[a-z0-9]{8}");
        assertThat(created.path("DealId").asText()).isEqualTo(id);
        return client.waitStatus(id, 2);
    }

    static Jedis jedis(JsonNode instance, String password) {
        Jedis jedis = new Jedis(instance.path("WanIp").asText(), instance.path("Port").asInt());
        if (password != null) jedis.auth(password);
        return jedis;
    }

    @Test
    void createdInstanceIsProcessingThenRunningWithARealRedisOnItsPort() {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"Password\":\"" + PASSWORD + "\",\"InstanceName\":\"first\"}");
        String id = created.path("InstanceIds").get(0).asText();
        JsonNode early = client.call("DescribeInstances", "{\"InstanceId\":\"" + id + "\"}").path("InstanceSet").get(0);
        assertThat(early.path("Status").asInt()).isEqualTo(1);

        JsonNode running = client.waitStatus(id, 2);
        assertThat(running.path("WanIp").asText()).isEqualTo("127.0.0.1");
        assertThat(running.path("Port").asInt()).isPositive();
        assertThat(running.path("InstanceName").asText()).isEqualTo("first");
        assertThat(running.path("Type").asInt()).isEqualTo(15);
        assertThat(running.path("Size").asDouble()).isEqualTo(1024.0);
        assertThat(running.path("RedisShardNum").asInt()).isEqualTo(1);
        assertThat(running.path("BillingMode").asInt()).isEqualTo(0);
        assertThat(running.path("Region").asText()).isEqualTo("ap-guangzhou");
        assertThat(running.path("Createtime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        try (Jedis jedis = jedis(running, PASSWORD)) {
            assertThat(jedis.set("greeting", "hello")).isEqualTo("OK");
            assertThat(jedis.get("greeting")).isEqualTo("hello");
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(1024L * 1024 * 1024));
        }
        try (Jedis anonymous = jedis(running, null)) {
            assertThatThrownBy(() -> anonymous.get("greeting")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void resetPasswordRejectsTheOldPasswordAndAcceptsTheNewOne() {
        JsonNode instance = createRunning("pw");
        String id = instance.path("InstanceId").asText();
        long task = client.call("ResetPassword", "{\"InstanceId\":\"" + id + "\",\"Password\":\"Fresh-Pass22\"}").path("TaskId").asLong();
        JsonNode done = client.waitTask(task);
        assertThat(done.path("Status").asText()).isEqualTo("succeed");
        assertThat(done.path("InstanceId").asText()).isEqualTo(id);
        assertThat(done.path("TaskType").asText()).isEqualTo("重置密码");
        try (Jedis jedis = new Jedis("127.0.0.1", instance.path("Port").asInt())) {
            assertThatThrownBy(() -> jedis.auth(PASSWORD)).isInstanceOf(JedisDataException.class);
        }
        try (Jedis jedis = jedis(instance, "Fresh-Pass22")) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
        // ClearInstance now checks the new password
        JsonNode wrong = client.response("ClearInstance", "{\"InstanceId\":\"" + id + "\",\"Password\":\"" + PASSWORD + "\"}");
        assertThat(wrong.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.PasswordError");
    }

    @Test
    void clearInstanceChecksThePasswordAndFlushesEveryKey() {
        JsonNode instance = createRunning("clear");
        String id = instance.path("InstanceId").asText();
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            for (int k = 0; k < 10; k++) jedis.set("k" + k, "v");
            assertThat(jedis.dbSize()).isEqualTo(10);
        }
        JsonNode empty = client.response("ClearInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(empty.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.PasswordEmpty");
        JsonNode wrong = client.response("ClearInstance", "{\"InstanceId\":\"" + id + "\",\"Password\":\"Wrong-Pass1\"}");
        assertThat(wrong.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.PasswordError");

        long task = client.call("ClearInstance", "{\"InstanceId\":\"" + id + "\",\"Password\":\"" + PASSWORD + "\"}").path("TaskId").asLong();
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            assertThat(jedis.dbSize()).isZero();
        }
    }

    @Test
    void upgradeInstanceChangesMaxmemoryOnTheRealServer() {
        JsonNode instance = createRunning("grow");
        String id = instance.path("InstanceId").asText();
        JsonNode twoChanges = client.response("UpgradeInstance", "{\"InstanceId\":\"" + id + "\",\"MemSize\":2048,\"RedisReplicasNum\":2}");
        assertThat(twoChanges.path("Error").path("Code").asText()).isEqualTo("InvalidParameter.InvalidParameter");

        JsonNode deal = client.call("UpgradeInstance", "{\"InstanceId\":\"" + id + "\",\"MemSize\":2048}");
        assertThat(deal.path("DealId").asText()).matches("\\d+");
        JsonNode grown = client.waitStatus(id, 2);
        assertThat(grown.path("Size").asDouble()).isEqualTo(2048.0);
        assertThat(grown.path("RedisShardSize").asInt()).isEqualTo(2048);
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(2048L * 1024 * 1024));
        }
        JsonNode notSold = client.response("UpgradeInstance", "{\"InstanceId\":\"" + id + "\",\"MemSize\":3072}");
        assertThat(notSold.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.MemSizeNotInRange");
    }

    @Test
    void manualBackupCopiesAnRdbAndIsListed() throws Exception {
        JsonNode instance = createRunning("backup");
        String id = instance.path("InstanceId").asText();
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            jedis.set("precious", "data");
        }
        long task = client.call("ManualBackupInstance", "{\"InstanceId\":\"" + id + "\",\"Remark\":\"before upgrade\"}").path("TaskId").asLong();
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");

        JsonNode backups = client.call("DescribeInstanceBackups", "{\"InstanceId\":\"" + id + "\",\"Limit\":10,\"Offset\":0}");
        assertThat(backups.path("TotalCount").asInt()).isEqualTo(1);
        JsonNode backup = backups.path("BackupSet").get(0);
        assertThat(backup.path("InstanceId").asText()).isEqualTo(id);
        assertThat(backup.path("Remark").asText()).isEqualTo("before upgrade");
        assertThat(backup.path("Status").asInt()).isEqualTo(2);
        assertThat(backup.path("BackupType").asText()).isEqualTo("0");
        assertThat(backup.path("BackupSize").asLong()).isPositive();
        Path rdb = emulator.fleet().backupDir(id).resolve(backup.path("BackupId").asText() + ".rdb");
        assertThat(Files.size(rdb)).isEqualTo(backup.path("BackupSize").asLong());
        assertThat(new String(Files.readAllBytes(rdb), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("REDIS").contains("precious");

        JsonNode missing = client.response("DescribeInstanceBackups", "{\"InstanceId\":\"crs-nothere0\"}");
        assertThat(missing.path("Error").path("Code").asText()).isEqualTo("ResourceNotFound.InstanceNotExists");
    }

    @Test
    void instanceParamsAreReadAndWrittenWithConfigGetAndSet() {
        JsonNode instance = createRunning("params");
        String id = instance.path("InstanceId").asText();
        JsonNode params = client.call("DescribeInstanceParams", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(params.path("TotalCount").asInt()).isEqualTo(18);
        assertThat(params.path("InstanceEnumParam").size()).isEqualTo(6);
        assertThat(params.path("InstanceIntegerParam").size()).isEqualTo(10);
        assertThat(params.path("InstanceMultiParam").size()).isEqualTo(1);
        assertThat(params.path("InstanceTextParam").size()).isEqualTo(1);
        assertThat(param(params, "InstanceIntegerParam", "timeout").path("CurrentValue").asText()).isEqualTo("31536000");
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            assertThat(jedis.configGet("timeout")).containsEntry("timeout", "31536000");
        }

        JsonNode bad = client.response("ModifyInstanceParams", "{\"InstanceId\":\"" + id
                + "\",\"InstanceParams\":[{\"Key\":\"timeout\",\"Value\":\"5\"}]}");
        assertThat(bad.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(bad.path("Error").path("Message").asText()).contains("timeout").contains("60").contains("2147483647");
        JsonNode unknown = client.response("ModifyInstanceParams", "{\"InstanceId\":\"" + id
                + "\",\"InstanceParams\":[{\"Key\":\"appendonly\",\"Value\":\"yes\"}]}");
        assertThat(unknown.path("Error").path("Code").asText()).isEqualTo("InvalidParameter");

        JsonNode changed = client.call("ModifyInstanceParams", "{\"InstanceId\":\"" + id
                + "\",\"InstanceParams\":[{\"Key\":\"timeout\",\"Value\":\"120\"},{\"Key\":\"maxmemory-policy\",\"Value\":\"allkeys-lru\"}]}");
        assertThat(changed.path("Changed").asBoolean()).isTrue();
        assertThat(client.waitTask(changed.path("TaskId").asLong()).path("Status").asText()).isEqualTo("succeed");
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            assertThat(jedis.configGet("timeout")).containsEntry("timeout", "120");
            assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
        }
        JsonNode after = client.call("DescribeInstanceParams", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(param(after, "InstanceIntegerParam", "timeout").path("CurrentValue").asText()).isEqualTo("120");
        assertThat(param(after, "InstanceEnumParam", "maxmemory-policy").path("CurrentValue").asText()).isEqualTo("allkeys-lru");
    }

    private static JsonNode param(JsonNode params, String group, String name) {
        for (JsonNode p : params.path(group)) {
            if (p.path("ParamName").asText().equals(name)) return p;
        }
        throw new AssertionError(name + " not in " + group);
    }

    @Test
    void renameAndFiltersAndPaging() {
        JsonNode a = createRunning("alpha-one");
        JsonNode b = createRunning("alpha-two");
        String idA = a.path("InstanceId").asText();
        String idB = b.path("InstanceId").asText();
        client.call("ModifyInstance", "{\"Operation\":\"rename\",\"InstanceIds\":[\"" + idA + "\"],\"InstanceNames\":[\"beta-one\"]}");
        JsonNode byName = client.call("DescribeInstances", "{\"InstanceName\":\"beta-one\"}");
        assertThat(byName.path("TotalCount").asInt()).isEqualTo(1);
        assertThat(byName.path("InstanceSet").get(0).path("InstanceId").asText()).isEqualTo(idA);
        JsonNode search = client.call("DescribeInstances", "{\"SearchKey\":\"alpha-t\"}");
        assertThat(search.path("InstanceSet").get(0).path("InstanceId").asText()).isEqualTo(idB);
        JsonNode both = client.call("DescribeInstances", "{\"InstanceIds\":[\"" + idA + "\",\"" + idB + "\"],\"Limit\":1,\"Offset\":0,\"OrderType\":0}");
        assertThat(both.path("TotalCount").asInt()).isEqualTo(2);
        assertThat(both.path("InstanceSet").size()).isEqualTo(1);
        assertThat(both.path("InstanceSet").get(0).path("InstanceId").asText()).isEqualTo(idA);
        JsonNode running = client.call("DescribeInstances", "{\"Status\":[2],\"Limit\":1000}");
        assertThat(running.path("TotalCount").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode otherRegion = client.send(c -> {
            c.action = "DescribeInstances";
            c.region = "ap-beijing";
        });
        assertThat(otherRegion.path("TotalCount").asInt()).isZero();
        JsonNode tooMany = client.response("DescribeInstances", "{\"Limit\":1001}");
        assertThat(tooMany.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue");
        assertThat(tooMany.path("Error").path("Message").asText()).contains("Limit").contains("1000");
    }

    @Test
    void destroyIsolatesThenCleanUpRemovesTheProcessAndItsFiles() throws Exception {
        JsonNode instance = createRunning("doomed");
        String id = instance.path("InstanceId").asText();
        int port = instance.path("Port").asInt();
        Instance domain = emulator.fleet().instance(id).orElseThrow();
        long pid = domain.dataPlane().pid();
        Path dir = emulator.fleet().dataDir(id);
        assertThat(dir).isDirectory();

        JsonNode early = client.response("CleanUpInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(early.path("Error").path("Code").asText()).isEqualTo("ResourceUnavailable.InstanceStatusAbnormal");
        JsonNode prepaid = client.response("DestroyPrepaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(prepaid.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.UnSupportedType");

        long task = client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + id + "\"}").path("TaskId").asLong();
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");
        JsonNode isolated = client.waitStatus(id, -2);
        assertThat(isolated.path("CloseTime").asText()).isNotEqualTo("0000-00-00 00:00:00");
        assertThat(isolated.path("OfflineTime").asText()).isNotEmpty();
        assertThat(portOpen(port)).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        JsonNode clearIsolated = client.response("ClearInstance", "{\"InstanceId\":\"" + id + "\",\"Password\":\"" + PASSWORD + "\"}");
        assertThat(clearIsolated.path("Error").path("Code").asText()).isEqualTo("ResourceUnavailable.InstanceStatusError");

        long cleanup = client.call("CleanUpInstance", "{\"InstanceId\":\"" + id + "\"}").path("TaskId").asLong();
        assertThat(client.waitTask(cleanup).path("Status").asText()).isEqualTo("succeed");
        client.waitGone(id);
        assertThat(dir).doesNotExist();
        assertThat(emulator.fleet().instance(id)).isEmpty();
        JsonNode gone = client.response("DestroyPostpaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(gone.path("Error").path("Code").asText()).isEqualTo("ResourceNotFound.InstanceNotExists");
    }

    @Test
    void modifyInstancePasswordChecksTheOldOneUnderBothSpellings() {
        JsonNode instance = createRunning("modpw");
        String id = instance.path("InstanceId").asText();
        JsonNode wrong = client.response("ModifyInstancePassword", "{\"InstanceId\":\"" + id
                + "\",\"OldPassword\":\"Nope-Nope1\",\"Password\":\"Other-Pass2\"}");
        assertThat(wrong.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.PasswordError");
        long task = client.call("ModfiyInstancePassword", "{\"InstanceId\":\"" + id + "\",\"OldPassword\":\"" + PASSWORD
                + "\",\"Password\":\"Other-Pass2\"}").path("TaskId").asLong();
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");
        try (Jedis jedis = jedis(instance, "Other-Pass2")) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void prepaidInstancesHaveDealsRenewalsAndAreReturnedWithDestroyPrepaid() {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":17,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":1,\"Password\":\"" + PASSWORD + "\",\"AutoRenew\":1}");
        String id = created.path("InstanceIds").get(0).asText();
        JsonNode deal = client.call("DescribeInstanceDealDetail", "{\"DealIds\":[\"" + created.path("DealId").asText() + "\"]}")
                .path("DealDetails").get(0);
        assertThat(deal.path("InstanceIds").get(0).asText()).isEqualTo(id);
        assertThat(deal.path("Status").asInt()).isEqualTo(4);
        JsonNode running = client.waitStatus(id, 2);
        assertThat(running.path("BillingMode").asInt()).isEqualTo(1);
        assertThat(running.path("AutoRenewFlag").asInt()).isEqualTo(1);
        String deadline = running.path("DeadlineTime").asText();
        assertThat(deadline).isNotEqualTo("0000-00-00 00:00:00");
        assertThat(client.call("RenewInstance", "{\"InstanceId\":\"" + id + "\",\"Period\":2}").path("DealId").asText()).matches("\\d+");
        assertThat(client.waitStatus(id, 2).path("DeadlineTime").asText()).isGreaterThan(deadline);

        JsonNode postpaid = client.response("DestroyPostpaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(postpaid.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.UnSupportedType");
        assertThat(client.call("DestroyPrepaidInstance", "{\"InstanceId\":\"" + id + "\"}").path("DealId").asText()).matches("\\d+");
        client.waitStatus(id, -2);
        JsonNode again = client.response("DestroyPrepaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(again.path("Error").path("Code").asText()).isEqualTo("ResourceUnavailable.InstanceIsolated");
        client.call("StartupInstance", "{\"InstanceId\":\"" + id + "\"}");
        JsonNode back = client.waitStatus(id, 2);
        try (Jedis jedis = jedis(back, PASSWORD)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void restoreInstanceBringsBackTheBackedUpData() {
        JsonNode instance = createRunning("restore");
        String id = instance.path("InstanceId").asText();
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            jedis.set("version", "1");
        }
        client.waitTask(client.call("ManualBackupInstance", "{\"InstanceId\":\"" + id + "\"}").path("TaskId").asLong());
        String backupId = client.call("DescribeInstanceBackups", "{\"InstanceId\":\"" + id + "\"}")
                .path("BackupSet").get(0).path("BackupId").asText();
        JsonNode detail = client.call("DescribeBackupDetail", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"" + backupId + "\"}");
        assertThat(detail.path("MemSize").asInt()).isEqualTo(1024);
        try (Jedis jedis = jedis(instance, PASSWORD)) {
            jedis.set("version", "2");
        }
        JsonNode badPassword = client.response("RestoreInstance", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"" + backupId
                + "\",\"Password\":\"Wrong-Pass1\"}");
        assertThat(badPassword.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.PasswordError");
        JsonNode noBackup = client.response("RestoreInstance", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"nope\",\"Password\":\""
                + PASSWORD + "\"}");
        assertThat(noBackup.path("Error").path("Code").asText()).isEqualTo("InvalidParameterValue.BackupNotExists");
        long task = client.call("RestoreInstance", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"" + backupId
                + "\",\"Password\":\"" + PASSWORD + "\"}").path("TaskId").asLong();
        assertThat(client.waitTask(task).path("Status").asText()).isEqualTo("succeed");
        JsonNode restored = client.waitStatus(id, 2);
        try (Jedis jedis = jedis(restored, PASSWORD)) {
            assertThat(jedis.get("version")).isEqualTo("1");
        }
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
