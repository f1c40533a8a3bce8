package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the emulator answers fits the model's output shapes with strict JSON types (an integer member is a JSON
 * number, not a numeric string), for every implemented action the model describes.
 */
class ResponseConformanceTest {

    @Test
    void everyResponseFitsItsOutputShape() {
        ApiModel model = Models.load("tencent-redis");
        ModelValidator strict = new ModelValidator(model, true);
        List<String> problems = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        try (Emulator emulator = Emulator.builder().taskDelay(Duration.ofMillis(50)).build().start()) {
            assumeTrue(emulator.dataPlaneAvailable(), "no redis-server");
            Tc3TestClient client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
            String pw = "Cachesh-Pass1";
            JsonNode created = client.call("CreateInstances", "{\"TypeId\":16,\"MemSize\":1024,\"RedisShardNum\":3,\"GoodsNum\":1,"
                    + "\"Period\":1,\"BillingMode\":1,\"Password\":\"" + pw + "\",\"ResourceTags\":[{\"TagKey\":\"team\",\"TagValue\":\"cache\"}]}");
            String id = created.path("InstanceIds").get(0).asText();
            check(model, strict, "CreateInstances", created, problems, checked);
            client.waitStatus(id, 2);
            String i = "{\"InstanceId\":\"" + id + "\"}";
            long backupTask = client.call("ManualBackupInstance", i).path("TaskId").asLong();
            client.waitTask(backupTask);
            String backupId = client.call("DescribeInstanceBackups", i).path("BackupSet").get(0).path("BackupId").asText();
            String[][] calls = {
                {"DescribeInstances", "{}"},
                {"DescribeTaskInfo", "{\"TaskId\":" + backupTask + "}"},
                {"DescribeTaskList", i},
                {"DescribeProductInfo", "{}"},
                {"DescribeInstanceDealDetail", "{\"DealIds\":[\"" + created.path("DealId").asText() + "\"]}"},
                {"DescribeInstanceParams", i},
                {"DescribeInstanceBackups", i},
                {"DescribeBackupDetail", "{\"InstanceId\":\"" + id + "\",\"BackupId\":\"" + backupId + "\"}"},
                {"DescribeMaintenanceWindow", i},
                {"DescribeAutoBackupConfig", i},
                {"ModifyInstanceParams", "{\"InstanceId\":\"" + id + "\",\"InstanceParams\":[{\"Key\":\"hz\",\"Value\":\"20\"}]}"},
                {"ModifyInstance", "{\"Operation\":\"rename\",\"InstanceIds\":[\"" + id + "\"],\"InstanceNames\":[\"x\"]}"},
                {"RenewInstance", "{\"InstanceId\":\"" + id + "\",\"Period\":1}"},
                {"ManualBackupInstance", i},
                {"ClearInstance", "{\"InstanceId\":\"" + id + "\",\"Password\":\"" + pw + "\"}"},
                {"ResetPassword", "{\"InstanceId\":\"" + id + "\",\"Password\":\"" + pw + "\"}"},
            };
            for (String[] call : calls) {
                JsonNode r = client.call(call[0], call[1]);
                check(model, strict, call[0], r, problems, checked);
                if (r.has("TaskId")) client.waitTask(r.path("TaskId").asLong());
            }
            JsonNode upgrade = client.call("UpgradeInstance", "{\"InstanceId\":\"" + id + "\",\"MemSize\":1024,\"RedisShardNum\":5}");
            check(model, strict, "UpgradeInstance", upgrade, problems, checked);
            client.waitStatus(id, 2);
            JsonNode destroy = client.call("DestroyPrepaidInstance", i);
            check(model, strict, "DestroyPrepaidInstance", destroy, problems, checked);
            client.waitStatus(id, -2);
            check(model, strict, "DescribeInstances", client.call("DescribeInstances", i), problems, checked);
            check(model, strict, "CleanUpInstance", client.call("CleanUpInstance", i), problems, checked);
        }
        assertThat(problems).isEmpty();
        assertThat(checked).contains("CreateInstances", "DescribeInstances", "DescribeInstanceParams", "UpgradeInstance");
    }

    private static void check(ApiModel model, ModelValidator strict, String action, JsonNode response,
                              List<String> problems, List<String> checked) {
        if (model.operation(action).isEmpty()) return;
        checked.add(action);
        for (Violation v : strict.validateShape(model.operation(action).get().output(), response).violations()) {
            if (v.kind() != Violation.Kind.MISSING) problems.add(action + ": " + v.message());
        }
    }
}
