package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.error.ApiException;
import io.cachesh.client.tencent.redis.model.DescribeInstancesResponse;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** One instance's life through DSL snippets, checked on the real redis-server behind the emulator. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DslEndToEndTest extends EmulatorTestSupport {

    static final RecordingOutput out = new RecordingOutput();
    static CacheshSession session;

    @BeforeAll
    static void openSession() {
        session = session(out);
    }

    @AfterAll
    static void closeSession() {
        if (session != null) session.close();
    }

    static Instance orders() {
        return (Instance) session.binding().getVariable("orders");
    }

    static Jedis jedis(Instance i, String password) {
        Jedis j = new Jedis(i.getHost(), i.getPort());
        j.auth(password);
        return j;
    }

    @Test
    @Order(1)
    void createWaitsUntilRunningAndTheInstanceServesRedis() {
        Object result = session.evaluate(
                "orders = create name: 'orders', spec: 'redis.ha', capacity: 2, password: 'Orders-Pass1'");

        Instance orders = (Instance) result;
        assertThat(orders.getStatus()).isEqualTo("running");
        assertThat(orders.getSpec()).isEqualTo("redis.ha");
        assertThat(orders.getVersion()).isEqualTo("7.0");
        assertThat(orders.getCapacityGb()).isEqualTo(2.0);
        assertThat(orders.getReplicas()).isEqualTo(1);
        assertThat(orders.getHost()).isEqualTo("127.0.0.1");
        assertThat(orders.toMap().toString()).doesNotContain("Orders-Pass1");
        assertThat(out.lines).anyMatch(l -> l.startsWith("create orders (" + orders.getId() + "): running after"));
        try (Jedis j = jedis(orders, "Orders-Pass1")) {
            assertThat(j.set("greeting", "hello")).isEqualTo("OK");
            assertThat(j.get("greeting")).isEqualTo("hello");
        }
    }

    @Test
    @Order(2)
    void variablesWithoutDefPersistAcrossCells() {
        assertThat(session.evaluate("orders.name")).isEqualTo("orders");
        session.evaluate("def local = 1; shared = 2");
        assertThat(session.binding().hasVariable("local")).isFalse();
        assertThat(session.evaluate("shared + 1")).isEqualTo(3);
    }

    @Test
    @Order(3)
    void passwordChangeRejectsTheOldPasswordAndAcceptsTheNew() {
        Object task = session.evaluate("password orders, old: 'Orders-Pass1', new: 'Orders-Pass2'");

        assertThat(task).isInstanceOf(Task.class);
        assertThat(((Task) task).getStatus()).isEqualTo("succeeded");
        assertThatThrownBy(() -> jedis(orders(), "Orders-Pass1")).isInstanceOf(JedisDataException.class);
        try (Jedis j = jedis(orders(), "Orders-Pass2")) {
            assertThat(j.get("greeting")).isEqualTo("hello");
        }
    }

    @Test
    @Order(4)
    void clearDeletesTheData() {
        Task task = (Task) session.evaluate("clear orders, password: 'Orders-Pass2'");

        assertThat(task.getStatus()).isEqualTo("succeeded");
        try (Jedis j = jedis(orders(), "Orders-Pass2")) {
            assertThat(j.get("greeting")).isNull();
            j.set("again", "1");
        }
        // the session remembers the password it set, so clear works without it
        session.evaluate("clear 'orders'");
        try (Jedis j = jedis(orders(), "Orders-Pass2")) {
            assertThat(j.exists("again")).isFalse();
        }
    }

    @Test
    @Order(5)
    void resizeChangesMaxmemoryOnTheServer() {
        String before;
        try (Jedis j = jedis(orders(), "Orders-Pass2")) {
            before = j.configGet("maxmemory").get("maxmemory");
        }

        Instance resized = (Instance) session.evaluate("resize orders, capacity: 4");

        assertThat(resized.getCapacityGb()).isEqualTo(4.0);
        assertThat(resized.getStatus()).isEqualTo("running");
        try (Jedis j = jedis(resized, "Orders-Pass2")) {
            String after = j.configGet("maxmemory").get("maxmemory");
            assertThat(after).isNotEqualTo(before);
            assertThat(Long.parseLong(after)).isEqualTo(4L * 1024 * 1024 * 1024);
        }
    }

    @Test
    @Order(6)
    void renameChangesTheNameBothWays() {
        Instance renamed = (Instance) session.evaluate("rename orders, to: 'orders-main'");
        assertThat(renamed.getName()).isEqualTo("orders-main");
        assertThat(((Instance) session.evaluate("describe 'orders-main'")).getId()).isEqualTo(orders().getId());

        Instance back = (Instance) session.evaluate("rename 'orders-main', 'orders'");
        assertThat(back.getName()).isEqualTo("orders");
    }

    @Test
    @Order(7)
    void backupReturnsTheNewBackupAndBackupsListsIt() {
        Backup backup = (Backup) session.evaluate("backup orders, remark: 'before-upgrade'");

        assertThat(backup.getInstanceId()).isEqualTo(orders().getId());
        assertThat(backup.getRemark()).isEqualTo("before-upgrade");
        assertThat(backup.getType()).isEqualTo("manual");
        @SuppressWarnings("unchecked")
        List<Backup> all = (List<Backup>) session.evaluate("backups orders");
        assertThat(all).extracting(Backup::getId).contains(backup.getId());
    }

    @Test
    @Order(8)
    void listFiltersByNameStatusAndSpec() {
        session.evaluate("create name: 'events', spec: 'redis.cluster', capacity: 4, shards: 3, password: 'Events-Pass1'");

        assertThat(names("list()")).contains("orders", "events");
        assertThat(names("list(name: 'ord*')")).containsExactly("orders");
        assertThat(names("list(spec: 'redis.cluster')")).containsExactly("events");
        assertThat(names("list(status: 'running', spec: 'redis.ha')")).containsExactly("orders");
        assertThat(names("list(status: 'isolated')")).isEmpty();
        assertThat(names("list().findAll { it.shards == 3 }")).containsExactly("events");
        Instance events = (Instance) session.evaluate("describe 'events'");
        assertThat(events.getCapacityGb()).isEqualTo(4.0);
        assertThat(events.toString()).contains("4 GB/shard x3 shards");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(String snippet) {
        return ((List<Instance>) session.evaluate(snippet)).stream().map(Instance::getName).toList();
    }

    @Test
    @Order(9)
    void rawTypedAccessCallsAnyOperation() {
        Object response = session.evaluate("tencent.redis.describeInstances(limit: 10)");

        assertThat(response).isInstanceOf(DescribeInstancesResponse.class);
        assertThat(((DescribeInstancesResponse) response).totalCount()).isGreaterThanOrEqualTo(2L);
        Object one = session.evaluate("cache { tencent.redis.describeInstances(instanceId: orders, Limit: 1) }");
        assertThat(((DescribeInstancesResponse) one).instanceSet()).hasSize(1);
        assertThatThrownBy(() -> session.evaluate("tencent.redis.describeInstances(limt: 10)"))
                .isInstanceOf(DslException.class)
                .hasMessageStartingWith("tencent.redis.describeInstances: unknown parameter 'limt' (allowed: limit, "
                        + "offset, instanceId,");
        assertThatThrownBy(() -> session.evaluate("tencent.redis.describeInstance()"))
                .isInstanceOf(DslException.class)
                .hasMessageStartingWith("tencent.redis: unknown operation 'describeInstance' (did you mean "
                        + "describeInstances?)");
    }

    @Test
    @Order(9)
    void vendorErrorsSurfaceAsApiExceptionsWithCodeAndRequestId() {
        assertThatThrownBy(() -> session.evaluate("tencent.redis.describeTaskInfo(taskId: 987654321)"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    ApiException api = (ApiException) e;
                    assertThat(api.code()).isNotBlank();
                    assertThat(api.requestId()).isNotBlank();
                    assertThat(api.getMessage()).startsWith("tencent " + api.code() + ": ")
                            .contains("RequestId " + api.requestId()).doesNotContain("\n");
                });
    }

    @Test
    @Order(10)
    void cacheBlockSelectsProviderAndRegion() {
        Object n = session.evaluate("cache { provider tencent, region: 'ap-guangzhou'; list().size() }");
        assertThat(n).isEqualTo(2);
    }

    @Test
    @Order(11)
    void runbookSeesParamsAsMapAndVariables(@TempDir Path dir) throws IOException {
        Path runbook = dir.resolve("scale-up.groovy");
        Files.writeString(runbook, """
                def target = params.instance
                info "checking ${target} (${capacity} GB wanted)"
                describe(target).capacityGb
                """);

        Object capacity = session.run(runbook, Map.of("instance", "orders", "capacity", "4"));

        assertThat(capacity).isEqualTo(4.0);
        assertThat(out.lines).contains("checking orders (4 GB wanted)");
    }

    @Test
    @Order(12)
    void waitReturnsOnceTheStatusIsReached() {
        Instance i = (Instance) session.evaluate("wait orders, status: 'running', timeout: '30s'");
        assertThat(i.getStatus()).isEqualTo("running");
    }

    @Test
    @Order(20)
    void deleteRemovesTheInstanceAndClosesItsPort() {
        Instance orders = orders();
        Instance deleted = (Instance) session.evaluate("delete orders");

        assertThat(deleted.getStatus()).isEqualTo("deleted");
        assertThat(names("list()")).doesNotContain("orders");
        assertThat(portOpen(orders.getHost(), orders.getPort())).isFalse();

        Instance isolated = (Instance) session.evaluate("delete 'events', purge: false");
        assertThat(isolated.getStatus()).isEqualTo("isolated");
        assertThat(names("list(status: 'isolated')")).containsExactly("events");
        assertThat(((Instance) session.evaluate("delete 'events'")).getStatus()).isEqualTo("deleted");
    }

    private static boolean portOpen(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
