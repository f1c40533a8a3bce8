package io.cachesh.emulator.tencent;

import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Puts an instance's sub-accounts on its redis-server as ACL users: {@code ACL SETUSER name reset on #sha256 ~* &*}
 * and the privilege's command categories, {@code ACL DELUSER name} on deletion. A server started again (restore,
 * startup, emulator restart) has lost its ACL users; {@link #sync(Instance)} puts them back once per server process.
 */
final class AccountAcl {

    /** The server process each instance's accounts were last put on. */
    private static final Map<Instance, RedisProcess> SYNCED = new WeakHashMap<>();

    private AccountAcl() {
    }

    /** The ACL rules of a Tencent privilege: r read-only, w write-only, rw both; never the admin commands. */
    static List<String> rules(String privilege) {
        return switch (privilege) {
            case "r" -> List.of("+@all", "-@write", "-@admin");
            case "w" -> List.of("+@all", "-@read", "-@admin");
            default -> List.of("+@all", "-@admin");
        };
    }

    /** Creates or replaces the ACL user of {@code account}; a no-op without a data plane. */
    static void apply(Instance i, InstanceAccounts.Account account) throws IOException {
        RedisProcess process = i.dataPlane();
        if (process == null) return;
        sync(i);
        setUser(process, account);
    }

    static void delete(Instance i, String name) throws IOException {
        RedisProcess process = i.dataPlane();
        if (process == null) return;
        process.call("ACL", "DELUSER", name);
    }

    /** Puts the stored accounts on the instance's server unless they were put on this very process already. */
    static synchronized void sync(Instance i) {
        RedisProcess process = i.dataPlane();
        if (process == null || SYNCED.get(i) == process) return;
        try {
            for (InstanceAccounts.Account a : InstanceAccounts.of(i).accounts()) setUser(process, a);
            SYNCED.put(i, process);
        } catch (IOException e) {
            throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal", "redis 状态异常: " + e.getMessage());
        }
    }

    private static void setUser(RedisProcess process, InstanceAccounts.Account a) throws IOException {
        List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", a.name(), "reset", "on", "#" + a.passwordSha256(), "~*", "&*"));
        command.addAll(rules(a.privilege()));
        process.call(command.toArray(String[]::new));
    }
}
