package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * SSL encryption: a state machine per instance ({@link SslState} under {@link #KEY}). OpenSSL / CloseSSL set
 * {@code SSLConfig} at once with {@code Status} 1 (配置中) and an async task that ends in {@code Status} 2 (配置成功).
 * Emulated: the redis-server keeps serving plain RESP (it has no certificate to serve TLS with); the certificate URL is
 * shaped like the seed's example.
 */
final class SslActions extends TencentActionGroup {

    static final String KEY = "ssl";

    /** SSL is a proxy feature of Redis 4.0 and later; Redis 2.8 and CKV types have none. */
    private static final Set<Integer> NO_SSL = Set.of(2, 3, 4, 5);

    /**
     * @param enabled        SSLConfig
     * @param status         1 configuring, 2 configured
     * @param certIssuedMilli when the certificate link was issued (epoch millis; 0 = never)
     */
    public record SslState(boolean enabled, int status, long certIssuedMilli) {
    }

    SslActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("OpenSSL", (r, p) -> toggle(r, p, true));
        actions.put("CloseSSL", (r, p) -> toggle(r, p, false));
        actions.put("DescribeSSLStatus", this::describeSslStatus);
    }

    /** The instance's SSL state (off and configured for a new instance). */
    public static SslState state(Instance i) {
        return i.extensions().get(KEY, SslState.class, () -> new SslState(false, 2, 0));
    }

    private ObjectNode toggle(TencentRequest r, Params p, boolean open) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (NO_SSL.contains(i.typeId())) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: type " + i.typeId()
                    + " (Redis 2.8 / CKV) has no SSL; it needs Redis 4.0 or later.");
        }
        SslState s = state(i);
        if (i.status() != InstanceStatus.RUNNING || s.status() == 1) {
            throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + i.id()
                    + " has status " + i.status().code() + (s.status() == 1 ? " and its SSL is being configured" : "") + ".");
        }
        if (s.enabled() == open) {
            throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: SSL of " + i.id()
                    + " is already " + (open ? "on" : "off") + ".");
        }
        long issued = open ? fleet.clock().millis() : s.certIssuedMilli();
        i.extensions().put(KEY, new SslState(open, 1, issued));
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "062", open ? "开启SSL" : "关闭SSL", () -> {
            try {
                SslState now = state(i);
                i.extensions().put(KEY, new SslState(now.enabled(), 2, now.certIssuedMilli()));
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        return taskResult(task);
    }

    private ObjectNode describeSslStatus(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        boolean supported = !NO_SSL.contains(i.typeId());
        SslState s = state(i);
        ObjectNode out = object();
        if (supported) {
            out.put("CertDownloadUrl", "https://tencentdb-user-crt-" + APPID + ".cos." + i.region()
                    + ".myqcloud.com/TencentDB-SSL-CA.zip");
            // The seed's link is valid for 20 years from issue; before any OpenSSL, from the instance's creation.
            Instant issued = s.certIssuedMilli() > 0 ? Instant.ofEpochMilli(s.certIssuedMilli()) : i.createTime();
            out.put("UrlExpiredTime", time(issued.atOffset(ZoneOffset.UTC).plusYears(20).toInstant()));
        } else {
            out.put("CertDownloadUrl", "");
            out.put("UrlExpiredTime", "");
        }
        out.put("SSLConfig", supported && s.enabled());
        out.put("FeatureSupport", supported);
        out.put("Status", s.status());
        return out;
    }
}
