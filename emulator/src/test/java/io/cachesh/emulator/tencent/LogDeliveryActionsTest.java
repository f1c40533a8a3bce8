package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DescribeInstanceLogDelivery and ModifyInstanceLogDelivery: per-instance delivery state and the CLS logsets it names. */
class LogDeliveryActionsTest {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static String create(Tc3TestClient client, String name) {
        return SlowLogActionsTest.createRunning(client, name).path("InstanceId").asText();
    }

    static JsonNode slowLog(Tc3TestClient client, String id) {
        return client.call("DescribeInstanceLogDelivery", "{\"InstanceId\":\"" + id + "\"}").path("SlowLog");
    }

    static String modify(String id, String extra) {
        return "{\"InstanceId\":\"" + id + "\",\"LogType\":\"slowlog\"" + extra + "}";
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }

    @Test
    void deliveryIsOffUntilEnabledAndNamesCreateLogsetsAndTopicsOnce() {
        String id = create(client, "logs-a");
        JsonNode off = slowLog(client, id);
        assertThat(off.path("Enabled").isBoolean()).isTrue();
        assertThat(off.path("Enabled").asBoolean()).isFalse();
        assertThat(off.path("LogsetId").asText()).isEmpty();
        assertThat(off.path("TopicId").asText()).isEmpty();

        JsonNode ok = client.call("ModifyInstanceLogDelivery", modify(id,
                ",\"Enabled\":true,\"LogsetName\":\"test-logset-name\",\"TopicName\":\"test-topic-name\",\"CreateIndex\":true"));
        assertThat(ok.size()).isEqualTo(1); // RequestId only
        JsonNode on = slowLog(client, id);
        assertThat(on.path("Enabled").asBoolean()).isTrue();
        assertThat(on.path("LogRegion").asText()).isEqualTo("ap-guangzhou");
        assertThat(on.path("LogsetId").asText()).matches(UUID);
        assertThat(on.path("TopicId").asText()).matches(UUID);

        // a second instance naming the same logset and topic delivers into them
        String second = create(client, "logs-b");
        client.call("ModifyInstanceLogDelivery", modify(second,
                ",\"Enabled\":\"true\",\"LogsetName\":\"test-logset-name\",\"TopicName\":\"test-topic-name\",\"Period\":7"));
        JsonNode same = slowLog(client, second);
        assertThat(same.path("LogsetId").asText()).isEqualTo(on.path("LogsetId").asText());
        assertThat(same.path("TopicId").asText()).isEqualTo(on.path("TopicId").asText());
        // a new topic name in the existing logset
        client.call("ModifyInstanceLogDelivery", modify(second, ",\"Enabled\":true,\"LogsetId\":\"" + on.path("LogsetId").asText()
                + "\",\"TopicName\":\"other-topic\""));
        JsonNode newTopic = slowLog(client, second);
        assertThat(newTopic.path("LogsetId").asText()).isEqualTo(on.path("LogsetId").asText());
        assertThat(newTopic.path("TopicId").asText()).matches(UUID).isNotEqualTo(on.path("TopicId").asText());
        // the first instance is unchanged
        assertThat(slowLog(client, id)).isEqualTo(on);
    }

    @Test
    void existingIdsAndAnotherRegionAreEchoedAndDisablingKeepsThem() {
        String id = create(client, "logs-c");
        String logset = "4ae3d686-0dcf-4db3-9867-482def442c9a";
        String topic = "27197b72-e1cb-4fc1-ab21-3865f589136f";
        client.call("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetId\":\"" + logset + "\",\"TopicId\":\""
                + topic + "\",\"LogRegion\":\"ap-shanghai\""));
        JsonNode on = slowLog(client, id);
        assertThat(on.path("Enabled").asBoolean()).isTrue();
        assertThat(on.path("LogRegion").asText()).isEqualTo("ap-shanghai");
        assertThat(on.path("LogsetId").asText()).isEqualTo(logset);
        assertThat(on.path("TopicId").asText()).isEqualTo(topic);

