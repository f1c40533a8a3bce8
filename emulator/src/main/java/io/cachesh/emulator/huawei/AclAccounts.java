package io.cachesh.emulator.huawei;

import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;

/**
 * The ACL accounts of one Huawei instance (v2 5.10), stored in {@link Instance#extensions()} under {@link #KEY}, and
 * their users on the instance's redis-server: {@code ACL SETUSER name reset on #sha256 ~* &*} plus the role's command
 * categories ({@code read}: {@code +@all -@write -@admin}, {@code write}: {@code +@all -@admin}), {@code ACL DELUSER}
 * on deletion. The {@code default} account is redis's own default user (the
 * instance password); it is listed but not stored. Passwords are kept as SHA-256 only.
 *
 * <p>The Tencent package has the same mechanics in its package-private {@code AccountAcl}; they are bound to
 * Tencent's account record and error type, so this class carries its own ~30 lines instead of sharing them.
 */
record AclAccounts(List<Account> accounts) {

    static final String KEY = "huawei.aclAccounts";
    static final String DEFAULT = "default";

    /** Account statuses (seed table 5-611). */
    static final String CREATING = "CREATING";
    static final String AVAILABLE = "AVAILABLE";
    static final String UPDATING = "UPDATING";
    static final String DELETING = "DELETING";
    static final String ERROR = "ERROR";

    /** A normal account. {@code passwordFailures} counts wrong old passwords given to UpdateAclAccountPassWord. */
    record Account(String id, String name, String role, String description, String status, String passwordSha256,
                   int passwordFailures) {

        Account with(String role, String description, String status, String passwordSha256, int passwordFailures) {
            return new Account(id, name, role, description, status, passwordSha256, passwordFailures);
        }
    }

    /** The server process each instance's accounts were last put on. */
    private static final Map<Instance, RedisProcess> SYNCED = new WeakHashMap<>();

    AclAccounts {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    static AclAccounts of(Instance i) {
        return i.extensions().get(KEY, AclAccounts.class, () -> new AclAccounts(List.of()));
    }

    static AclAccounts update(Instance i, UnaryOperator<AclAccounts> change) {
        return i.extensions().update(KEY, AclAccounts.class, () -> new AclAccounts(List.of()), change);
    }

    /** The stable id of an instance's default account. */
    static String defaultId(Instance i) {
        return UUID.nameUUIDFromBytes(("huawei-acl-default:" + i.id()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    Optional<Account> byId(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    Optional<Account> byName(String name) {
        return accounts.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    AclAccounts put(Account account) {
        List<Account> next = new ArrayList<>();
        boolean replaced = false;
        for (Account a : accounts) {
            if (a.id().equals(account.id())) {
                next.add(account);
                replaced = true;
            } else {
                next.add(a);
            }
        }
        if (!replaced) next.add(account);
        return new AclAccounts(next);
    }

    AclAccounts remove(String id) {
        return new AclAccounts(accounts.stream().filter(a -> !a.id().equals(id)).toList());
    }

    static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ACL rules of a Huawei role: read-only or read-write, never admin or dangerous commands. */
    static List<String> rules(String role) {
        return "read".equals(role) ? List.of("+@all", "-@write", "-@admin") : List.of("+@all", "-@admin");
    }

    /** Creates or replaces the ACL user of {@code account}; a no-op without a data plane. */
    static void apply(Instance i, Account account) throws IOException {
        RedisProcess process = i.dataPlane();
        if (process == null) return;
        sync(i);
        setUser(process, account);
    }

    static void delete(Instance i, String name) throws IOException {
        RedisProcess process = i.dataPlane();
        if (process != null) process.call("ACL", "DELUSER", name);
    }

    /** Puts the stored accounts on the instance's server unless they were put on this very process already. */
    static synchronized void sync(Instance i) {
        RedisProcess process = i.dataPlane();
        if (process == null || SYNCED.get(i) == process) return;
        try {
            for (Account a : of(i).accounts()) {
                if (!DELETING.equals(a.status())) setUser(process, a);
            }
            SYNCED.put(i, process);
        } catch (IOException e) {
            throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + e.getMessage());
        }
    }

    private static void setUser(RedisProcess process, Account a) throws IOException {
        List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", a.name(), "reset", "on", "#" + a.passwordSha256(),
                "~*", "&*"));
        command.addAll(rules(a.role()));
        process.call(command.toArray(String[]::new));
    }
}
