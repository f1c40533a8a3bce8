package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.tencent.BackupPolicy.AutoBackupConfig;
import io.cachesh.emulator.tencent.BackupPolicy.BackupMode;
import io.cachesh.emulator.tencent.BackupPolicy.Span;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Backup policy over real HTTP: the automatic backup schedule, the backup mode (second-level backup = the real
 * redis-server's AOF), the region's download restriction, and the file URL of a backup's real RDB.
 */
class BackupPolicyActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static Tc3TestClient client;
    static ApiModel model;
    static ModelValidator strict;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).throttling(false).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        model = Models.load("tencent-redis");
        strict = new ModelValidator(model, true);
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static JsonNode createRunning(String name) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"Password\":\"" + PASSWORD + "\",\"InstanceName\":\"" + name + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static JsonNode ok(String action, String json) {
        return conform(action, client.call(action, json));
    }

    static JsonNode conform(String action, JsonNode response) {
        List<String> problems = new ArrayList<>();
        for (Violation v : strict.validateShape(model.operation(action).orElseThrow().output(), response).violations()) {
            if (v.kind() != Violation.Kind.MISSING) problems.add(v.message());
        }
        assertThat(problems).as("%s answer %s fits its shape", action, response).isEmpty();
        return response;
    }

    static String error(String action, String json) {
        return client.response(action, json).path("Error").path("Code").asText();
    }

    static JsonNode inRegion(String region, String action, String json) {
        return client.send(c -> {
            c.action = action;
            c.region = region;
            c.body = json.getBytes(StandardCharsets.UTF_8);
        });
    }

    static void succeeded(JsonNode taskAnswer) {
        JsonNode done = client.waitTask(taskAnswer.path("TaskId").asLong());
        assertThat(done.path("Status").asText()).as("task %s", done).isEqualTo("succeed");
    }

    static Jedis jedis(JsonNode instance) {
        Jedis jedis = new Jedis("127.0.0.1", instance.path("Port").asInt());
        jedis.auth(PASSWORD);
        return jedis;
    }

    @Test
    void modifyAutoBackupConfigStoresTheScheduleForDescribeAutoBackupConfig() {
        JsonNode instance = createRunning("auto-backup");
        String id = instance.path("InstanceId").asText();
        Instance i = emulator.fleet().instance(id).orElseThrow();
        assertThat(AutoBackupConfig.of(i)).isEqualTo(AutoBackupConfig.DEFAULT);

        JsonNode answer = ok("ModifyAutoBackupConfig", "{\"InstanceId\":\"" + id + "\",\"AutoBackupType\":1,"
                + "\"TimePeriod\":\"04:00-05:00\",\"WeekDays\":[\"Wednesday\",\"Monday\",\"Monday\"]}");
        assertThat(answer.path("AutoBackupType").asInt()).isEqualTo(1);
        assertThat(answer.path("TimePeriod").asText()).isEqualTo("04:00-05:00");
        assertThat(answer.path("BackupStorageDays").asInt()).isEqualTo(7);
        assertThat(answer.path("WeekDays").toString()).isEqualTo("[\"Monday\",\"Wednesday\"]");
        // what DescribeAutoBackupConfig answers once it reads AutoBackupConfig.of(instance)
        AutoBackupConfig stored = AutoBackupConfig.of(i);
        assertThat(stored.weekDays()).containsExactly("Monday", "Wednesday");
        assertThat(stored.timePeriod()).isEqualTo("04:00-05:00");
        JsonNode described = conform("DescribeAutoBackupConfig", stored.describe());
        assertThat(described.path("TimePeriod").asText()).isEqualTo("04:00-05:00");
        assertThat(described.path("BackupStorageDays").asInt()).isEqualTo(7);

        ok("ModifyAutoBackupConfig", "{\"InstanceId\":\"" + id + "\",\"TimePeriod\":\"23:00-00:00\",\"WeekDays\":[\"Sunday\"]}");
        assertThat(AutoBackupConfig.of(i).timePeriod()).isEqualTo("23:00-00:00");

        String base = "{\"InstanceId\":\"" + id + "\",\"TimePeriod\":\"%s\",\"WeekDays\":%s}";
        assertThat(error("ModifyAutoBackupConfig", base.formatted("01:00-03:00", "[\"Monday\"]"))).isEqualTo("InvalidParameter.Period");
        assertThat(error("ModifyAutoBackupConfig", base.formatted("1:00-2:00", "[\"Monday\"]"))).isEqualTo("InvalidParameter.Period");
        assertThat(error("ModifyAutoBackupConfig", base.formatted("24:00-01:00", "[\"Monday\"]"))).isEqualTo("InvalidParameter.Period");
        assertThat(error("ModifyAutoBackupConfig", base.formatted("01:30-02:30", "[\"Monday\"]"))).isEqualTo("InvalidParameter.Period");
        assertThat(error("ModifyAutoBackupConfig", base.formatted("01:00-02:00", "[]"))).isEqualTo("InvalidParameterValue.WeekDaysIsInvalid");
        assertThat(error("ModifyAutoBackupConfig", base.formatted("01:00-02:00", "[\"Someday\"]"))).startsWith("InvalidParameterValue");
        assertThat(error("ModifyAutoBackupConfig", "{\"InstanceId\":\"" + id + "\",\"TimePeriod\":\"01:00-02:00\","
                + "\"WeekDays\":[\"Monday\"],\"AutoBackupType\":2}")).isEqualTo("InvalidParameterValue");
        assertThat(error("ModifyAutoBackupConfig", "{\"InstanceId\":\"crs-nothere0\",\"TimePeriod\":\"01:00-02:00\","
                + "\"WeekDays\":[\"Monday\"]}")).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(AutoBackupConfig.of(i).timePeriod()).isEqualTo("23:00-00:00");
    }

    @Test
    void secondLevelBackupIsTheRealAppendOnlyFile() {
        JsonNode instance = createRunning("second-level");
        String id = instance.path("InstanceId").asText();
        String info = "{\"InstanceId\":\"" + id + "\"}";
        assertThat(error("DescribeSecondLevelBackupInfo", info)).isEqualTo("FailedOperation.UnSupportError");

        JsonNode task = ok("ModifyInstanceBackupMode", "{\"InstanceId\":\"" + id + "\",\"BackupMode\":\"SecondLevelBackup\"}");
        JsonNode done = client.waitTask(task.path("TaskId").asLong());
        assertThat(done.path("Status").asText()).isEqualTo("succeed");
        assertThat(done.path("TaskType").asText()).isEqualTo("变更实例备份模式");
        try (Jedis jedis = jedis(instance)) {
            assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "yes");
        }
        Instance i = emulator.fleet().instance(id).orElseThrow();
        assertThat(BackupMode.modeOf(i)).isEqualTo("SecondLevelBackup");

        long now = System.currentTimeMillis() / 1000;
        JsonNode answer = ok("DescribeSecondLevelBackupInfo", info);
        assertThat(answer.path("StartTimestamp").asLong()).isBetween(now - 30, now + 1);
        assertThat(answer.path("BackupTimestamp").asLong()).isBetween(answer.path("StartTimestamp").asLong(), now + 1);
        assertThat(answer.path("BackupId").asText()).isNotEmpty();
        assertThat(answer.has("MissingTimestamps")).isTrue();
        assertThat(answer.path("MissingTimestamps").isNull()).isTrue();
        long start = answer.path("StartTimestamp").asLong();
        JsonNode at = ok("DescribeSecondLevelBackupInfo", "{\"InstanceId\":\"" + id + "\",\"BackupTimestamp\":" + start + "}");
        assertThat(at.path("BackupTimestamp").asLong()).isEqualTo(start);
        assertThat(error("DescribeSecondLevelBackupInfo", "{\"InstanceId\":\"" + id + "\",\"BackupTimestamp\":" + (now + 3600) + "}"))
                .isEqualTo("InvalidParameter.NotSupported");
        assertThat(error("DescribeSecondLevelBackupInfo", "{\"InstanceId\":\"" + id + "\",\"BackupTimestamp\":" + (now - 8 * 86400) + "}"))
                .isEqualTo("InvalidParameter.NotSupported");

        succeeded(ok("ModifyInstanceBackupMode", "{\"InstanceId\":\"" + id + "\",\"BackupMode\":\"NormalLevelBackup\"}"));
        try (Jedis jedis = jedis(instance)) {
            assertThat(jedis.configGet("appendonly")).containsEntry("appendonly", "no");
        }
        assertThat(BackupMode.modeOf(i)).isEqualTo("NormalLevelBackup");

        // a history with a gap: on 3 h ago for 1 h, on again since 1 h ago
        i.extensions().put(BackupMode.KEY, new BackupMode("SecondLevelBackup",
                List.of(new Span(now - 3 * 3600, now - 2 * 3600), new Span(now - 3600, 0))));
        JsonNode gaps = ok("DescribeSecondLevelBackupInfo", "{\"InstanceId\":\"" + id + "\",\"BackupTimestamp\":" + (now - 1800) + "}");
        assertThat(gaps.path("StartTimestamp").asLong()).isEqualTo(now - 3 * 3600);
        assertThat(gaps.path("MissingTimestamps").size()).isEqualTo(1);
        assertThat(gaps.path("MissingTimestamps").get(0).path("StartTimeStamp").asLong()).isEqualTo(now - 2 * 3600);
        assertThat(gaps.path("MissingTimestamps").get(0).path("EndTimeStamp").asLong()).isEqualTo(now - 3600);

        assertThat(error("DescribeSecondLevelBackupInfo", "{}")).isEqualTo("MissingParameter");
        assertThat(error("DescribeSecondLevelBackupInfo", "{\"InstanceId\":\"crs-nothere0\"}")).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error("ModifyInstanceBackupMode", "{\"InstanceId\":\"" + id + "\"}")).isEqualTo("InvalidParameter.NotSupported");
        assertThat(error("ModifyInstanceBackupMode", "{\"InstanceId\":\"crs-nothere0\",\"BackupMode\":\"SecondLevelBackup\"}"))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error("ModifyInstanceBackupMode", "{\"InstanceId\":\"crs-1\",\"BackupMode\":\"SecondLevelBackup\"}"))
                .isEqualTo("InvalidParameterValue");
        assertThat(error("ModifyInstanceBackupMode", "{\"InstanceId\":\"" + id + "\",\"BackupMode\":\"Hourly\"}"))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void secondLevelBackupGapsAreComputedOverTheWindow() {
        BackupMode mode = new BackupMode("NormalLevelBackup", List.of(new Span(100, 200), new Span(300, 400)));
        assertThat(mode.missing(100, 500)).containsExactly(new Span(200, 300), new Span(400, 500));
        assertThat(mode.missing(150, 350)).containsExactly(new Span(200, 300));
        assertThat(new BackupMode("SecondLevelBackup", List.of(new Span(100, 0))).missing(100, 500)).isEmpty();
        BackupMode on = new BackupMode("NormalLevelBackup", List.of()).switchTo("SecondLevelBackup", 10);
        assertThat(on.secondLevel()).containsExactly(new Span(10, 0));
        assertThat(on.switchTo("NormalLevelBackup", 20).secondLevel()).containsExactly(new Span(10, 20));
        assertThat(on.switchTo("SecondLevelBackup", 20)).isSameAs(on);
    }

    @Test
    void downloadRestrictionIsPerRegionState() {
        JsonNode fresh = conform("DescribeBackupDownloadRestriction", inRegion("ap-beijing", "DescribeBackupDownloadRestriction", "{}"));
        assertThat(fresh.path("LimitType").asText()).isEqualTo("NoLimit");
        assertThat(fresh.path("VpcComparisonSymbol").asText()).isEqualTo("In");
        assertThat(fresh.path("IpComparisonSymbol").asText()).isEqualTo("In");
        assertThat(fresh.path("LimitVpc").size()).isZero();
        assertThat(fresh.path("LimitIp").size()).isZero();

        String custom = "{\"LimitType\":\"Customize\",\"VpcComparisonSymbol\":\"In\",\"IpComparisonSymbol\":\"NotIn\","
                + "\"LimitVpc\":[{\"VpcList\":[\"vpc-5og4fwm9\",\"vpc-03dsikyx\"],\"Region\":\"ap-guangzho\"}],\"LimitIp\":[\"10.1.0.13\"]}";
        JsonNode modified = inRegion("ap-shanghai", "ModifyBackupDownloadRestriction", custom);
        assertThat(modified.has("Error")).as("%s", modified).isFalse();
        JsonNode read = conform("DescribeBackupDownloadRestriction", inRegion("ap-shanghai", "DescribeBackupDownloadRestriction", "{}"));
        assertThat(read.path("LimitType").asText()).isEqualTo("Customize");
        assertThat(read.path("IpComparisonSymbol").asText()).isEqualTo("NotIn");
        assertThat(read.path("LimitVpc").get(0).path("Region").asText()).isEqualTo("ap-guangzho");
        assertThat(read.path("LimitVpc").get(0).path("VpcList").toString()).isEqualTo("[\"vpc-5og4fwm9\",\"vpc-03dsikyx\"]");
        assertThat(read.path("LimitIp").toString()).isEqualTo("[\"10.1.0.13\"]");
        // other regions keep theirs
        assertThat(inRegion("ap-beijing", "DescribeBackupDownloadRestriction", "{}").path("LimitType").asText()).isEqualTo("NoLimit");

        assertThat(inRegion("ap-shanghai", "ModifyBackupDownloadRestriction", "{\"LimitType\":\"LimitOnlyIntranet\"}").has("Error")).isFalse();
        read = inRegion("ap-shanghai", "DescribeBackupDownloadRestriction", "{}");
        assertThat(read.path("LimitType").asText()).isEqualTo("LimitOnlyIntranet");
        assertThat(read.path("LimitIp").size()).isZero();

        String code = "{\"LimitType\":\"Customize\",\"LimitVpc\":[{\"VpcList\":[\"vpc-5og4fwm9\"],\"Region\":\"ap-shanghai\"}]}";
        assertThat(inRegion("ap-shanghai", "ModifyBackupDownloadRestriction", code).path("Error").path("Code").asText())
                .isEqualTo("InvalidParameter.InvalidParameter");
        code = "{\"LimitType\":\"Customize\",\"LimitVpc\":[{\"VpcList\":[\"vpc-5og4fwm9\"],\"Region\":\"ap-shanghai\"}],\"LimitIp\":[\"10.1.0.300\"]}";
        assertThat(inRegion("ap-shanghai", "ModifyBackupDownloadRestriction", code).path("Error").path("Code").asText())
                .isEqualTo("InvalidParameter.InvalidParameter");
        code = "{\"LimitType\":\"Customize\",\"LimitVpc\":[{\"VpcList\":[\"subnet-1\"],\"Region\":\"ap-shanghai\"}],\"LimitIp\":[\"10.1.0.3\"]}";
        assertThat(inRegion("ap-shanghai", "ModifyBackupDownloadRestriction", code).path("Error").path("Code").asText())
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error("ModifyBackupDownloadRestriction", "{}")).isEqualTo("MissingParameter");
        assertThat(error("ModifyBackupDownloadRestriction", "{\"LimitType\":\"Everything\"}")).isEqualTo("InvalidParameterValue");
        assertThat(inRegion("ap-shanghai", "DescribeBackupDownloadRestriction", "{}").path("LimitType").asText())
                .isEqualTo("LimitOnlyIntranet");
    }

    @Test
    void describeBackupUrlPointsAtTheRealRdbCopy() throws Exception {
        JsonNode instance = createRunning("backup-url");
        String id = instance.path("InstanceId").asText();
        try (Jedis jedis = jedis(instance)) {
            for (int k = 0; k < 50; k++) jedis.set("key" + k, "value" + k);
        }
        JsonNode backup = client.call("ManualBackupInstance", "{\"InstanceId\":\"" + id + "\",\"Remark\":\"for url\"}");
        String backupId = client.call("DescribeInstanceBackups", "{\"InstanceId\":\"" + id + "\"}").path("BackupSet").get(0)
                .path("BackupId").asText();
        String url = "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"" + backupId + "\"}";
        // still being taken
        assertThat(error("DescribeBackupUrl", url)).isEqualTo("ResourceUnavailable.BackupStatusInvalid");
        succeeded(backup);

        JsonNode answer = ok("DescribeBackupUrl", url);
        assertThat(answer.path("BackupInfos").size()).isEqualTo(1);
        JsonNode info = answer.path("BackupInfos").get(0);
        assertThat(info.path("DownloadUrl").asText()).startsWith("file:/").endsWith(info.path("FileName").asText());
        assertThat(info.path("InnerDownloadUrl").asText()).isEqualTo(info.path("DownloadUrl").asText());
        Path file = Path.of(URI.create(info.path("DownloadUrl").asText()));
        assertThat(file).isRegularFile();
        assertThat(info.path("FileSize").asLong()).isEqualTo(Files.size(file)).isPositive();
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("REDIS");
        }
        assertThat(Files.readAllBytes(file)).containsSequence("value49".getBytes(StandardCharsets.US_ASCII));

        ok("DescribeBackupUrl", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"" + backupId + "\",\"LimitType\":\"Customize\","
                + "\"LimitVpc\":[{\"Region\":\"ap-guangzhou\",\"VpcList\":[\"vpc-b3ksv7yt\"]}],\"LimitIp\":[\"10.1.1.12\"]}");
        assertThat(error("DescribeBackupUrl", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"" + backupId
                + "\",\"LimitType\":\"Customize\"}")).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error("DescribeBackupUrl", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"no-such-backup\"}"))
                .isEqualTo("InvalidParameterValue.BackupNotExists");
        assertThat(error("DescribeBackupUrl", "{\"InstanceId\":\"crs-nothere0\",\"BackupId\":\"" + backupId + "\"}"))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error("DescribeBackupUrl", "{\"InstanceId\":\"" + id + "\"}")).isEqualTo("MissingParameter");
    }
}