        client.call("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":false"));
        JsonNode off = slowLog(client, id);
        assertThat(off.path("Enabled").asBoolean()).isFalse();
        assertThat(off.path("LogsetId").asText()).isEqualTo(logset);
        assertThat(off.path("TopicId").asText()).isEqualTo(topic);
        assertThat(off.path("LogRegion").asText()).isEqualTo("ap-shanghai");

        // the logset lives in ap-shanghai: it cannot be used from another LogRegion
        JsonNode wrongRegion = client.response("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetId\":\"" + logset
                + "\",\"TopicId\":\"" + topic + "\",\"LogRegion\":\"ap-beijing\""));
        assertThat(code(wrongRegion)).isEqualTo("InvalidParameter.InvalidParameter");
        // a topic of that logset cannot be filed under another logset
        JsonNode wrongLogset = client.response("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetId\":\"other-logset\""
                + ",\"TopicId\":\"" + topic + "\",\"LogRegion\":\"ap-shanghai\""));
        assertThat(code(wrongLogset)).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(slowLog(client, id)).isEqualTo(off);
    }

    @Test
    void modifyRejectsWhatTheSeedRejects() {
        String id = create(client, "logs-d");
        assertThat(code(client.response("DescribeInstanceLogDelivery", "{\"InstanceId\":\"crs-00000000\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify("crs-00000000", ",\"Enabled\":false"))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceLogDelivery", "{}"))).isEqualTo("MissingParameter");
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify(id, "")))).isEqualTo("MissingParameter");
        assertThat(code(client.response("ModifyInstanceLogDelivery", "{\"InstanceId\":\"" + id + "\",\"LogType\":\"auditlog\",\"Enabled\":true}")))
                .isEqualTo("InvalidParameterValue");
        // Period is retention days (1-3600); the front end currently refines every `Period` violation to the purchase
        // period's LimitExceeded.PeriodLessThanMinLimit (shared TencentApi3FrontEnd.valueCode; reported for the lead)
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetName\":\"s\",\"TopicName\":\"t\",\"Period\":0"))))
                .isIn("InvalidParameterValue", "LimitExceeded.PeriodLessThanMinLimit");
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"TopicName\":\"t\""))))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetName\":\"s\""))))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetName\":\"s\",\"TopicId\":\"t-1\""))))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify(id,
                ",\"Enabled\":true,\"LogsetName\":\"s\",\"TopicName\":\"t\",\"LogRegion\":\"mars-north-1\"")))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(slowLog(client, id).path("Enabled").asBoolean()).isFalse();

        client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        client.waitStatus(id, -2);
        assertThat(code(client.response("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetName\":\"s\",\"TopicName\":\"t\""))))
                .isEqualTo("InvalidParameter.NotSupported");
        assertThat(slowLog(client, id).path("Enabled").asBoolean()).isFalse();
    }

    @Test
    void deliverySurvivesARestartWithAStateDirectory(@TempDir Path state) {
        String id;
        JsonNode before;
        try (Emulator first = Emulator.builder().port(0).stateDir(state).taskDelay(Duration.ofMillis(100)).build().start()) {
            Tc3TestClient c = new Tc3TestClient(first.endpoint(), first.credentials());
            id = create(c, "persisted");
            c.call("ModifyInstanceLogDelivery", modify(id, ",\"Enabled\":true,\"LogsetName\":\"keep\",\"TopicName\":\"keep-topic\""));
            before = slowLog(c, id);
        }
        try (Emulator second = Emulator.builder().port(0).stateDir(state).taskDelay(Duration.ofMillis(100)).build().start()) {
            Tc3TestClient c = new Tc3TestClient(second.endpoint(), second.credentials());
            assertThat(slowLog(c, id)).isEqualTo(before);
            String other = create(c, "after-restart");
            c.call("ModifyInstanceLogDelivery", modify(other, ",\"Enabled\":true,\"LogsetName\":\"keep\",\"TopicName\":\"keep-topic\""));
            assertThat(slowLog(c, other).path("LogsetId").asText()).isEqualTo(before.path("LogsetId").asText());
        }
    }
}
