package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instance accounts (tencent-redis-api3-and-legacy-v2.txt:7375-8700, 12937-13026): sub-accounts are real Redis 6+
 * ACL users on the instance's redis-server ({@code ACL SETUSER}/{@code DELUSER}), so {@code AUTH name password}
 * works with exactly the account's password and privilege. The main account {@code root} is the instance password
 * ({@code requirepass}, redis' {@code default} user). The accounts are kept in {@link Instance#extensions()} (see
 * {@link InstanceAccounts}) and are put on the server again when it has been restarted.
 */
final class AccountActions extends TencentActionGroup {

    /** Task type of account changes (DescribeTaskList "037" FLOW_MODIFYINSTANCEACCOUNT). */
    static final String TASK_ACCOUNT = "037";
    /** Task type of switching the main account to password-free ("035" FLOW_MODIFYINSTANCEPASSWORDFREE). */
    static final String TASK_PASSWORD_FREE = "035";
    /** Redis 2.8 and CKV have no sub-accounts. */
    private static final Set<Integer> NO_ACCOUNTS = Set.of(2, 3, 4, 5);

    AccountActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("CreateInstanceAccount", this::createInstanceAccount);
        actions.put("DeleteInstanceAccount", this::deleteInstanceAccount);
        actions.put("DescribeInstanceAccount", this::describeInstanceAccount);
        actions.put("ModifyInstanceAccount", this::modifyInstanceAccount);
    }

    private ObjectNode createInstanceAccount(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String name = p.requireString("AccountName");
        String password = checkPassword(p.string("AccountPassword"));
        List<String> policy = readonlyPolicy(p, true);
        String privilege = p.requireString("Privilege");
        String remark = remark(p);
        requireAccounts(i);
        requireRunning(i);
        if (InstanceAccounts.ROOT.equals(name)) {
            throw new TencentException("ResourceInUse", "资源被占用: `root` is the instance's main account.");
        }
        if (InstanceAccounts.RESERVED.contains(name)) {
            throw TencentException.invalidValue("AccountName", name, "the name is reserved by redis");
        }
        InstanceAccounts.Account account = new InstanceAccounts.Account(name, remark, privilege, policy,
                InstanceAccounts.STATUS_CHANGING, time(fleet.clock().instant()), InstanceAccounts.sha256(password));
        InstanceAccounts.update(i, a -> {
            if (a.find(name) != null) {
                throw new TencentException("ResourceInUse", "资源被占用: account `" + name + "` already exists on " + i.id() + ".");
            }
            return a.with(account);
        });
        fleet.changed();
        Task task = fleet.submit(i.id(), TASK_ACCOUNT, "实例帐号变更", () -> {
            InstanceAccounts.Account done = account.withStatus(InstanceAccounts.STATUS_VALID);
            AccountAcl.apply(i, done);
            InstanceAccounts.update(i, a -> a.with(done));
            return "";
        });
        return taskResult(task);
    }

    private ObjectNode deleteInstanceAccount(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String name = p.requireString("AccountName");
        requireAccounts(i);
        if (InstanceAccounts.ROOT.equals(name)) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: the main account `root` cannot be deleted.");
        }
        requireRunning(i);
        InstanceAccounts.Account account = existing(i, name);
        InstanceAccounts.update(i, a -> a.with(account.withStatus(InstanceAccounts.STATUS_CHANGING)));
        fleet.changed();
        return taskResult(fleet.submit(i.id(), TASK_ACCOUNT, "实例帐号变更", () -> {
            AccountAcl.delete(i, name);
            InstanceAccounts.update(i, a -> a.without(name));
            return "";
        }));
    }

    private ObjectNode describeInstanceAccount(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long limit = p.requireInteger("Limit");
        long offset = p.requireInteger("Offset");
        if (limit < 1) throw TencentException.invalidValue("Limit", limit, "must be at least 1");
        if (offset < 0) throw TencentException.invalidValue("Offset", offset, "must not be negative");
        AccountAcl.sync(i);
        InstanceAccounts accounts = InstanceAccounts.of(i);
        List<ObjectNode> all = new ArrayList<>();
        all.add(accountNode(i, accounts.rootAccount()));
        accounts.accounts().forEach(a -> all.add(accountNode(i, a)));
        ObjectNode out = object();
        ArrayNode list = out.putArray("Accounts");
        for (long k = offset; k < all.size() && k < offset + limit; k++) list.add(all.get((int) k));
        out.put("TotalCount", all.size());
        return out;
    }

    private ObjectNode modifyInstanceAccount(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String name = p.requireString("AccountName");
        String password = p.has("AccountPassword") ? checkPassword(p.string("AccountPassword")) : null;
        String remark = p.has("Remark") ? remark(p) : null;
        List<String> policy = p.has("ReadonlyPolicy") ? readonlyPolicy(p, false) : null;
        String privilege = p.string("Privilege");
        Boolean noAuth = p.bool("NoAuth");
        requireAccounts(i);
        requireRunning(i);
        if (InstanceAccounts.ROOT.equals(name)) return modifyRoot(i, password, remark, policy, privilege, noAuth);
        if (Boolean.TRUE.equals(noAuth)) {
            throw new TencentException("FailedOperation.UnSupportError",
                    "实例不支持该接口: NoAuth (password-free) applies to the main account `root` only, not to `" + name + "`.");
        }
        InstanceAccounts.Account before = existing(i, name);
        InstanceAccounts.Account after = new InstanceAccounts.Account(name,
                remark != null ? remark : before.remark(),
                privilege != null ? privilege : before.privilege(),
                policy != null ? policy : before.readonlyPolicy(),
                InstanceAccounts.STATUS_VALID, before.createTime(),
                password != null ? InstanceAccounts.sha256(password) : before.passwordSha256());
        InstanceAccounts.update(i, a -> a.with(before.withStatus(InstanceAccounts.STATUS_CHANGING)));
        fleet.changed();
        return taskResult(fleet.submit(i.id(), TASK_ACCOUNT, "实例帐号变更", () -> {
            AccountAcl.apply(i, after);
            InstanceAccounts.update(i, a -> a.with(after));
            return "";
        }));
    }

    /** The main account: its password is the instance's requirepass; NoAuth makes the instance password-free. */
    private ObjectNode modifyRoot(Instance i, String password, String remark, List<String> policy, String privilege, Boolean noAuth) {
        if (privilege != null && !"rw".equals(privilege)) {
            throw new TencentException("FailedOperation.UnSupportError",
                    "实例不支持该接口: the main account `root` always reads and writes (Privilege rw).");
        }
        boolean passwordFree = Boolean.TRUE.equals(noAuth);
        if (passwordFree && i.vpcId().isEmpty()) {
            throw new TencentException("InvalidParameterValue.BaseNetWorkAccessDeny",
                    "不是vpc网络下实例: password-free access needs a VPC instance.");
        }
        InstanceAccounts.update(i, a -> a.withRoot(new InstanceAccounts.Root(
                remark != null ? remark : a.rootAccount().remark(),
                policy != null ? policy : a.rootAccount().readonlyPolicy())));
        fleet.changed();
        Secret next = passwordFree ? Secret.of("") : password != null ? Secret.of(password) : null;
        String type = passwordFree ? TASK_PASSWORD_FREE : TASK_ACCOUNT;
        return taskResult(fleet.submit(i.id(), type, passwordFree ? "设置免密" : "实例帐号变更", () -> {
            if (next != null) {
                RedisProcess process = i.dataPlane();
                if (process != null) process.setPassword(next);
                i.password(next, passwordFree);
            }
            return "";
        }));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static ObjectNode accountNode(Instance i, InstanceAccounts.Account a) {
        ObjectNode n = object();
        n.put("InstanceId", i.id());
        n.put("AccountName", a.name());
        n.put("Remark", a.remark());
        n.put("Privilege", a.privilege());
        a.readonlyPolicy().forEach(n.putArray("ReadonlyPolicy")::add);
        n.put("Status", a.status());
        n.put("CreateTime", a.createTime());
        return n;
    }

    private static InstanceAccounts.Account existing(Instance i, String name) {
        InstanceAccounts.Account account = InstanceAccounts.of(i).find(name);
        if (account == null) {
            throw new TencentException("ResourceNotFound", "资源不存在: account `" + name + "` does not exist on " + i.id() + ".");
        }
        if (account.status() != InstanceAccounts.STATUS_VALID) {
            throw new TencentException("ResourceUnavailable.InstanceLockedError",
                    "redis 已经被其它流程锁定: account `" + name + "` is being changed; retry when its Status is 2.");
        }
        return account;
    }

    private static void requireAccounts(Instance i) {
        if (NO_ACCOUNTS.contains(i.typeId())) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: " + i.id() + " (TypeId " + i.typeId()
                    + ", " + engineName(i) + ") has no sub-accounts; they need Redis 4.0 or later.");
        }
    }

    private static List<String> readonlyPolicy(Params p, boolean required) {
        List<String> policy = p.strings("ReadonlyPolicy");
        if (policy.isEmpty()) {
            if (required) throw TencentException.missing("ReadonlyPolicy");
            throw TencentException.invalidValue("ReadonlyPolicy", "[]", "give master or replication");
        }
        for (String v : policy) {
            if (!v.equals("master") && !v.equals("replication")) {
                throw TencentException.invalidValue("ReadonlyPolicy", v, "must be master or replication");
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(policy));
    }

    private static String remark(Params p) {
        String remark = p.string("Remark", "");
        if (remark.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw TencentException.invalidValue("Remark", remark, "at most 64 bytes");
        }
        return remark;
    }
}
