package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;

/**
 * Instance passwords: v2 UpdatePassword and ResetPassword, v1 UpdatePassword (its new-password member is the seed's
 * {@code new_passwor}). The change is {@code CONFIG SET requirepass} on the real redis-server, at once.
 */
final class PasswordActions extends HuaweiActionGroup {

    /** Wrong old passwords in a row before UpdatePassword answers {@code locked}. */
    static final int MAX_FAILURES = 5;

    PasswordActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("UpdatePassword", r -> update(r, "new_password", 64));
        actions.v2("ResetPassword", this::reset);
        actions.v1("UpdatePassword", r -> update(r, "new_passwor", 32));
    }

    /**
     * 200 in every case the request is well-formed, {@code result} saying what happened (seed: success,
     * passwordFailed, locked, failed); a wrong old password counts down {@code retry_times_left}.
     */
    private ObjectNode update(HuaweiRequest r, String newMember, int maxLength) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        if (i.noAuth()) {
            throw new HuaweiException("DCS.4850", "111400850", 400, "This operation is not supported when Password-Free "
                    + "Access is enabled for the instance: use ResetPassword.");
        }
        String oldPassword = r.requireString("old_password");
        String newPassword = r.requireString(newMember);
        HuaweiState s = state(i);
        ObjectNode out = object();
        if (!i.password().matches(oldPassword)) {
            int failures = s.passwordFailures() + 1;
            boolean locked = failures >= MAX_FAILURES;
            s.passwordFailures(locked ? 0 : failures).save(i);
            fleet.changed();
            out.put("result", locked ? "locked" : "passwordFailed");
            out.put("message", locked ? "Too many wrong passwords: the instance password is locked for 5 minutes."
                    : "Verify DCSInstance password failed.");
            out.put("retry_times_left", Integer.toString(locked ? 0 : MAX_FAILURES - failures));
            out.put("lock_time", locked ? "5" : "0");
            out.put("lock_time_left", locked ? "5" : "0");
            return out;
        }
        checkPassword(newPassword, maxLength);
        if (newPassword.equals(oldPassword)) throw HuaweiException.weakPassword("the new password must differ from the old one.");
        apply(i, Secret.of(newPassword), false);
        s.passwordFailures(0).save(i);
        fleet.changed();
        out.put("result", "success");
        out.put("message", "Modify DCSInstance password success.");
        out.put("retry_times_left", Integer.toString(MAX_FAILURES));
        out.put("lock_time", "0");
        out.put("lock_time_left", "0");
        return out;
    }

    private ObjectNode reset(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        boolean noPassword = Boolean.TRUE.equals(r.bool("no_password_access"));
        String newPassword = r.string("new_password");
        if (noPassword) {
            if (newPassword != null && !newPassword.isEmpty()) {
                throw new HuaweiException("DCS.4849", "111400849", 400, "The request parameter new_password should not "
                        + "exist when no_password_access is true.");
            }
            apply(i, Secret.of(""), true);
        } else {
            if (newPassword == null || newPassword.isEmpty()) {
                throw new HuaweiException("DCS.4845", "111400845", 400, "The password parameter is missing or its value "
                        + "is invalid: new_password is required unless no_password_access is true.");
            }
            apply(i, Secret.of(checkPassword(newPassword, 64)), false);
        }
        state(i).passwordFailures(0).save(i);
        fleet.changed();
        ObjectNode out = object();
        out.put("retry_times_left", Integer.toString(MAX_FAILURES));
        out.put("lock_time", "0");
        out.put("lock_time_left", "0");
        return out;
    }

    private static void apply(Instance i, Secret password, boolean noAuth) {
        if (i.dataPlane() != null) {
            try {
                i.dataPlane().setPassword(password);
            } catch (IOException e) {
                throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + e.getMessage());
            }
        }
        i.password(password, noAuth);
    }
}
