package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import java.util.Map;

/** Passwords (requirepass on the real server) and flushing data. */
final class PasswordAndDataActions extends TencentActionGroup {

    PasswordAndDataActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("ClearInstance", this::clearInstance);
        actions.put("ResetPassword", this::resetPassword);
        actions.put("ModifyInstancePassword", this::modifyInstancePassword);
        actions.put("ModfiyInstancePassword", this::modifyInstancePassword); // sic: the official (misspelled) action
    }

    private ObjectNode modifyInstancePassword(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String old = p.string("OldPassword");
        if (old == null) throw TencentException.missing("OldPassword");
        if (!i.password().matches(old)) {
            throw new TencentException("InvalidParameterValue.PasswordError", "密码校验出错，密码错误: OldPassword does not match.");
        }
        Secret next = Secret.of(checkPassword(p.string("Password")));
        requireRunning(i);
        return taskResult(fleet.submit(i.id(), "007", "重置密码", () -> {
            RedisProcess process = i.dataPlane();
            if (process != null) process.setPassword(next);
            i.password(next, false);
            return "";
        }));
    }

    private ObjectNode clearInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String password = p.string("Password");
        if (!i.noAuth()) {
            if (password == null || password.isEmpty()) {
                throw new TencentException("InvalidParameterValue.PasswordEmpty", "密码为空: Password is required to clear a password-protected instance.");
            }
            if (!i.password().matches(password)) {
                throw new TencentException("InvalidParameterValue.PasswordError", "密码校验出错，密码错误: the password does not match.");
            }
        }
        requireRunning(i);
        return taskResult(fleet.submit(i.id(), "004", "清空实例", () -> {
            RedisProcess process = i.dataPlane();
            if (process != null) process.flushAll();
            return "";
        }));
    }

    private ObjectNode resetPassword(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        boolean noAuth = Boolean.TRUE.equals(p.bool("NoAuth"));
        Secret next;
        if (noAuth) {
            if (i.vpcId().isEmpty()) {
                throw new TencentException("InvalidParameterValue.BaseNetWorkAccessDeny",
                        "不是vpc网络下实例: password-free access needs a VPC instance.");
            }
            next = Secret.of("");
        } else {
            next = Secret.of(checkPassword(p.string("Password")));
        }
        requireRunning(i);
        return taskResult(fleet.submit(i.id(), "007", "重置密码", () -> {
            RedisProcess process = i.dataPlane();
            if (process != null) process.setPassword(next);
            i.password(next, noAuth);
            return "";
        }));
    }
}
