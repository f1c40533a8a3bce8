package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.Param;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Stats;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The verbs beyond the lifecycle, against the emulator and the real redis-server behind each instance. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerbsTest extends EmulatorTestSupport {

    static final RecordingOutput out = new RecordingOutput();
    static CacheshSession session;

    @BeforeAll
    static void openSession() {
        session = session(out);
        session.evaluate("orders = create name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1', "
                + "tags: [env: 'prod', team: 'shop']");
        session.evaluate("events = create name: 'events', spec: 'redis.ha', capacity: 1, password: 'Events-Pass1', "
                + "tags: [env: 'dev']");
    }

    @AfterAll
    static void closeSession() {
        if (session != null) {
            try {
                session.evaluate("list().each { delete it }");
            } finally {
                session.close();
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T eval(String source) {
        return (T) session.evaluate(source);
    }

    @Test
    @Order(1)
    void tagsAreSetAtCreateReadBackAndFilterTheList() {
        Map<String, String> tags = eval("tags 'orders'");
        assertThat(tags).containsOnly(Map.entry("env", "prod"), Map.entry("team", "shop"));
        assertThat((List<String>) eval("list(tag: 'env')*.name")).containsExactlyInAnyOrder("orders", "events");
        assertThat((List<String>) eval("list(tag: 'env=prod')*.name")).containsExactly("orders");
        assertThat((List<String>) eval("list(tag: [env: 'dev'])*.name")).containsExactly("events");
        assertThat((List<String>) eval("list(tag: 'team=ops')*.name")).isEmpty();
        assertThat(((Instance) eval("describe 'orders'")).toMap()).containsEntry("tags", Map.of("env", "prod",
                "team", "shop"));
    }

    @Test
    @Order(2)
    void paramsAreReadCheckedAndSetOnTheRealServer() {
        List<Param> params = eval("params 'orders'");
        Param policy = params.stream().filter(p -> p.getName().equals("maxmemory-policy")).findFirst().orElseThrow();
        assertThat(policy.getType()).isEqualTo("enum");
        assertThat(policy.getAllowed()).contains("allkeys-lfu", "noeviction");

        List<Param> after = eval("params 'orders', set: ['maxmemory-policy': 'allkeys-lfu', timeout: 300]");
        assertThat(after).filteredOn(p -> p.getName().equals("maxmemory-policy")).extracting(Param::getValue)
                .containsExactly("allkeys-lfu");
        assertThat(after).filteredOn(p -> p.getName().equals("timeout")).extracting(Param::getValue)
                .containsExactly("300");
        assertThat((String) eval("connect('orders') { configGet('maxmemory-policy') }")).isEqualTo("allkeys-lfu");

        int lines = out.lines.size();
        eval("params 'orders', set: [timeout: 300]");
        assertThat(out.lines.subList(lines, out.lines.size())).anyMatch(l -> l.endsWith(": nothing to change"));

        assertThatThrownBy(() -> eval("params 'orders', set: ['maxmemory-polcy': 'allkeys-lru']"))
                .isInstanceOf(DslException.class)
                .hasMessageStartingWith("params: unknown parameter 'maxmemory-polcy' for orders (")
                .hasMessageContaining("did you mean maxmemory-policy?");
        assertThatThrownBy(() -> eval("params 'orders', set: ['maxmemory-policy': 'sometimes']"))
                .isInstanceOf(DslException.class)
                .hasMessageMatching("params: maxmemory-policy must be one of .*allkeys-lru.* for orders \\(crs-\\w+\\), "
                        + "got 'sometimes'");
        assertThatThrownBy(() -> eval("params 'orders', set: [timeout: 5]"))
                .isInstanceOf(DslException.class)
                .hasMessageMatching("params: timeout must be a whole number 60-2147483647 for orders \\(crs-\\w+\\), "
                        + "got '5'");
    }

    @Test
    @Order(3)
    void whitelistBindsAndUnbindsSecurityGroups() {
        List<WhitelistEntry> before = eval("whitelist 'orders'");
        assertThat(before).noneMatch(e -> e.getId().equals("sg-7y0pa6nf"));
        List<WhitelistEntry> added = eval("whitelist 'orders', add: ['sg-7y0pa6nf', 'sg-ajr1jzgj']");
        assertThat(added).extracting(WhitelistEntry::getId).contains("sg-7y0pa6nf", "sg-ajr1jzgj");
        WhitelistEntry lb = added.stream().filter(e -> e.getId().equals("sg-7y0pa6nf")).findFirst().orElseThrow();
        assertThat(lb.getKind()).isEqualTo("securityGroup");
        assertThat(lb.getName()).isEqualTo("test_lb");
        assertThat(lb.getRules()).contains("ACCEPT 106.55.103.75 tcp:8000");

        // adding again is a no-op, removing works
        eval("whitelist 'orders', add: 'sg-7y0pa6nf'");
        assertThat(out.lines).anyMatch(l -> l.endsWith("sg-7y0pa6nf already bound"));
        List<WhitelistEntry> removed = eval("whitelist 'orders', remove: 'sg-7y0pa6nf'");
        assertThat(removed).extracting(WhitelistEntry::getId).doesNotContain("sg-7y0pa6nf").contains("sg-ajr1jzgj");

        assertThatThrownBy(() -> eval("whitelist 'orders', add: '10.0.0.0/8'")).isInstanceOf(DslException.class)
                .hasMessage("whitelist: tencent whitelists security groups (sg-...), not addresses; got '10.0.0.0/8'");
        assertThatThrownBy(() -> eval("whitelist 'orders', add: 'sg-nope1234'")).isInstanceOf(DslException.class)
                .hasMessageStartingWith("whitelist: no security group sg-nope1234 on tencent in ap-guangzhou (known: ")
                .hasMessageContaining("sg-7y0pa6nf 'test_lb'");
    }

    @Test
    @Order(4)
    void backupThenRestoreBringsTheDataBack() {
        eval("connect('orders') { set 'k', 'before' }");
        eval("b = backup 'orders', remark: 'restore-test'");
        eval("connect('orders') { set 'k', 'after'; set 'extra', '1' }");
        Task t = eval("restore 'orders', backup: b");
        assertThat(t.getStatus()).isEqualTo(Task.SUCCEEDED);
        assertThat((String) eval("connect('orders') { get 'k' }")).isEqualTo("before");
        assertThat((Boolean) eval("connect('orders') { exists 'extra' }")).isFalse();
        // by id too
        assertThat(((Task) eval("restore 'orders', b.id")).getStatus()).isEqualTo(Task.SUCCEEDED);
        assertThatThrownBy(() -> eval("restore 'orders', backup: 'no-such-backup'"))
                .isInstanceOf(DslException.class)
                .hasMessageMatching("restore: no backup no-such-backup of orders \\(crs-\\w+\\) \\(available: .+\\)");
    }

    @Test
    @Order(5)
    void accountsAreCreatedGrantedAndDeletedAsRealAclUsers() {
        List<Account> accounts = eval("accounts 'orders', create: 'reporting', password: 'Report-Pass1', "
                + "privilege: 'read', remark: 'dashboards'");
        Account reporting = accounts.stream().filter(a -> a.getName().equals("reporting")).findFirst().orElseThrow();
        assertThat(reporting.getPrivilege()).isEqualTo("read");
        assertThat(reporting.getStatus()).isEqualTo("active");
        assertThat(reporting.getRemark()).isEqualTo("dashboards");
        assertThat(reporting.toMap()).doesNotContainKey("password");
        assertThat((List<String>) eval("connect('orders') { raw().aclUsers() }")).contains("reporting");

        accounts = eval("accounts 'orders', grant: 'reporting', privilege: 'readwrite'");
        assertThat(accounts).filteredOn(a -> a.getName().equals("reporting")).extracting(Account::getPrivilege)
                .containsExactly("readwrite");

        assertThatThrownBy(() -> eval("accounts 'orders', create: 'writer', password: 'Writer-Pass1', privilege: 'write'"))
                .isInstanceOf(DslException.class).hasMessage("accounts: privilege must be one of read, readwrite "
                        + "for a new account on tencent (CreateInstanceAccount), got 'write'");
        assertThatThrownBy(() -> eval("accounts 'orders', delete: 'nobody'")).isInstanceOf(DslException.class)
                .hasMessageMatching("accounts: orders \\(crs-\\w+\\) has no account 'nobody' \\(accounts: root, reporting\\)");

        accounts = eval("accounts 'orders', delete: 'reporting'");
        assertThat(accounts).extracting(Account::getName).doesNotContain("reporting");
        assertThat((List<String>) eval("connect('orders') { raw().aclUsers() }")).doesNotContain("reporting");
    }

    @Test
    @Order(6)
    void slowlogBigkeysAndStatsComeFromTheRealServer() {
        eval("params 'orders', set: ['slowlog-log-slower-than': 1]");
        eval("connect('orders') { set 'big', 'x' * 200000; set 'small', 'y'; raw().hset('h', 'f', 'v'); "
                + "100.times { get 'small' } }");
        List<SlowLogEntry> slow = eval("slowlog 'orders', since: '1h'");
        assertThat(slow).isNotEmpty();
        assertThat(slow).extracting(SlowLogEntry::getCommand).isNotEmpty();
        assertThat((List<SlowLogEntry>) eval("slowlog 'orders', min: 100000")).isEmpty();
        assertThat((List<SlowLogEntry>) eval("slowlog 'orders', limit: 1")).hasSize(1);

        List<BigKey> big = eval("bigkeys 'orders', top: 2");
        assertThat(big).hasSize(2);
        assertThat(big.get(0).getKey()).isEqualTo("big");
        assertThat(big.get(0).getSizeBytes()).isGreaterThan(200_000);
        assertThat((List<BigKey>) eval("bigkeys 'orders', type: 'hash'")).extracting(BigKey::getKey).containsExactly("h");

        Stats stats = eval("stats 'orders'");
        assertThat(stats.calls("get")).isGreaterThanOrEqualTo(100);
        assertThat(stats.getCommands()).isNotEmpty();
        assertThat(stats.getSlowest()).isNotEmpty();
        // maxmemory-policy is allkeys-lfu (set above), so redis counts accesses: 'small' is hot
        assertThat(stats.getHotKeys()).extracting(m -> m.get("key")).contains("small");
    }

    @Test
    @Order(7)
    void tasksListTheInstancesWork() {
        List<Task> tasks = eval("tasks 'orders', limit: 50");
        assertThat(tasks).extracting(Task::getType).contains("create", "params", "restore", "backup");
        assertThat(tasks).allMatch(t -> t.getInstanceId().equals(((Instance) eval("describe 'orders'")).getId()));
        assertThat(tasks).allMatch(t -> Task.SUCCEEDED.equals(t.getStatus()));
        assertThat((List<Task>) eval("tasks(limit: 3)")).hasSize(3);
        assertThat((List<Task>) eval("tasks()")).extracting(Task::getInstanceId).contains(
                ((Instance) eval("describe 'events'")).getId());
    }

    @Test
    @Order(8)
    void restartBringsAnIsolatedInstanceBack() {
        assertThatThrownBy(() -> eval("restart 'events'")).isInstanceOf(DslException.class)
                .hasMessageMatching("restart: tencent can only restart isolated instances \\(StartupInstance; API 3.0 "
                        + "has no reboot action\\), events \\(crs-\\w+\\) is running");
        eval("delete 'events', purge: false");
        assertThat(((Instance) eval("describe 'events'")).getStatus()).isEqualTo("isolated");
        Instance back = eval("restart 'events'");
        assertThat(back.getStatus()).isEqualTo("running");
        assertThat((String) eval("connect('events') { ping() }")).isEqualTo("PONG");
    }

    @Test
    @Order(9)
    void dryRunPrintsTheNewMutatingCallsAndMakesNone() {
        session.setDryRun(true);
        try {
            int lines = out.lines.size();
            eval("params 'orders', set: [timeout: 600]");
            eval("accounts 'orders', create: 'ghost', password: 'Ghost-Pass1', privilege: 'read'");
            eval("whitelist 'orders', add: 'sg-0klp2oyp'");
            List<String> printed = out.lines.subList(lines, out.lines.size());
            assertThat(printed).anyMatch(l -> l.startsWith("dry-run: ModifyInstanceParams"));
            assertThat(printed).anyMatch(l -> l.startsWith("dry-run: CreateInstanceAccount")
                    && l.contains("AccountPassword=******") && !l.contains("Ghost-Pass1"));
            assertThat(printed).anyMatch(l -> l.startsWith("dry-run: AssociateSecurityGroups"));
        } finally {
            session.setDryRun(false);
        }
        assertThat((List<Param>) eval("params 'orders'")).filteredOn(p -> p.getName().equals("timeout"))
                .extracting(Param::getValue).containsExactly("300");
        assertThat((List<Account>) eval("accounts 'orders'")).extracting(Account::getName).doesNotContain("ghost");
        assertThat((List<WhitelistEntry>) eval("whitelist 'orders'")).extracting(WhitelistEntry::getId)
                .doesNotContain("sg-0klp2oyp");
    }
}
