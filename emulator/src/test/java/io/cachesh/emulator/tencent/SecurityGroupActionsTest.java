package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security-group actions over TC3-signed HTTP: the catalogue of the seed's groups, binding, replacing and
 * unbinding, both answer vocabularies, and the seed's error codes.
 */
class SecurityGroupActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final ApiModel MODEL = Models.load("tencent-redis");

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

    static String createRunning(Tc3TestClient c) {
        JsonNode created = c.call("CreateInstances", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"ZoneId\":100002,\"Password\":\"" + PASSWORD + "\"}");
        String id = created.path("InstanceIds").get(0).asText();
        c.waitStatus(id, 2);
        return id;
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

    static List<String> bound(String id) {
        JsonNode detail = client.call("DescribeInstanceSecurityGroup", "{\"InstanceIds\":[\"" + id + "\"]}")
                .path("InstanceSecurityGroupsDetail").get(0);
        assertThat(detail.path("InstanceId").asText()).isEqualTo(id);
        return detail.path("SecurityGroupDetails").findValuesAsText("SecurityGroupId");
    }

    @Test
    void theCatalogueHoldsTheSeedsGroupsInBothVocabularies() {
        JsonNode all = checked("DescribeProjectSecurityGroups", "{\"Product\":\"redis\"}");
        assertThat(all.path("Total").asInt()).isEqualTo(4);
        assertThat(all.path("Groups").findValuesAsText("SecurityGroupId"))
                .containsExactly("sg-gl1egaj1", "sg-7y0pa6nf", "sg-ajr1jzgj", "sg-0klp2oyp");
        JsonNode lb = checked("DescribeProjectSecurityGroups", "{\"Product\":\"redis\",\"SearchKey\":\"test_\"}");
        assertThat(lb.path("Total").asInt()).isEqualTo(1);
        JsonNode group = lb.path("Groups").get(0);
        assertThat(group.path("SecurityGroupName").asText()).isEqualTo("test_lb");
        assertThat(group.path("SecurityGroupRemark").asText()).isEqualTo("自定义");
        assertThat(group.path("CreateTime").asText()).isEqualTo("2023-04-26 17:40:29");
        assertThat(group.path("Outbound")).isEmpty();
        assertThat(group.path("Inbound")).hasSize(3);
        JsonNode rule = group.path("Inbound").get(1);
        assertThat(rule.path("Action").asText()).isEqualTo("ACCEPT");
        assertThat(rule.path("CidrIp").asText()).isEqualTo("119.147.10.191");
        assertThat(rule.path("IpProtocol").asText()).isEqualTo("tcp");
        assertThat(rule.path("PortRange").asText()).isEqualTo("8000");
        assertThat(rule.path("Desc").asText()).isEqualTo("bro-本地公网ip");
        assertThat(client.call("DescribeProjectSecurityGroups", "{\"Product\":\"redis\",\"SearchKey\":\"sg-ajr\"}")
                .path("Groups").findValuesAsText("SecurityGroupName")).containsExactly("CDB");
        JsonNode page = client.call("DescribeProjectSecurityGroups", "{\"Product\":\"redis\",\"Limit\":2,\"Offset\":2}");
        assertThat(page.path("Total").asInt()).isEqualTo(4);
        assertThat(page.path("Groups").findValuesAsText("SecurityGroupId")).containsExactly("sg-ajr1jzgj", "sg-0klp2oyp");
        assertThat(client.call("DescribeProjectSecurityGroups", "{\"Product\":\"redis\",\"ProjectId\":1275154}")
                .path("Groups").findValuesAsText("SecurityGroupId")).containsExactly("sg-0klp2oyp");

        JsonNode project = checked("DescribeProjectSecurityGroup", "{\"SecurityGroupId\":\"sg-gl1egaj1\"}");
        JsonNode detail = project.path("SecurityGroupDetails").get(0);
        assertThat(project.path("SecurityGroupDetails")).hasSize(1);
        assertThat(detail.path("SecurityGroupName").asText()).isEqualTo("all");
        assertThat(detail.path("CreateTime").asText()).isEqualTo("2018-01-30 15:58:00");
        assertThat(detail.path("ProjectId").asInt()).isZero();
        assertThat(detail.path("InboundRule")).hasSize(2);
        assertThat(detail.path("OutboundRule")).hasSize(1);
        JsonNode inbound = detail.path("InboundRule").get(0);
        assertThat(inbound.path("Action").asText()).isEqualTo("ACCEPT");
        assertThat(inbound.path("Ip").asText()).isEqualTo("0.0.0.0/0");
        assertThat(inbound.path("Port").asText()).isEqualTo("ALL");
        assertThat(inbound.path("Proto").asText()).isEqualTo("ALL");
        assertThat(client.call("DescribeProjectSecurityGroup", "{\"ProjectId\":0}").path("SecurityGroupDetails")).hasSize(3);
        assertThat(client.call("DescribeProjectSecurityGroup", "{\"ProjectId\":-1}").path("SecurityGroupDetails")).hasSize(4);
        assertThat(client.call("DescribeProjectSecurityGroup", "{\"SecurityGroupId\":\"sg-unknown0\"}").path("SecurityGroupDetails")).isEmpty();
    }

    @Test
    void groupsAreBoundReplacedAndUnbound() {
        String id = createRunning(client);
        String other = createRunning(client);
        assertThat(bound(id)).isEmpty();
        checked("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-gl1egaj1\",\"InstanceIds\":[\"" + id
                + "\",\"" + other + "\"]}");
        assertThat(bound(id)).containsExactly("sg-gl1egaj1");
        assertThat(bound(other)).containsExactly("sg-gl1egaj1");
        // binding again changes nothing
        client.call("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-gl1egaj1\",\"InstanceIds\":[\"" + id + "\"]}");
        assertThat(bound(id)).containsExactly("sg-gl1egaj1");

        JsonNode described = checked("DescribeInstanceSecurityGroup", "{\"InstanceIds\":[\"" + id + "\"]}");
        JsonNode detail = described.path("InstanceSecurityGroupsDetail").get(0).path("SecurityGroupDetails").get(0);
        assertThat(detail.path("SecurityGroupName").asText()).isEqualTo("all");
        assertThat(detail.path("InboundRule")).hasSize(2);

        JsonNode db = checked("DescribeDBSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id + "\"}");
        JsonNode instance = client.call("DescribeInstances", "{\"InstanceId\":\"" + id + "\"}").path("InstanceSet").get(0);
        assertThat(db.path("VIP").asText()).isEqualTo(instance.path("WanIp").asText());
        assertThat(db.path("VPort").isTextual()).isTrue();
        assertThat(db.path("VPort").asText()).isEqualTo(instance.path("Port").asText());
        assertThat(db.path("Groups").findValuesAsText("SecurityGroupId")).containsExactly("sg-gl1egaj1");
        assertThat(db.path("Groups").get(0).path("Inbound").get(0).path("CidrIp").asText()).isEqualTo("0.0.0.0/0");

        checked("ModifyDBInstanceSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id
                + "\",\"SecurityGroupIds\":[\"sg-7y0pa6nf\",\"sg-ajr1jzgj\\n\"]}");
        assertThat(bound(id)).containsExactly("sg-7y0pa6nf", "sg-ajr1jzgj");
        assertThat(bound(other)).containsExactly("sg-gl1egaj1");

        checked("DisassociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-7y0pa6nf\",\"InstanceIds\":[\"" + id + "\"]}");
        assertThat(bound(id)).containsExactly("sg-ajr1jzgj");
        assertThat(client.call("DescribeDBSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id + "\"}")
                .path("Groups").findValuesAsText("SecurityGroupName")).containsExactly("CDB");

        JsonNode both = client.call("DescribeInstanceSecurityGroup", "{\"InstanceIds\":[\"" + id + "\",\"" + other + "\"]}");
        assertThat(both.path("InstanceSecurityGroupsDetail").findValuesAsText("InstanceId")).containsExactly(id, other);
    }

    @Test
    void theSeedsErrorsInTheSeedsSituations() {
        String id = createRunning(client);
        assertThat(code(client.response("DescribeInstanceSecurityGroup", "{\"InstanceIds\":[\"crs-nothere0\"]}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeDBSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"crs-nothere0\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotFound");
        assertThat(code(client.response("DescribeDBSecurityGroups", "{\"Product\":\"mysql\",\"InstanceId\":\"" + id + "\"}")))
                .isEqualTo("InvalidParameter.NotSupported");
        assertThat(code(client.response("DescribeProjectSecurityGroups", "{\"Product\":\"cdb\"}"))).isEqualTo("InvalidParameter.NotSupported");
        assertThat(code(client.response("DescribeDBSecurityGroups", "{\"InstanceId\":\"" + id + "\"}"))).isEqualTo("MissingParameter");
        assertThat(code(client.response("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-unknown0\",\"InstanceIds\":[\""
                + id + "\"]}"))).isEqualTo("FailedOperation.AssociateSecurityGroupsFailed");
        assertThat(code(client.response("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-gl1egaj1\",\"InstanceIds\":[\""
                + id + "\",\"crs-nothere0\"]}"))).isEqualTo("ResourceNotFound.InstanceNotFound");
        assertThat(bound(id)).as("nothing is bound when one instance is unknown").isEmpty();
        assertThat(code(client.response("DisassociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-unknown0\",\"InstanceIds\":[\""
                + id + "\"]}"))).isEqualTo("FailedOperation.DisassociateSecurityGroupsFailed");
        assertThat(code(client.response("DisassociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-gl1egaj1\",\"InstanceIds\":[\"crs-nothere0\"]}")))
                .isEqualTo("ResourceNotFound.InstanceNotFound");
        // the seed: an instance's first security group is bound with AssociateSecurityGroups
        assertThat(code(client.response("ModifyDBInstanceSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id
                + "\",\"SecurityGroupIds\":[\"sg-gl1egaj1\"]}"))).isEqualTo("FailedOperation.UpdateInstanceInfoFailed");
        client.call("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-gl1egaj1\",\"InstanceIds\":[\"" + id + "\"]}");
        assertThat(code(client.response("ModifyDBInstanceSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id
                + "\",\"SecurityGroupIds\":[\"sg-unknown0\"]}"))).isEqualTo("FailedOperation.UpdateSecurityGroupsFailed");
    }

    @Test
    void anInstanceHasAtMostTenSecurityGroups() throws Exception {
        // a fleet of its own: the groups defined here would change the catalogue the other tests see
        try (Emulator own = Emulator.builder().port(0).taskDelay(Duration.ofMillis(50)).build().start()) {
            Tc3TestClient c = new Tc3TestClient(own.endpoint(), own.credentials());
            String id = createRunning(c);
            c.call("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-gl1egaj1\",\"InstanceIds\":[\"" + id + "\"]}");
            StringBuilder many = new StringBuilder();
            for (int k = 0; k < SecurityGroups.MAX_PER_INSTANCE + 1; k++) {
                String sg = String.format("sg-many%04d", k);
                SecurityGroups.define(own.fleet(), new SecurityGroups.Group(sg, "many" + k, "", 0, "2024-01-01 00:00:00", List.of(), List.of()));
                many.append(k == 0 ? "" : ",").append('"').append(sg).append('"');
            }
            assertThat(code(c.response("ModifyDBInstanceSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id
                    + "\",\"SecurityGroupIds\":[" + many + "]}"))).isEqualTo("InvalidParameter.InstanceSGOverLimitError");
            for (int k = 0; k < SecurityGroups.MAX_PER_INSTANCE - 1; k++) {
                c.call("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"" + String.format("sg-many%04d", k)
                        + "\",\"InstanceIds\":[\"" + id + "\"]}");
            }
            JsonNode db = c.call("DescribeDBSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id + "\"}");
            assertThat(db.path("Groups")).hasSize(SecurityGroups.MAX_PER_INSTANCE);
            assertThat(code(c.response("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-many0010\",\"InstanceIds\":[\""
                    + id + "\"]}"))).isEqualTo("InvalidParameter.InstanceSGOverLimitError");
            assertThat(c.call("DescribeProjectSecurityGroups", "{\"Product\":\"redis\"}").path("Total").asInt())
                    .isEqualTo(4 + SecurityGroups.MAX_PER_INSTANCE + 1);
        }
    }

    @Test
    void bindingsAndTheCatalogueSurviveARestartWithAStateDirectory(@TempDir Path state) throws Exception {
        String id;
        try (Emulator first = Emulator.builder().port(0).stateDir(state).taskDelay(Duration.ofMillis(50)).build().start()) {
            Tc3TestClient c = new Tc3TestClient(first.endpoint(), first.credentials());
            id = createRunning(c);
            SecurityGroups.define(first.fleet(), new SecurityGroups.Group("sg-persist1", "kept", "", 0, "2024-01-01 00:00:00",
                    List.of(SecurityGroups.Rule.of("ACCEPT", "10.0.0.0/8", "tcp", "6379", "")), List.of()));
            c.call("AssociateSecurityGroups", "{\"Product\":\"redis\",\"SecurityGroupId\":\"sg-persist1\",\"InstanceIds\":[\"" + id + "\"]}");
        }
        try (Emulator second = Emulator.builder().port(0).stateDir(state).taskDelay(Duration.ofMillis(50)).build().start()) {
            Tc3TestClient c = new Tc3TestClient(second.endpoint(), second.credentials());
            JsonNode db = c.call("DescribeDBSecurityGroups", "{\"Product\":\"redis\",\"InstanceId\":\"" + id + "\"}");
            assertThat(db.path("Groups").findValuesAsText("SecurityGroupId")).containsExactly("sg-persist1");
            assertThat(db.path("Groups").get(0).path("Inbound").get(0).path("PortRange").asText()).isEqualTo("6379");
        }
    }
}
