package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * CreateInstanceAccount, DeleteInstanceAccount, DescribeInstanceAccount and ModifyInstanceAccount over TC3-signed
 * HTTP; each sub-account is a real ACL user that Jedis authenticates as with {@code AUTH name password}.
 */
class AccountActionsTest {

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

    static JsonNode createRunning(int typeId, String vpc) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":" + typeId + ",\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"ZoneId\":100002,\"Password\":\"" + PASSWORD + "\"" + vpc + "}");
        return client.waitStatus(created.path("InstanceIds").get(0).asText(), 2);
    }

    static Jedis jedis(JsonNode instance) {
        return new Jedis(instance.path("WanIp").asText(), instance.path("Port").asInt());
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }

    static long task(String action, String json) {
        long id = client.call(action, json).path("TaskId").asLong();
        assertThat(id).isPositive();
        assertThat(client.waitTask(id).path("Status").asText()).isEqualTo("succeed");
        return id;
    }

    static JsonNode accounts(String id) {
        JsonNode r = client.call("DescribeInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"Limit\":10,\"Offset\":0}");
        List<Violation> problems = new ModelValidator(MODEL, true)
                .validateShape(MODEL.operation("DescribeInstanceAccount").orElseThrow().output(), r).violations();
        assertThat(problems.stream().filter(v -> v.kind() != Violation.Kind.MISSING).toList()).isEmpty();
        return r;
    }

    static JsonNode account(JsonNode accounts, String name) {
        for (JsonNode a : accounts.path("Accounts")) {
            if (a.path("AccountName").asText().equals(name)) return a;
        }
        return null;
    }

    static String create(String id, String name, String password, String privilege) {
        return "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"" + name + "\",\"AccountPassword\":\"" + password
                + "\",\"ReadonlyPolicy\":[\"master\"],\"Privilege\":\"" + privilege + "\",\"Remark\":\"开发账号\"}";
    }

    @Test
    void aReadWriteAccountIsARealAclUserThatAuthenticatesWithItsPassword() {
        JsonNode instance = createRunning(15, "");
        String id = instance.path("InstanceId").asText();

        JsonNode only = accounts(id);
        assertThat(only.path("TotalCount").asInt()).isEqualTo(1);
        JsonNode root = account(only, "root");
        assertThat(root.path("Privilege").asText()).isEqualTo("rw");
        assertThat(root.path("Remark").asText()).isEqualTo("default");
        assertThat(root.path("ReadonlyPolicy").get(0).asText()).isEqualTo("master");
        assertThat(root.path("Status").asInt()).isEqualTo(2);
        assertThat(root.path("InstanceId").asText()).isEqualTo(id);

        long taskId = client.call("CreateInstanceAccount", create(id, "redis_dev", "Dev-Pass-01", "rw")).path("TaskId").asLong();
        assertThat(account(accounts(id), "redis_dev").path("Status").asInt()).isEqualTo(1);
        assertThat(client.waitTask(taskId).path("Status").asText()).isEqualTo("succeed");
        JsonNode dev = account(accounts(id), "redis_dev");
        assertThat(dev.path("Status").asInt()).isEqualTo(2);
        assertThat(dev.path("Privilege").asText()).isEqualTo("rw");
        assertThat(dev.path("Remark").asText()).isEqualTo("开发账号");
        assertThat(dev.path("CreateTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(accounts(id).path("TotalCount").asInt()).isEqualTo(2);

        try (Jedis jedis = jedis(instance)) {
            jedis.auth("redis_dev", "Dev-Pass-01");
            assertThat(jedis.aclWhoAmI()).isEqualTo("redis_dev");
            assertThat(jedis.set("k", "v")).isEqualTo("OK");
            assertThat(jedis.get("k")).isEqualTo("v");
            assertThatThrownBy(() -> jedis.configGet("maxmemory")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }
        try (Jedis jedis = jedis(instance)) {
            assertThatThrownBy(() -> jedis.auth("redis_dev", "Wrong-Pass-01")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("WRONGPASS");
        }
        try (Jedis jedis = jedis(instance)) {
            jedis.auth(PASSWORD);
            assertThat(jedis.aclUsers()).contains("redis_dev", "default");
        }

        task("DeleteInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"redis_dev\"}");
        assertThat(account(accounts(id), "redis_dev")).isNull();
        try (Jedis jedis = jedis(instance)) {
            assertThatThrownBy(() -> jedis.auth("redis_dev", "Dev-Pass-01")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("WRONGPASS");
        }
    }

    @Test
    void readOnlyAccountsCannotWriteAndModifyChangesPasswordPrivilegeAndRemark() {
        JsonNode instance = createRunning(15, "");
        String id = instance.path("InstanceId").asText();
        try (Jedis jedis = jedis(instance)) {
            jedis.auth(PASSWORD);
            jedis.set("seeded", "1");
        }
        task("CreateInstanceAccount", create(id, "reader", "Read-Pass-01", "r"));
        try (Jedis jedis = jedis(instance)) {
            jedis.auth("reader", "Read-Pass-01");
            assertThat(jedis.get("seeded")).isEqualTo("1");
            assertThatThrownBy(() -> jedis.set("x", "y")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }

        task("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"reader\",\"AccountPassword\":\"New-Pass-02\","
                + "\"Privilege\":\"rw\",\"Remark\":\"now writes\",\"ReadonlyPolicy\":[\"replication\"]}");
        JsonNode reader = account(accounts(id), "reader");
        assertThat(reader.path("Privilege").asText()).isEqualTo("rw");
        assertThat(reader.path("Remark").asText()).isEqualTo("now writes");
        assertThat(reader.path("ReadonlyPolicy").get(0).asText()).isEqualTo("replication");
        try (Jedis jedis = jedis(instance)) {
            assertThatThrownBy(() -> jedis.auth("reader", "Read-Pass-01")).isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("WRONGPASS");
        }
        try (Jedis jedis = jedis(instance)) {
            jedis.auth("reader", "New-Pass-02");
            assertThat(jedis.set("x", "y")).isEqualTo("OK");
        }

        task("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"reader\",\"Privilege\":\"w\"}");
        try (Jedis jedis = jedis(instance)) {
            jedis.auth("reader", "New-Pass-02");
            assertThat(jedis.set("w", "only")).isEqualTo("OK");
            assertThatThrownBy(() -> jedis.get("w")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }
        // only the account name: a no-op change that still runs as a task, as in the seed's example
        task("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"reader\"}");
        assertThat(account(accounts(id), "reader").path("Privilege").asText()).isEqualTo("w");
    }

    @Test
    void theRootAccountIsTheInstancePasswordAndCanBecomePasswordFree() {
        JsonNode instance = createRunning(15, ",\"VpcId\":\"vpc-abcdefgh\",\"SubnetId\":\"subnet-abcdefgh\"");
        String id = instance.path("InstanceId").asText();
        task("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"root\",\"AccountPassword\":\"Root-Pass-02\","
                + "\"Remark\":\"main\"}");
        assertThat(account(accounts(id), "root").path("Remark").asText()).isEqualTo("main");
        try (Jedis jedis = jedis(instance)) {
            assertThatThrownBy(() -> jedis.auth(PASSWORD)).isInstanceOf(JedisDataException.class);
        }
        try (Jedis jedis = jedis(instance)) {
            jedis.auth("Root-Pass-02");
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
        assertThat(code(client.response("ModifyInstanceAccount", "{\"InstanceId\":\"" + id
                + "\",\"AccountName\":\"root\",\"Privilege\":\"r\"}"))).isEqualTo("FailedOperation.UnSupportError");

        task("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"root\",\"NoAuth\":true}");
        assertThat(emulator.fleet().instance(id).orElseThrow().noAuth()).isTrue();
        try (Jedis jedis = jedis(instance)) {
            assertThat(jedis.set("free", "yes")).isEqualTo("OK");
        }
        JsonNode described = client.call("DescribeInstances", "{\"InstanceId\":\"" + id + "\"}").path("InstanceSet").get(0);
        assertThat(described.path("NoAuth").asBoolean()).isTrue();
    }

    @Test
    void accountsComeBackOnARestartedRedisServer() throws Exception {
        JsonNode instance = createRunning(16, "");
        String id = instance.path("InstanceId").asText();
        task("CreateInstanceAccount", create(id, "survivor", "Surv-Pass-01", "rw"));
        Instance domain = emulator.fleet().instance(id).orElseThrow();
        emulator.fleet().stopDataPlane(domain, true);
        emulator.fleet().startDataPlane(domain);
        accounts(id); // any account action puts the ACL users back on a new server process
        JsonNode running = client.waitStatus(id, 2);
        try (Jedis jedis = jedis(running)) {
            jedis.auth("survivor", "Surv-Pass-01");
            assertThat(jedis.aclWhoAmI()).isEqualTo("survivor");
        }
    }

    @Test
    void theSeedsErrorsInTheSeedsSituations() {
        JsonNode instance = createRunning(15, "");
        String id = instance.path("InstanceId").asText();
        assertThat(code(client.response("CreateInstanceAccount", create("crs-nothere0", "a", "Dev-Pass-01", "rw"))))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceAccount", "{\"InstanceId\":\"crs-nothere0\",\"Limit\":10,\"Offset\":0}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceAccount", "{\"InstanceId\":\"" + id + "\"}"))).isEqualTo("MissingParameter");
        // the seed's password rule: two character classes at least
        assertThat(code(client.response("CreateInstanceAccount", create(id, "a", "onlylowercase", "rw"))))
                .isEqualTo("InvalidParameterValue.PasswordRuleError");
        assertThat(code(client.response("CreateInstanceAccount", create(id, "a", "short1A", "rw")))).startsWith("InvalidParameterValue");
        assertThat(code(client.response("CreateInstanceAccount", create(id, "bad name!", "Dev-Pass-01", "rw")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("CreateInstanceAccount", create(id, "a", "Dev-Pass-01", "w")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("CreateInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"a\","
                + "\"AccountPassword\":\"Dev-Pass-01\",\"Privilege\":\"rw\"}"))).isEqualTo("MissingParameter");
        assertThat(code(client.response("CreateInstanceAccount", create(id, "a", "Dev-Pass-01", "rw").replace("开发账号",
                "x".repeat(65))))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("CreateInstanceAccount", create(id, "root", "Dev-Pass-01", "rw")))).isEqualTo("ResourceInUse");
        assertThat(code(client.response("CreateInstanceAccount", create(id, "default", "Dev-Pass-01", "rw")))).isEqualTo("InvalidParameterValue");

        task("CreateInstanceAccount", create(id, "twice", "Dev-Pass-01", "rw"));
        assertThat(code(client.response("CreateInstanceAccount", create(id, "twice", "Dev-Pass-01", "rw")))).isEqualTo("ResourceInUse");
        assertThat(code(client.response("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"twice\",\"NoAuth\":true}")))
                .isEqualTo("FailedOperation.UnSupportError");
        assertThat(code(client.response("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"ghost\"}")))
                .isEqualTo("ResourceNotFound");
        assertThat(code(client.response("DeleteInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"ghost\"}")))
                .isEqualTo("ResourceNotFound");
        assertThat(code(client.response("DeleteInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"root\"}")))
                .isEqualTo("FailedOperation.UnSupportError");
        // password-free needs a VPC instance
        assertThat(code(client.response("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"root\",\"NoAuth\":true}")))
                .isEqualTo("InvalidParameterValue.BaseNetWorkAccessDeny");
        // an account being changed cannot be changed again until its task is done
        client.call("DeleteInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"twice\"}");
        assertThat(code(client.response("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"twice\"}")))
                .isEqualTo("ResourceUnavailable.InstanceLockedError");

        // Redis 2.8 has no sub-accounts
        JsonNode old = createRunning(2, "");
        assertThat(code(client.response("CreateInstanceAccount", create(old.path("InstanceId").asText(), "a", "Dev-Pass-01", "rw"))))
                .isEqualTo("FailedOperation.UnSupportError");

        // an isolated instance
        client.call("DestroyPostpaidInstance", "{\"InstanceId\":\"" + id + "\"}");
        assertThat(code(client.response("CreateInstanceAccount", create(id, "late", "Dev-Pass-01", "rw"))))
                .isEqualTo("ResourceUnavailable.InstanceLockedError");
        client.waitStatus(id, -2);
        assertThat(code(client.response("CreateInstanceAccount", create(id, "late", "Dev-Pass-01", "rw"))))
                .isEqualTo("ResourceUnavailable.InstanceStatusError");
        assertThat(code(client.response("ModifyInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"AccountName\":\"root\"}")))
                .isEqualTo("ResourceUnavailable.InstanceStatusError");
        assertThat(accounts(id).path("TotalCount").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void describePagesWithLimitAndOffset() {
        JsonNode instance = createRunning(15, "");
        String id = instance.path("InstanceId").asText();
        task("CreateInstanceAccount", create(id, "a1", "Dev-Pass-01", "rw"));
        task("CreateInstanceAccount", create(id, "a2", "Dev-Pass-01", "r"));
        JsonNode page = client.call("DescribeInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"Limit\":2,\"Offset\":2}");
        assertThat(page.path("TotalCount").asInt()).isEqualTo(3);
        assertThat(page.path("Accounts")).hasSize(1);
        assertThat(page.path("Accounts").get(0).path("AccountName").asText()).isEqualTo("a2");
        JsonNode first = client.call("DescribeInstanceAccount", "{\"InstanceId\":\"" + id + "\",\"Limit\":2,\"Offset\":0}");
        assertThat(first.path("Accounts")).hasSize(2);
        assertThat(first.path("Accounts").get(0).path("AccountName").asText()).isEqualTo("root");
    }
}
