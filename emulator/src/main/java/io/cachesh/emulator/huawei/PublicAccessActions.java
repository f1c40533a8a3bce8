package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;

/**
 * Public access and client-IP pass-through (v2 5.2.11, 5.2.13, 5.2.14), asynchronous ({@code job_id}, done after the
 * task delay). Every emulator instance is Redis 4.0+, so public access goes through an ELB ({@code elb_id} required;
 * the Redis 3.0 {@code publicip_id}/{@code enable_ssl} form is refused with {@code DCS.4063}). The emulator listens on
 * 127.0.0.1 only, so the "public" address is that same loopback address: the state is what ShowInstance would report
 * ({@code enable_publicip}, {@code publicip_id}, {@code publicip_address}, {@code transparent_client_ip_enable}), kept
 * under {@link #KEY}. Client-IP pass-through needs no change on a single redis-server: {@code CLIENT LIST} already
 * shows the clients' own addresses.
 */
final class PublicAccessActions extends HuaweiActionGroup {

    static final String KEY = "huawei.access";

    /** What ShowInstance reports about access. */
    record Access(boolean publicIp, String elbId, String publicIpId, String publicIpAddress, boolean transparentClientIp,
                  Long transparentJob) {
        static Access initial() {
            return new Access(false, null, null, null, false, null);
        }
    }

    PublicAccessActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("UpdatePublicIp", this::enable);
        actions.v2("DeletePublicIp", this::disable);
        actions.v2("UpdateClientIpTransparentTransmission", this::transparent);
    }

    static Access of(Instance i) {
        return i.extensions().get(KEY, Access.class, Access::initial);
    }

    private ObjectNode enable(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String elb = r.string("elb_id");
        if (elb == null || elb.isBlank()) {
            throw new HuaweiException("DCS.4063", "111400063", 400, "Invalid elb_id parameter in the request: Redis "
                    + i.version() + " instances open public access through an ELB (publicip_id and enable_ssl are for "
                    + "Redis 3.0).");
        }
        if (Boolean.TRUE.equals(r.bool("enable_ssl"))) {
            throw new HuaweiException("DCS.4063", "111400063", 400, "Invalid enable_ssl parameter in the request: only "
                    + "Redis 3.0 instances take enable_ssl here.");
        }
        requireRunning(i);
        String publicIpId = r.string("publicip_id");
        Task task = fleet.submit(i.id(), "EnablePublicIp", "EnablePublicIp", () -> {
            i.extensions().update(KEY, Access.class, Access::initial, a -> new Access(true, elb,
                    publicIpId == null || publicIpId.isBlank() ? HuaweiNodes.uuid(i.id() + "/eip/" + elb) : publicIpId,
                    HuaweiNodes.HOST, a.transparentClientIp(), a.transparentJob()));
            fleet.changed();
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "enablePublicIp"));
        return out;
    }

    private ObjectNode disable(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        if (!of(i).publicIp()) {
            throw new HuaweiException("DCS.4063", "111400063", 400, "Invalid instance_id parameter in the request: public "
                    + "access is not enabled on " + i.id() + ".");
        }
        requireRunning(i);
        Task task = fleet.submit(i.id(), "DisablePublicIp", "DisablePublicIp", () -> {
            i.extensions().update(KEY, Access.class, Access::initial,
                    a -> new Access(false, null, null, null, a.transparentClientIp(), a.transparentJob()));
            fleet.changed();
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "disablePublicIp"));
        return out;
    }

    private ObjectNode transparent(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        Boolean enable = r.bool("transparent_client_ip_enable");
        if (enable == null) {
            throw new HuaweiException("DCS.4800", "111400800", 400, "Invalid transparent_client_ip_enable in the request: "
                    + "it is required (true or false).");
        }
        requireRunning(i);
        Access a = of(i);
        if (a.transparentJob() != null && fleet.task(a.transparentJob()).map(t -> t.status() == TaskStatus.PREPARING
                || t.status() == TaskStatus.RUNNING).orElse(false)) {
            throw new HuaweiException("DCS.4300", "111400300", 400, "Client IP transparent transmission is being processed, "
                    + "please do not submit it repeatedly.");
        }
        if (enable && a.transparentClientIp()) {
            throw new HuaweiException("DCS.4847", "111400847", 400, "Client ip transparent transmission is already opened,"
                    + "please do not repeat the operation.");
        }
        if (!enable && !a.transparentClientIp()) {
            throw new HuaweiException("DCS.4846", "111400846", 400, "Client ip transparent transmission is already closed,"
                    + "please do not repeat the operation.");
        }
        Task task = fleet.submit(i.id(), "ClientIpTransparentTransmission", "ClientIpTransparentTransmission", () -> {
            i.extensions().update(KEY, Access.class, Access::initial, x -> new Access(x.publicIp(), x.elbId(),
                    x.publicIpId(), x.publicIpAddress(), enable, x.transparentJob()));
            fleet.changed();
            return "";
        });
        i.extensions().update(KEY, Access.class, Access::initial, x -> new Access(x.publicIp(), x.elbId(), x.publicIpId(),
                x.publicIpAddress(), x.transparentClientIp(), task.id()));
        fleet.changed();
        ObjectNode out = object();
        out.put("job_id", job(task, "clientIpTransparentTransmission"));
        return out;
    }
}
