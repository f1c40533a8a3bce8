package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Parameter templates (create, copy, describe, modify, delete), ApplyParamsTemplate with CONFIG SET on the real
 * redis-servers, and DescribeInstanceParamRecords recording template applications and ModifyInstanceParams.
 */
class ParamTemplateActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final ApiModel MODEL = Models.load("tencent-redis");

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(200)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static JsonNode createRunning(int typeId) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":" + typeId + ",\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"ZoneId\":100002,\"Password\":\"" + PASSWORD + "\"}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }

    static JsonNode checked(String action, String json) {
        JsonNode r = client.call(action, json);
        List<Violation> problems = new ModelValidator(MODEL, true)
                .validateShape(MODEL.operation(action).orElseThrow().output(), r).violations();
        assertThat(problems.stream().filter(v -> v.kind() != Violation.Kind.MISSING).toList()).as(action).isEmpty();
        return r;
    }

    static String newTemplate(String name, int productType, String params) {
        String id = checked("CreateParamTemplate", "{\"Name\":\"" + name + "\",\"Description\":\"MyCustomParamTemplate\","
                + "\"ProductType\":" + productType + ",\"ParamList\":[" + params + "]}").path("TemplateId").asText();
        assertThat(id).matches("crs-cfg-[a-z0-9]{8}");
        return id;
    }

    static JsonNode item(JsonNode info, String name) {
        for (JsonNode n : info.path("Items")) {
            if (n.path("Name").asText().equals(name)) return n;
        }
        throw new AssertionError(name + " not in " + info);
    }

    static String configGet(JsonNode instance, String name) {
        try (Jedis jedis = new Jedis(instance.path("WanIp").asText(), instance.path("Port").asInt())) {
            jedis.auth(PASSWORD);
            return jedis.configGet(name).get(name);
        }
    }

    @Test
    void templatesAreCreatedListedCopiedModifiedAndDeleted() {
        String id = newTemplate("CustomParamTemplate", 15, "{\"Key\":\"timeout\",\"Value\":\"120\"}");
        JsonNode list = checked("DescribeParamTemplates", "{\"TemplateIds\":[\"" + id + "\"]}");
        assertThat(list.path("TotalCount").asInt()).isEqualTo(1);
        JsonNode listed = list.path("Items").get(0);
        assertThat(listed.path("TemplateId").asText()).isEqualTo(id);
        assertThat(listed.path("Name").asText()).isEqualTo("CustomParamTemplate");
        assertThat(listed.path("Description").asText()).isEqualTo("MyCustomParamTemplate");
        assertThat(listed.path("ProductType").asInt()).isEqualTo(15);
        assertThat(client.call("DescribeParamTemplates", "{\"ProductTypes\":[16],\"TemplateIds\":[\"" + id + "\"]}")
                .path("TotalCount").asInt()).isZero();
        assertThat(client.call("DescribeParamTemplates", "{\"TemplateNames\":[\"CustomParamTemplate\"]}")
                .path("Items").findValuesAsText("TemplateId")).contains(id);

        JsonNode info = checked("DescribeParamTemplateInfo", "{\"TemplateId\":\"" + id + "\"}");
        assertThat(info.path("TotalCount").asInt()).isEqualTo(TencentParams.ALL.size()).isEqualTo(info.path("Items").size());
        assertThat(info.path("Name").asText()).isEqualTo("CustomParamTemplate");
        assertThat(info.path("ProductType").asInt()).isEqualTo(15);
        JsonNode timeout = item(info, "timeout");
        assertThat(timeout.path("CurrentValue").asText()).isEqualTo("120");
        assertThat(timeout.path("Default").asText()).isEqualTo("31536000");
        assertThat(timeout.path("ParamType").asText()).isEqualTo("integer");
        assertThat(timeout.path("Min").asText()).isEqualTo("60");
        assertThat(timeout.path("NeedReboot").asInt()).isZero();
        assertThat(item(info, "hz").path("CurrentValue").asText()).isEqualTo("10");
        assertThat(item(info, "maxmemory-policy").path("EnumValue").size()).isEqualTo(8);

        checked("ModifyParamTemplate", "{\"TemplateId\":\"" + id + "\",\"Name\":\"Renamed\",\"ParamList\":[{\"Key\":\"hz\",\"Value\":\"20\"}]}");
        JsonNode modified = client.call("DescribeParamTemplateInfo", "{\"TemplateId\":\"" + id + "\"}");
        assertThat(modified.path("Name").asText()).isEqualTo("Renamed");
        assertThat(modified.path("Description").asText()).isEqualTo("MyCustomParamTemplate");
        assertThat(item(modified, "hz").path("CurrentValue").asText()).isEqualTo("20");
        assertThat(item(modified, "timeout").path("CurrentValue").asText()).isEqualTo("120");

        String copy = client.call("CreateParamTemplate", "{\"Name\":\"Copy\",\"TemplateId\":\"" + id + "\","
                + "\"ParamList\":[{\"Key\":\"maxmemory-policy\",\"Value\":\"allkeys-lru\"}]}").path("TemplateId").asText();
        JsonNode copied = client.call("DescribeParamTemplateInfo", "{\"TemplateId\":\"" + copy + "\"}");
        assertThat(copied.path("ProductType").asInt()).isEqualTo(15);
        assertThat(item(copied, "hz").path("CurrentValue").asText()).isEqualTo("20");
        assertThat(item(copied, "maxmemory-policy").path("CurrentValue").asText()).isEqualTo("allkeys-lru");

        checked("DeleteParamTemplate", "{\"TemplateId\":\"" + id + "\"}");
        assertThat(client.call("DescribeParamTemplates", "{\"TemplateIds\":[\"" + id + "\",\"" + copy + "\"]}")
                .path("Items").findValuesAsText("TemplateId")).containsExactly(copy);
        assertThat(code(client.response("DescribeParamTemplateInfo", "{\"TemplateId\":\"" + id + "\"}"))).isEqualTo("InvalidParameter");

        // templates are regional
        JsonNode elsewhere = client.send(c -> {
            c.action = "DescribeParamTemplates";
            c.region = "ap-shanghai";
            c.body = "{}".getBytes(StandardCharsets.UTF_8);
        });
        assertThat(elsewhere.path("Items").findValuesAsText("TemplateId")).doesNotContain(copy);
    }

    @Test
    void applyingATemplateSetsTheParametersOnTheRealServersAndRecordsTheChanges() {
        JsonNode a = createRunning(15);
        JsonNode b = createRunning(15);
        String ida = a.path("InstanceId").asText();
        String idb = b.path("InstanceId").asText();
        String template = newTemplate("apply_me", 15, "{\"Key\":\"timeout\",\"Value\":\"120\"},{\"Key\":\"hz\",\"Value\":\"20\"},"
                + "{\"Key\":\"maxmemory-policy\",\"Value\":\"allkeys-lru\"}");
        assertThat(client.call("DescribeInstanceParamRecords", "{\"InstanceId\":\"" + ida + "\"}").path("TotalCount").asInt()).isZero();

        JsonNode applied = checked("ApplyParamsTemplate", "{\"InstanceIds\":[\"" + ida + "\",\"" + idb + "\"],\"TemplateId\":\"" + template + "\"}");
        assertThat(applied.path("TaskIds")).hasSize(2);
        JsonNode pending = client.call("DescribeInstanceParamRecords", "{\"InstanceId\":\"" + ida + "\"}");
        assertThat(pending.path("TotalCount").asInt()).isEqualTo(3);
        assertThat(pending.path("InstanceParamHistory").findValuesAsText("Status")).containsOnly("1");
        for (JsonNode t : applied.path("TaskIds")) assertThat(client.waitTask(t.asLong()).path("Status").asText()).isEqualTo("succeed");

        for (JsonNode instance : List.of(a, b)) {
            assertThat(configGet(instance, "timeout")).isEqualTo("120");
            assertThat(configGet(instance, "hz")).isEqualTo("20");
            assertThat(configGet(instance, "maxmemory-policy")).isEqualTo("allkeys-lru");
        }
        JsonNode params = client.call("DescribeInstanceParams", "{\"InstanceId\":\"" + idb + "\"}");
        assertThat(params.path("InstanceIntegerParam").findParents("ParamName").stream()
                .filter(n -> n.path("ParamName").asText().equals("timeout")).findFirst().orElseThrow()
                .path("CurrentValue").asText()).isEqualTo("120");

        JsonNode records = checked("DescribeInstanceParamRecords", "{\"InstanceId\":\"" + ida + "\"}");
        assertThat(records.path("TotalCount").asInt()).isEqualTo(3);
        List<String> changes = new ArrayList<>();
        for (JsonNode r : records.path("InstanceParamHistory")) {
            assertThat(r.path("Status").asInt()).isEqualTo(2);
            assertThat(r.path("ModifyTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
            changes.add(r.path("ParamName").asText() + ":" + r.path("PreValue").asText() + "->" + r.path("NewValue").asText());
        }
        assertThat(changes).containsExactlyInAnyOrder("timeout:31536000->120", "hz:10->20", "maxmemory-policy:noeviction->allkeys-lru");

        // ModifyInstanceParams changes are found in the history too, newest first
        long modify = client.call("ModifyInstanceParams", "{\"InstanceId\":\"" + ida + "\",\"InstanceParams\":[{\"Key\":\"hz\",\"Value\":\"30\"}]}")
                .path("TaskId").asLong();
        client.waitTask(modify);
        JsonNode after = client.call("DescribeInstanceParamRecords", "{\"InstanceId\":\"" + ida + "\",\"Limit\":1,\"Offset\":0}");
        assertThat(after.path("TotalCount").asInt()).isEqualTo(4);
        assertThat(after.path("InstanceParamHistory")).hasSize(1);
        JsonNode newest = after.path("InstanceParamHistory").get(0);
        assertThat(newest.path("ParamName").asText()).isEqualTo("hz");
        assertThat(newest.path("PreValue").asText()).isEqualTo("20");
        assertThat(newest.path("NewValue").asText()).isEqualTo("30");
        assertThat(newest.path("Status").asInt()).isEqualTo(2);
        assertThat(client.call("DescribeInstanceParamRecords", "{\"InstanceId\":\"" + ida + "\",\"Limit\":2,\"Offset\":2}")
                .path("InstanceParamHistory")).hasSize(2);

        // applying again changes hz back and nothing else
        JsonNode again = client.call("ApplyParamsTemplate", "{\"InstanceIds\":[\"" + ida + "\"],\"TemplateId\":\"" + template + "\"}");
        client.waitTask(again.path("TaskIds").get(0).asLong());
        JsonNode last = client.call("DescribeInstanceParamRecords", "{\"InstanceId\":\"" + ida + "\"}");
        assertThat(last.path("TotalCount").asInt()).isEqualTo(5);
        assertThat(last.path("InstanceParamHistory").get(0).path("NewValue").asText()).isEqualTo("20");
        assertThat(configGet(a, "hz")).isEqualTo("20");
    }

    @Test
    void theSeedsErrorsInTheSeedsSituations() {
        JsonNode instance = createRunning(15);
        String id = instance.path("InstanceId").asText();
        String template = newTemplate("errors", 15, "");
        String redis4 = newTemplate("redis4", 6, "");
        assertThat(code(client.response("DescribeParamTemplateInfo", "{\"TemplateId\":\"crs-cfg-nothere0\"}"))).isEqualTo("InvalidParameter");
        assertThat(code(client.response("DeleteParamTemplate", "{\"TemplateId\":\"crs-cfg-nothere0\"}"))).isEqualTo("InvalidParameter");
        assertThat(code(client.response("ModifyParamTemplate", "{\"TemplateId\":\"crs-cfg-nothere0\"}"))).isEqualTo("InvalidParameter");
        assertThat(code(client.response("ApplyParamsTemplate", "{\"InstanceIds\":[\"" + id + "\"],\"TemplateId\":\"crs-cfg-nothere0\"}")))
                .isEqualTo("InvalidParameter");
        assertThat(code(client.response("CreateParamTemplate", "{\"Name\":\"x\",\"TemplateId\":\"crs-cfg-nothere0\"}")))
                .isEqualTo("InvalidParameter");
        assertThat(code(client.response("CreateParamTemplate", "{\"Description\":\"no name\"}"))).isEqualTo("MissingParameter");
        assertThat(code(client.response("CreateParamTemplate", "{\"Name\":\"x\",\"ProductType\":5}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("CreateParamTemplate", "{\"Name\":\"x\",\"ParamList\":[{\"Key\":\"no-such\",\"Value\":\"1\"}]}")))
                .isEqualTo("InvalidParameter");
        assertThat(code(client.response("ModifyParamTemplate", "{\"TemplateId\":\"" + template + "\",\"ParamList\":[{\"Key\":\"hz\",\"Value\":\"9999\"}]}")))
                .isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ApplyParamsTemplate", "{\"InstanceIds\":[\"crs-nothere0\"],\"TemplateId\":\"" + template + "\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("ApplyParamsTemplate", "{\"InstanceIds\":[\"" + id + "\"],\"TemplateId\":\"" + redis4 + "\"}")))
                .isEqualTo("ResourceUnavailable.InstanceConfError");
        assertThat(code(client.response("DescribeInstanceParamRecords", "{\"InstanceId\":\"crs-nothere0\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");

        client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(code(client.response("ApplyParamsTemplate", "{\"InstanceIds\":[\"" + id + "\"],\"TemplateId\":\"" + template + "\"}")))
                .isEqualTo("ResourceUnavailable.InstanceLockedError");
        client.waitStatus(id, -2);
        assertThat(code(client.response("ApplyParamsTemplate", "{\"InstanceIds\":[\"" + id + "\"],\"TemplateId\":\"" + template + "\"}")))
                .isEqualTo("ResourceUnavailable.InstanceStateError");
    }
}
