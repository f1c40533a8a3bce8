package io.cachesh.emulator.tencent;

import io.cachesh.emulator.fleet.Instance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The accounts of one instance, stored in {@link Instance#extensions()} under {@link #KEY}: the main account
 * {@code root} (its password is the instance password, so only its remark and read policy are kept here) and the
 * sub-accounts, whose passwords are kept as SHA-256 (what {@code ACL SETUSER name #hash} takes), never in clear.
 */
record InstanceAccounts(Root root, List<Account> accounts) {

    static final String KEY = "tencent.accounts";
    static final String ROOT = "root";
    /** Names redis itself uses: the {@code default} user is the instance password (requirepass). */
    static final Set<String> RESERVED = Set.of("default");
    /** Account.Status: 1 账号变更中, 2 账号有效, 4 账号已删除. */
    static final int STATUS_CHANGING = 1;
    static final int STATUS_VALID = 2;

    /** The main account's settings. */
    record Root(String remark, List<String> readonlyPolicy) {
    }

    /** A sub-account; {@code privilege} is r, w or rw. */
    record Account(String name, String remark, String privilege, List<String> readonlyPolicy, int status,
                   String createTime, String passwordSha256) {

        Account withStatus(int next) {
            return new Account(name, remark, privilege, readonlyPolicy, next, createTime, passwordSha256);
        }
    }

    InstanceAccounts {
        root = root == null ? new Root("default", List.of("master")) : root;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    static InstanceAccounts of(Instance i) {
        return i.extensions().get(KEY, InstanceAccounts.class, InstanceAccounts::empty);
    }

    static InstanceAccounts update(Instance i, UnaryOperator<InstanceAccounts> change) {
        return i.extensions().update(KEY, InstanceAccounts.class, InstanceAccounts::empty, change);
    }

    static InstanceAccounts empty() {
        return new InstanceAccounts(null, List.of());
    }

    /** The main account as DescribeInstanceAccount lists it (the seed's example: rw, master, "default", Status 2). */
    Account rootAccount() {
        return new Account(ROOT, root.remark(), "rw", root.readonlyPolicy(), STATUS_VALID, "", null);
    }

    Account find(String name) {
        for (Account a : accounts) {
            if (a.name().equals(name)) return a;
        }
        return null;
    }

    /** This set with {@code account} added, or replacing the one of the same name in place. */
    InstanceAccounts with(Account account) {
        List<Account> next = new ArrayList<>();
        boolean replaced = false;
        for (Account a : accounts) {
            if (a.name().equals(account.name())) {
                next.add(account);
                replaced = true;
            } else {
                next.add(a);
            }
        }
        if (!replaced) next.add(account);
        return new InstanceAccounts(root, next);
    }

    InstanceAccounts without(String name) {
        return new InstanceAccounts(root, accounts.stream().filter(a -> !a.name().equals(name)).toList());
    }

    InstanceAccounts withRoot(Root next) {
        return new InstanceAccounts(next, accounts);
    }

    static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
