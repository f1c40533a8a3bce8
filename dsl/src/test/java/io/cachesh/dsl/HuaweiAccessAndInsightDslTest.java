package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.dsl.result.Account;
import io.cachesh.dsl.result.BigKey;
import io.cachesh.dsl.result.SlowLogEntry;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.result.WhitelistEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Huawei verbs beyond the foundation, end to end through the DSL against the emulator's DCS v2 front end and
 * a real redis-server: whitelist, accounts (real ACL users, checked with Jedis), slowlog, bigkeys, stats and tasks.
 */
class HuaweiAccessAndInsightDslTest extends EmulatorTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void whitelistAccountsSlowlogBigkeysStatsAndTasks() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            s.evaluate("provider huawei");
            s.evaluate("shop = create name: 'shop', spec: 'redis.ha', capacity: 1, password: 'Shop-Pass1'");

            // whitelist: addresses and ranges in the cachesh group; none left disables it
            List<WhitelistEntry> entries = (List<WhitelistEntry>) s.evaluate(
                    "whitelist shop, add: ['10.0.0.0/8', '192.168.1.7']");
            assertThat(entries).extracting(WhitelistEntry::getId).containsExactly("10.0.0.0/8", "192.168.1.7");
            assertThat(entries).allSatisfy(e -> assertThat(e.getName()).isEqualTo("cachesh"));
            assertThat((List<WhitelistEntry>) s.evaluate("whitelist shop, remove: '10.0.0.0/8'"))
                    .extracting(WhitelistEntry::getId).containsExactly("192.168.1.7");
            assertThat((List<WhitelistEntry>) s.evaluate("whitelist shop, remove: '192.168.1.7'")).isEmpty();
            assertThat(s.evaluate("huawei.dcs.showIpWhitelist(instanceId: shop.id).enableWhitelist()")).isEqualTo(false);

            // accounts: real ACL users on the redis-server
            s.evaluate("accounts shop, create: 'reporting', password: 'Report-Pass1', privilege: 'read', "
                    + "remark: 'dashboards'");
            List<Account> accounts = (List<Account>) s.evaluate("accounts shop");
            assertThat(accounts).anySatisfy(a -> {
                assertThat(a.getName()).isEqualTo("reporting");
                assertThat(a.getPrivilege()).isEqualTo("read");
                assertThat(a.getRemark()).isEqualTo("dashboards");
            });
            var shop = emulator.fleet().instances().stream().filter(i -> i.name().equals("shop")).findFirst().orElseThrow();
            try (Jedis jedis = new Jedis("127.0.0.1", shop.dataPort())) {
                jedis.auth("reporting", "Report-Pass1");
                assertThat(jedis.get("nothing")).isNull();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> jedis.set("k", "v"))
                        .isInstanceOf(JedisDataException.class);
            }
            s.evaluate("accounts shop, grant: 'reporting', privilege: 'readwrite'");
            assertThat((List<Account>) s.evaluate("accounts shop")).anySatisfy(a -> {
                assertThat(a.getName()).isEqualTo("reporting");
                assertThat(a.getPrivilege()).isEqualTo("readwrite");
            });
            try (Jedis jedis = new Jedis("127.0.0.1", shop.dataPort())) {
                jedis.auth("reporting", "Report-Pass1");
                assertThat(jedis.set("k", "v")).isEqualTo("OK");
            }
            s.evaluate("accounts shop, delete: 'reporting'");
            assertThat((List<Account>) s.evaluate("accounts shop")).noneMatch(a -> a.getName().equals("reporting"));

            // slowlog, bigkeys, stats from the real redis-server
            s.evaluate("params shop, set: ['slowlog-log-slower-than': 0]");
            s.evaluate("connect(shop) { set 'big', 'x' * 100000; 20.times { get 'smoke' } }");
            List<SlowLogEntry> slow = (List<SlowLogEntry>) s.evaluate("slowlog shop, since: '10m'");
            assertThat(slow).isNotEmpty();
            assertThat(slow).anySatisfy(e -> assertThat(e.getCommand()).isEqualTo("get"));
            List<BigKey> big = (List<BigKey>) s.evaluate("bigkeys shop, top: 1");
            assertThat(big).singleElement().satisfies(k -> {
                assertThat(k.getKey()).isEqualTo("big");
                assertThat(k.getSizeBytes()).isEqualTo(100000L);
            });
            assertThat((Long) s.evaluate("stats(shop).calls('get')")).isGreaterThanOrEqualTo(20L);

            // tasks: the instance's background tasks, newest first
            List<Task> tasks = (List<Task>) s.evaluate("tasks shop, limit: 50");
            assertThat(tasks).extracting(Task::getType).contains("account", "whitelist");
            assertThat(tasks).allSatisfy(t -> assertThat(t.getInstanceId()).isEqualTo(shop.id()));
            assertThat((List<Task>) s.evaluate("tasks(limit: 3)")).hasSizeLessThanOrEqualTo(3).isNotEmpty();

            s.evaluate("delete shop");
            assertThat(out.warnings).isEmpty();
        }
    }
}
