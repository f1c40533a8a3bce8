package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * ACL accounts (v2 5.10) as real redis-server ACL users ({@link AclAccounts}): create (CREATING, the user exists after
 * the task delay, then AVAILABLE), list, change/reset password ({@code ACL SETUSER} at once), change role (a job:
 * UPDATING, then the new command categories), delete (DELETING, then {@code ACL DELUSER}, which also drops the user's
 * connections), remark. The {@code default} account is redis's default user, i.e. the instance password: its password
 * operations change {@code requirepass}; it cannot be deleted or change role. Every refusal is the seed's
 * {@code DCS.4961} "Acl account request param invalid." ({@code DCS.4964} for a list on an instance without ACL).
 */
final class AclAccountActions extends HuaweiActionGroup {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Set<String> ROLES = Set.of("read", "write");
    /** Normal accounts per instance (DCS allows 18 besides the default one). */
    static final int MAX_ACCOUNTS = 18;

    AclAccountActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("CreateAclAccount", this::create);
        actions.v2("ListAclAccounts", this::list);
        actions.v2("UpdateAclAccountPassWord", this::updatePassword);
        actions.v2("ResetAclAccountPassWord", this::resetPassword);
        actions.v2("UpdateAclAccount", this::updateRole);
        actions.v2("DeleteAclAccount", this::delete);
        actions.v2("UpdateAclAccountRemark", this::remark);
    }

    static HuaweiException invalid(String detail) {
        return new HuaweiException("DCS.4961", "DCS.4961", 400, "Acl account request param invalid: " + detail);
    }

    /** ACL needs Redis 4.0 or later (3.0 instances of the v1 API have none). */
    private Instance aclInstance(HuaweiRequest r, boolean list) {
        Instance i = instance(r.requireString("instance_id"));
        if (i.version() != null && i.version().startsWith("3.")) {
            if (list) throw new HuaweiException("DCS.4964", "DCS.4964", 400, "Failed to query acl list: Redis "
                    + i.version() + " instances have no ACL accounts.");
            throw invalid("Redis " + i.version() + " instances do not support ACL accounts (Redis 4.0 and later do).");
        }
        return i;
    }

    private ObjectNode create(HuaweiRequest r) {
        Instance i = aclInstance(r, false);
        requireRunning(i);
        String name = r.requireString("account_name");
        String role = r.requireString("account_role");
        String password = r.requireString("account_password");
        String description = r.string("description", "");
        if (!NAME.matcher(name).matches() || AclAccounts.DEFAULT.equals(name)) {
            throw invalid("account_name `" + name + "` must be 1-64 letters, digits, - and _, starting with a letter, and not `default`.");
        }
        if (!ROLES.contains(role)) throw invalid("account_role must be read or write, got `" + role + "`.");
        checkAclPassword(name, password);
        if (description.length() > 1024) throw invalid("description is longer than 1024 characters.");
        if (i.noAuth()) {
            throw invalid("the default account of " + i.id() + " has password-free access enabled; disable it (ResetPassword) "
                    + "before creating normal accounts.");
        }
        String mode = state(i).cacheMode();
        if (("single".equals(mode) || "ha".equals(mode)) && i.password().reveal().contains(":")) {
            throw invalid("the default account's password contains a colon (:); normal accounts cannot be created on "
                    + "single-node and master/standby instances until it is changed.");
        }
        AclAccounts.sync(i);
        AclAccounts accounts = AclAccounts.of(i);
        if (accounts.byName(name).isPresent()) throw invalid("account `" + name + "` already exists on " + i.id() + ".");
        if (accounts.accounts().size() >= MAX_ACCOUNTS) {
            throw invalid("an instance has at most " + MAX_ACCOUNTS + " normal accounts.");
        }
        AclAccounts.Account account = new AclAccounts.Account(UUID.randomUUID().toString(), name, role, description,
                AclAccounts.CREATING, AclAccounts.sha256(password), 0);
        AclAccounts.update(i, a -> a.put(account));
        fleet.changed();
        Task task = fleet.submit(i.id(), "CreateAclAccount", "createAclAccount", () -> {
            settle(i, account.id(), AclAccounts.AVAILABLE, a -> AclAccounts.apply(i, a));
            return "";
        });
        BackgroundTaskBook.details(fleet, task, Json.object().put("account_name", name));
        return object();
    }

    private interface Step {
        void run(AclAccounts.Account account) throws IOException;
    }

    /** Runs {@code step} on the server, then marks the account {@code next}, or ERROR when the server refuses. */
    private void settle(Instance i, String accountId, String next, Step step) {
        AclAccounts.Account a = AclAccounts.of(i).byId(accountId).orElse(null);
        if (a == null) return;
        String status = next;
        try {
            step.run(a);
        } catch (IOException | RuntimeException e) {
            status = AclAccounts.ERROR;
        }
        String finalStatus = status;
        AclAccounts.update(i, all -> all.byId(accountId)
                .map(x -> all.put(x.with(x.role(), x.description(), finalStatus, x.passwordSha256(), x.passwordFailures())))
                .orElse(all));
        fleet.changed();
        if (AclAccounts.ERROR.equals(status)) throw new IllegalStateException("redis-server refused the ACL change of " + a.name());
    }

    private ObjectNode list(HuaweiRequest r) {
        Instance i = aclInstance(r, true);
        if (i.status() == io.cachesh.emulator.fleet.InstanceStatus.RUNNING) AclAccounts.sync(i);
        ObjectNode out = object();
        ArrayNode items = out.putArray("accounts");
        ObjectNode d = items.addObject();
        d.put("account_id", AclAccounts.defaultId(i));
        d.put("account_name", AclAccounts.DEFAULT);
        d.put("account_type", "default");
        d.put("instance_id", i.id());
        d.put("status", AclAccounts.AVAILABLE);
        d.put("account_role", "write");
        d.put("description", "");
        d.putNull("error_code");
        for (AclAccounts.Account a : AclAccounts.of(i).accounts()) {
            ObjectNode n = items.addObject();
            n.put("account_id", a.id());
            n.put("account_name", a.name());
            n.put("account_type", "normal");
            n.put("instance_id", i.id());
            n.put("status", a.status());
            n.put("account_role", a.role());
            n.put("description", a.description());
            n.putNull("error_code");
        }
        return out;
    }

    /** A normal account that is not being created or deleted, or the default account (null). */
    private AclAccounts.Account account(Instance i, String accountId) {
        if (AclAccounts.defaultId(i).equals(accountId)) return null;
        AclAccounts.Account a = AclAccounts.of(i).byId(accountId)
                .orElseThrow(() -> invalid("no account " + accountId + " on instance " + i.id() + "."));
        if (!AclAccounts.AVAILABLE.equals(a.status()) && !AclAccounts.ERROR.equals(a.status())) {
            throw invalid("account " + a.name() + " is " + a.status() + "; try again when it is AVAILABLE.");
        }
        return a;
    }

    /** 200 whatever happened to a well-formed request; {@code result} says (success, passwordFailed, locked). */
    private ObjectNode updatePassword(HuaweiRequest r) {
        Instance i = aclInstance(r, false);
        requireRunning(i);
        String accountId = r.requireString("account_id");
        AclAccounts.Account a = account(i, accountId);
        String oldPassword = r.string("old_password", "");
        String newPassword = r.string("new_password");
        if (newPassword == null || newPassword.isEmpty()) throw invalid("new_password is required.");
        String name = a == null ? AclAccounts.DEFAULT : a.name();
        ObjectNode out = object();
        boolean matches = a == null ? i.password().matches(oldPassword) : a.passwordSha256().equals(AclAccounts.sha256(oldPassword));
        int failuresBefore = a == null ? state(i).passwordFailures() : a.passwordFailures();
        if (!matches) {
            int failures = failuresBefore + 1;
            boolean locked = failures >= PasswordActions.MAX_FAILURES;
            int kept = locked ? 0 : failures;
            if (a == null) {
                state(i).passwordFailures(kept).save(i);
            } else {
                AclAccounts.update(i, all -> all.put(a.with(a.role(), a.description(), a.status(), a.passwordSha256(), kept)));
            }
            fleet.changed();
            out.put("result", locked ? "locked" : "passwordFailed");
            out.put("message", locked ? "Too many wrong passwords: the account password is locked for 5 minutes."
                    : "Verify DCSInstance password failed.");
            out.put("retry_times_left", Integer.toString(locked ? 0 : PasswordActions.MAX_FAILURES - failures));
            out.put("lock_time", locked ? "5" : "0");
            out.put("lock_time_left", locked ? "5" : "0");
            return out;
        }
        checkAclPassword(name, newPassword);
        if (newPassword.equals(oldPassword)) throw invalid("the new password must differ from the old one.");
        setPassword(i, a, newPassword);
        out.put("result", "success");
        out.put("message", "Modify DCSInstance password success.");
        out.put("retry_times_left", Integer.toString(PasswordActions.MAX_FAILURES));
        out.put("lock_time", "0");
        out.put("lock_time_left", "0");
        return out;
    }

    /** Sets a new password without checking the old one (which is optional). */
    private ObjectNode resetPassword(HuaweiRequest r) {
        Instance i = aclInstance(r, false);
        requireRunning(i);
        AclAccounts.Account a = account(i, r.requireString("account_id"));
        String newPassword = r.string("new_password");
        if (newPassword == null || newPassword.isEmpty()) throw invalid("new_password is required.");
        checkAclPassword(a == null ? AclAccounts.DEFAULT : a.name(), newPassword);
        setPassword(i, a, newPassword);
        ObjectNode out = object();
        out.put("code", "1");
        out.put("message", "Reset DCSInstance password success.");
        out.put("lock_time", "0");
        out.put("lock_time_left", "0");
        out.put("retry_times_left", Integer.toString(PasswordActions.MAX_FAILURES));
        return out;
    }

    private void setPassword(Instance i, AclAccounts.Account a, String password) {
        try {
            if (a == null) {
                if (i.dataPlane() != null) i.dataPlane().setPassword(Secret.of(password));
                i.password(Secret.of(password), false);
                state(i).passwordFailures(0).save(i);
            } else {
                AclAccounts.Account next = a.with(a.role(), a.description(), AclAccounts.AVAILABLE, AclAccounts.sha256(password), 0);
                AclAccounts.apply(i, next);
                AclAccounts.update(i, all -> all.put(next));
            }
        } catch (IOException e) {
            throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + e.getMessage());
        }
        fleet.changed();
    }

    private ObjectNode updateRole(HuaweiRequest r) {
        Instance i = aclInstance(r, false);
        requireRunning(i);
        String accountId = r.requireString("account_id");
        AclAccounts.Account a = account(i, accountId);
        if (a == null) throw invalid("the role of the default account cannot be changed.");
        String role = r.string("account_role");
        if (!ROLES.contains(role)) throw invalid("account_role must be read or write, got `" + role + "`.");
        AclAccounts.update(i, all -> all.put(a.with(role, a.description(), AclAccounts.UPDATING, a.passwordSha256(),
                a.passwordFailures())));
        fleet.changed();
        Task task = fleet.submit(i.id(), "UpdateAclAccount", "modifyAclAccountRole", () -> {
            settle(i, accountId, AclAccounts.AVAILABLE, x -> AclAccounts.apply(i, x));
            return "";
        });
        BackgroundTaskBook.details(fleet, task, Json.object().put("account_name", a.name()));
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.put("job_id", job(task, "modifyAclAccountRole"));
        return out;
    }

    private ObjectNode delete(HuaweiRequest r) {
        Instance i = aclInstance(r, false);
        requireRunning(i);
        String accountId = r.requireString("account_id");
        AclAccounts.Account a = account(i, accountId);
        if (a == null) throw invalid("the default account cannot be deleted.");
        AclAccounts.update(i, all -> all.put(a.with(a.role(), a.description(), AclAccounts.DELETING, a.passwordSha256(),
                a.passwordFailures())));
        fleet.changed();
        Task task = fleet.submit(i.id(), "DeleteAclAccount", "deleteAclAccount", () -> {
            try {
                AclAccounts.delete(i, a.name());
            } catch (IOException e) {
                AclAccounts.update(i, all -> all.byId(accountId).map(x -> all.put(x.with(x.role(), x.description(),
                        "DELETEFAILED", x.passwordSha256(), x.passwordFailures()))).orElse(all));
                fleet.changed();
                throw e;
            }
            AclAccounts.update(i, all -> all.remove(accountId));
            fleet.changed();
            return "";
        });
        BackgroundTaskBook.details(fleet, task, Json.object().put("account_name", a.name()));
        return object();
    }

    private ObjectNode remark(HuaweiRequest r) {
        Instance i = aclInstance(r, false);
        String accountId = r.requireString("account_id");
        if (AclAccounts.defaultId(i).equals(accountId)) throw invalid("the default account has no remark.");
        AclAccounts.Account a = AclAccounts.of(i).byId(accountId)
                .orElseThrow(() -> invalid("no account " + accountId + " on instance " + i.id() + "."));
        String description = r.string("description", "");
        if (description.length() > 1024) throw invalid("description is longer than 1024 characters.");
        AclAccounts.update(i, all -> all.put(a.with(a.role(), description, a.status(), a.passwordSha256(), a.passwordFailures())));
        fleet.changed();
        return null;
    }

    /**
     * The seed's ACL password rule: 8-64 characters, at least three of lower-case, upper-case, digits and special
     * characters, no colon, and not the account name forwards or backwards.
     */
    static void checkAclPassword(String name, String password) {
        String rule = "the password must be 8-64 characters with at least three of lower-case letters, upper-case "
                + "letters, digits and special characters, without a colon (:) and not the account name or its reverse.";
        if (password == null || password.length() < 8 || password.length() > 64 || password.contains(":")
                || password.equals(name) || password.equals(new StringBuilder(name).reverse().toString())) {
            throw invalid(rule);
        }
        int lower = 0;
        int upper = 0;
        int digit = 0;
        int special = 0;
        for (char c : password.toCharArray()) {
            if (c >= 'a' && c <= 'z') lower = 1;
            else if (c >= 'A' && c <= 'Z') upper = 1;
            else if (c >= '0' && c <= '9') digit = 1;
            else if (c > ' ' && c < 127) special = 1;
            else throw invalid(rule);
        }
        if (lower + upper + digit + special < 3) throw invalid(rule);
    }
}
