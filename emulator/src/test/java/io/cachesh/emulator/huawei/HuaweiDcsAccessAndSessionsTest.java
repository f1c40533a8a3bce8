package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsWaiters;
import io.cachesh.client.huawei.dcs.model.AclAccountResp;
import io.cachesh.client.huawei.dcs.model.ClientInfo;
import io.cachesh.client.huawei.dcs.model.ListClientsResponse;
import io.cachesh.client.huawei.dcs.model.LoginWebCliResponse;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcs.model.UpdateAclAccountPassWordResponse;
import io.cachesh.emulator.Emulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * ACL accounts, Web-CLI and session management against the real redis-server: the generated client (AK/SK) drives
 * them, Jedis checks the effect, raw requests the documented errors.
 */
class HuaweiDcsAccessAndSessionsTest {

    static final String PASSWORD = "Cachesh-Pass1";
    static final Duration WAIT = Duration.ofSeconds(20);

    static Emulator emulator;
    static HuaweiDcsClient dcs;
    static HuaweiTestClient raw;
    static String v2;
    static String id;
    static ShowInstanceResponse running;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(300)).build().start();
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
        dcs = HuaweiDcsClient.create(ClientConfig.builder().credentials(emulator.credentials())
                .region("cn-north-4").projectId(emulator.huaweiProjectId()).endpoint(emulator.endpoint()).build());
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
        id = dcs.createInstance(r -> r.name("access-1").engine("Redis").engineVersion("6.0").capacity(0.125)
                .specCode("redis.ha.xu1.tiny.r2.128").azCodes(List.of("cn-north-4a")).vpcId("vpc-1").subnetId("subnet-1")
                .password(PASSWORD)).instances().get(0).instanceId();
        running = HuaweiDcsWaiters.create(dcs).withInterval(Duration.ofMillis(50))
                .waitForInstanceStatus(id, HuaweiDcsWaiters.RUNNING, WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dcs != null) dcs.close();
        if (emulator != null) emulator.close();
    }

    static Jedis jedis() {
        return new Jedis(running.ip(), running.port().intValue());
    }

    static AclAccountResp account(String name) {
        return dcs.listAclAccounts(r -> r.instanceId(id)).accounts().stream().filter(a -> a.accountName().equals(name))
                .findFirst().orElse(null);
    }

    static AclAccountResp waitAccount(String name, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            AclAccountResp a = account(name);
            String now = a == null ? "GONE" : a.status();
            if (now.equals(status) || System.nanoTime() > deadline) {
                assertThat(now).isEqualTo(status);
                return a;
            }
            Thread.sleep(50);
        }
    }

    static void assertV2(HuaweiTestClient.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.body().path("error_code").asText()).as(a.text()).isEqualTo(code);
        assertThat(a.body().path("error_msg").asText()).isNotBlank();
    }

    @Test
    void aclAccountsAreRealRedisUsers() throws Exception {
        // the default account is always there
        AclAccountResp def = account("default");
        assertThat(def.accountType()).isEqualTo("default");
        assertThat(def.status()).isEqualTo("AVAILABLE");

        dcs.createAclAccount(r -> r.instanceId(id).accountName("reader").accountRole("read")
                .accountPassword("Reader-Pass1").description("read only"));
        assertThat(account("reader").status()).isEqualTo("CREATING");
        AclAccountResp reader = waitAccount("reader", "AVAILABLE");
        assertThat(reader.accountType()).isEqualTo("normal");
        assertThat(reader.accountRole()).isEqualTo("read");
        assertThat(reader.description()).isEqualTo("read only");
        assertThat(reader.instanceId()).isEqualTo(id);
        assertThat(reader.accountId()).matches("[0-9a-f-]{36}");

        try (Jedis admin = jedis()) {
            admin.auth(PASSWORD);
            admin.set("acl-key", "v1");
        }
        // a read account reads but cannot write
        try (Jedis j = jedis()) {
            assertThat(j.auth("reader", "Reader-Pass1")).isEqualTo("OK");
            assertThat(j.get("acl-key")).isEqualTo("v1");
            assertThatThrownBy(() -> j.set("acl-key", "v2")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOPERM");
        }
        try (Jedis j = jedis()) {
            assertThatThrownBy(() -> j.auth("reader", "Wrong-Pass1")).isInstanceOf(JedisDataException.class);
        }

        // role: a job, UPDATING then AVAILABLE with write rights
        String jobId = dcs.updateAclAccount(r -> r.instanceId(id).accountId(reader.accountId()).accountRole("write")).jobId();
        assertThat(jobId).matches("[0-9a-f]{32}");
        assertThat(account("reader").status()).isEqualTo("UPDATING");
        waitAccount("reader", "AVAILABLE");
        assertThat(account("reader").accountRole()).isEqualTo("write");
        waitJob(jobId);
        try (Jedis j = jedis()) {
            j.auth("reader", "Reader-Pass1");
            assertThat(j.set("acl-key", "v2")).isEqualTo("OK");
        }

        // password change: wrong old one counts down, the right one changes the ACL user
        UpdateAclAccountPassWordResponse wrong = dcs.updateAclAccountPassWord(r -> r.instanceId(id)
                .accountId(reader.accountId()).oldPassword("Wrong-Pass1").newPassword("Reader-Pass2"));
        assertThat(wrong.result()).isEqualTo("passwordFailed");
        assertThat(wrong.retryTimesLeft()).isEqualTo("4");
        UpdateAclAccountPassWordResponse ok = dcs.updateAclAccountPassWord(r -> r.instanceId(id)
                .accountId(reader.accountId()).oldPassword("Reader-Pass1").newPassword("Reader-Pass2"));
        assertThat(ok.result()).isEqualTo("success");
        assertThat(ok.retryTimesLeft()).isEqualTo("5");
        try (Jedis j = jedis()) {
            assertThatThrownBy(() -> j.auth("reader", "Reader-Pass1")).isInstanceOf(JedisDataException.class);
            assertThat(j.auth("reader", "Reader-Pass2")).isEqualTo("OK");
        }
        // the seed's URI line as printed (l.30533: ".../password/", "modify" wrapped to the next line) is served too
        var printed = raw.signed("PUT", "/v2/" + emulator.huaweiProjectId() + "/instances/" + id + "/accounts/"
                + reader.accountId() + "/password/", "{\"old_password\":\"Reader-Pass2\",\"new_password\":\"Reader-Pass4\"}");
        assertThat(printed.status()).isEqualTo(200);
        assertThat(printed.body().path("result").asText()).isEqualTo("success");
        var back = raw.signed("PUT", "/v2/" + emulator.huaweiProjectId() + "/instances/" + id + "/accounts/"
                + reader.accountId() + "/password/modify", "{\"old_password\":\"Reader-Pass4\",\"new_password\":\"Reader-Pass2\"}");
        assertThat(back.body().path("result").asText()).isEqualTo("success");
        // reset: no old password needed
        var reset = dcs.resetAclAccountPassWord(r -> r.instanceId(id).accountId(reader.accountId()).newPassword("Reader-Pass3"));
        assertThat(reset.code()).isEqualTo("1");
        assertThat(reset.message()).contains("success");
        try (Jedis j = jedis()) {
            assertThat(j.auth("reader", "Reader-Pass3")).isEqualTo("OK");
        }

        // remark: 204
        dcs.updateAclAccountRemark(r -> r.instanceId(id).accountId(reader.accountId()).description("now read-write"));
        assertThat(account("reader").description()).isEqualTo("now read-write");

        // delete: DELETING, then gone from the list and from redis; its open connection is dropped
        try (Jedis open = jedis()) {
            open.auth("reader", "Reader-Pass3");
            dcs.deleteAclAccount(r -> r.instanceId(id).accountId(reader.accountId()));
            assertThat(account("reader").status()).isEqualTo("DELETING");
            waitAccount("reader", "GONE");
            assertThatThrownBy(open::ping).isInstanceOf(JedisException.class);
        }
        try (Jedis j = jedis()) {
            assertThatThrownBy(() -> j.auth("reader", "Reader-Pass3")).isInstanceOf(JedisDataException.class);
        }
    }

    static void waitJob(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String status;
        do {
            Thread.sleep(50);
            status = raw.signed("GET", v2 + "/jobs/" + jobId, null).body().path("status").asText();
        } while ("RUNNING".equals(status) && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("SUCCESS");
    }

    @Test
    void aclErrorsAreDcs4961() {
        String accounts = v2 + "/instances/" + id + "/accounts";
        assertV2(raw.signed("POST", accounts, "{\"account_name\":\"1bad\",\"account_role\":\"read\",\"account_password\":\"Good-Pass1\"}"), 400, "DCS.4961");
        assertV2(raw.signed("POST", accounts, "{\"account_name\":\"user1\",\"account_role\":\"admin\",\"account_password\":\"Good-Pass1\"}"), 400, "DCS.4961");
        assertV2(raw.signed("POST", accounts, "{\"account_name\":\"user1\",\"account_role\":\"read\",\"account_password\":\"Good:Pass1\"}"), 400, "DCS.4961");
        assertV2(raw.signed("POST", accounts, "{\"account_name\":\"user1\",\"account_role\":\"read\",\"account_password\":\"alllowercase\"}"), 400, "DCS.4961");
        assertV2(raw.signed("POST", accounts, "{\"account_name\":\"Abcdefg1x\",\"account_role\":\"read\",\"account_password\":\"x1gfedcbA\"}"), 400, "DCS.4961");
        assertV2(raw.signed("POST", accounts, "{\"account_name\":\"default\",\"account_role\":\"read\",\"account_password\":\"Good-Pass1\"}"), 400, "DCS.4961");
        assertV2(raw.signed("DELETE", accounts + "/no-such-account", null), 400, "DCS.4961");
        String defaultId = account("default").accountId();
        assertV2(raw.signed("DELETE", accounts + "/" + defaultId, null), 400, "DCS.4961");
        assertV2(raw.signed("PUT", accounts + "/" + defaultId + "/role", "{\"account_role\":\"read\"}"), 400, "DCS.4961");
        assertV2(raw.signed("GET", v2 + "/instances/00000000-0000-0000-0000-000000000000/accounts", null), 404, "DCS.3022");
    }

    @Test
    void webCliRunsCommandsOnTheRealServer() {
        LoginWebCliResponse login = dcs.loginWebCli(r -> r.instanceId(id).password(PASSWORD));
        assertThat(login.clientId()).matches("[0-9a-f]{48}");
        assertThat(login.databases()).isEqualTo(16L);
        String client = login.clientId();
        assertThat(dcs.executeCommandMobilization(r -> r.instanceId(id).clientId(client).command("set webcli-key \"hello world\""))
                .response()).isEqualTo("OK");
        try (Jedis j = jedis()) {
            j.auth(PASSWORD);
            assertThat(j.get("webcli-key")).isEqualTo("hello world");
            j.select(2);
            j.rpush("webcli-list", "a", "b");
        }
        assertThat(dcs.executeCommandMobilization(r -> r.instanceId(id).clientId(client).command("get webcli-key")).response())
                .isEqualTo("hello world");
        assertThat(dcs.executeCommandMobilization(r -> r.instanceId(id).clientId(client).command("lrange webcli-list 0 -1")
                .database(2L)).response()).isEqualTo("a\r\nb");
        assertThat(dcs.executeCommandMobilization(r -> r.instanceId(id).clientId(client).command("get nothing-here")).response())
                .isEqualTo("(nil)");
        assertThat(dcs.executeCommandMobilization(r -> r.instanceId(id).clientId(client).command("incr webcli-key")).response())
                .startsWith("(error) ERR");

        String command = v2 + "/instances/" + id + "/webcli/command";
        assertV2(raw.signed("POST", command, "{\"client_id\":\"" + client + "\",\"command\":\"shutdown nosave\"}"), 400, "111400063");
        assertV2(raw.signed("POST", command, "{\"client_id\":\"" + client + "\",\"command\":\"config set requirepass x\"}"), 400, "111400063");
        assertV2(raw.signed("POST", command, "{\"client_id\":\"ffff\",\"command\":\"ping\"}"), 400, "111400063");
        assertV2(raw.signed("POST", v2 + "/instances/" + id + "/webcli/auth", "{\"password\":\"Wrong-Pass9\"}"), 400, "DCS.4080");

        dcs.logoffWebCli(r -> r.instanceId(id).clientId(client));
        assertV2(raw.signed("POST", command, "{\"client_id\":\"" + client + "\",\"command\":\"ping\"}"), 400, "111400063");
    }

    @Test
    void sessionsAreTheRealServersClients() throws Exception {
        String node = ClientSessionActions.nodeId(emulator.fleet().instance(id).orElseThrow());
        try (Jedis a = jedis(); Jedis b = jedis()) {
            a.auth(PASSWORD);
            b.auth(PASSWORD);
            a.clientSetname("session-a");
            b.clientSetname("session-b");
            ListClientsResponse listed = dcs.listClients(r -> r.instanceId(id).nodeId(node).limit(100L).sort("id").order("asc"));
            List<ClientInfo> named = listed.clients().stream().filter(c -> c.name().startsWith("session-")).toList();
            assertThat(named).extracting(ClientInfo::name).containsExactly("session-a", "session-b");
            assertThat(listed.count()).isGreaterThanOrEqualTo(2L);
            assertThat(listed.time()).endsWith("Z");
            ClientInfo victim = named.get(0);
            assertThat(victim.addr()).startsWith("127.0.0.1:");
            assertThat(victim.peer()).isEqualTo(victim.addr());
            assertThat(victim.user()).isEqualTo("default");
            assertThat(victim.cmd()).isEqualTo("client|setname");
            assertThat(listed.clients()).noneMatch(c -> "client|list".equals(c.cmd()));

            // filter by address
            ListClientsResponse one = dcs.listClients(r -> r.instanceId(id).nodeId(node).addr(victim.addr()));
            assertThat(one.clients()).extracting(ClientInfo::id).containsExactly(victim.id());

            // kill one: its next command fails, the other still works
            dcs.hangUpClients(r -> r.instanceId(id).nodeId(node).clientAddrs(List.of(victim.addr())));
            assertThatThrownBy(a::ping).isInstanceOf(JedisConnectionException.class);
            assertThat(b.ping()).isEqualTo("PONG");

            // kill all: a job, after which b is gone too
            HuaweiTestClient.Answer all = raw.signed("POST", v2 + "/instances/" + id + "/clients/kill-all",
                    "{\"node_id\":\"" + node + "\",\"kill_all_nodes\":false}");
            assertThat(all.status()).as(all.text()).isEqualTo(200);
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean alive = true;
            while (alive && System.nanoTime() < deadline) {
                Thread.sleep(50);
                try {
                    b.ping();
                } catch (JedisConnectionException e) {
                    alive = false;
                }
            }
            assertThat(alive).isFalse();
        }
        // scan: accepted once, refused while running
        String clients = v2 + "/instances/" + id + "/clients";
        assertThat(raw.signed("POST", clients, "{\"node_id\":\"" + node + "\",\"clean_cache\":true}").status()).isEqualTo(200);
        assertV2(raw.signed("POST", clients, "{\"node_id\":\"" + node + "\"}"), 400, "DCS.4957");
        // errors
        assertV2(raw.signed("GET", clients + "?node_id=not-the-node", null), 400, "DCS.3053");
        assertV2(raw.signed("POST", clients + "/kill", "{\"node_id\":\"" + node + "\",\"client_addrs\":[\"10.0.0.1:1\"]}"), 400, "DCS.4062");
        assertV2(raw.signed("POST", clients + "/kill-all", "{\"kill_all_nodes\":false}"), 400, "DCS.4062");
        JsonNode sorted = raw.signed("GET", clients + "?node_id=" + node + "&sort=nonsense", null).body();
        assertThat(sorted.path("error_code").asText()).isEqualTo("DCS.4062");
    }
}
