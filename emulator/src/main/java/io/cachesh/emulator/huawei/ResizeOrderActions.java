package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * The yearly/monthly resize order (v2 5.1.9 CreateResizeOrder) and the can-it-be-scaled-up check (5.2.17
 * ListInstanceOperations). The order is paid at once (the emulator has no billing centre): the instance is EXTENDING
 * for the task delay and then has the new flavor, with {@code maxmemory} of the real redis-server set to it, as
 * ResizeInstance does. The seed's resize rules: only RUNNING instances ({@code DCS.4026}; {@code DCS.4108} while a
 * scale-up runs), the cache mode and CPU type stay ({@code DCS.4200}), single-node and master/standby resize to 0.125,
 * 0.25, 0.5, 1, 2, 4, 8, 16, 32 or 64 GB (no 24/48, {@code DCS.4012}), the capacity must match the spec code.
 */
final class ResizeOrderActions extends HuaweiActionGroup {

    /** Capacities single-node and master/standby instances resize to (5.1.7: no 24 and 48 GB). */
    static final Set<BigDecimal> SMALL_RESIZE = Set.of(new BigDecimal("0.125"), new BigDecimal("0.25"),
            new BigDecimal("0.5"), BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("8"),
            new BigDecimal("16"), new BigDecimal("32"), new BigDecimal("64"));

    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyMMddHHmm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    ResizeOrderActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("CreateResizeOrder", this::resizeOrder);
        actions.v2("ListInstanceOperations", this::operations);
    }

    private static HuaweiException invalid(String member, String detail) {
        return new HuaweiException("111400063", "111400063", 400, "Invalid " + member + " parameter in the request: " + detail);
    }

    private ObjectNode resizeOrder(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        HuaweiState s = state(i);
        if (s.chargingMode() != 1) {
            throw invalid("instance_id", i.id() + " is billed pay-per-use; resize it with ResizeInstance (orders are for "
                    + "yearly/monthly instances).");
        }
        if (i.status() == InstanceStatus.PROCESSING && "EXTENDING".equals(s.busyStatus())) {
            throw new HuaweiException("DCS.4108", "111400108", 400, "The Instance exists for processing scale up order. "
                    + "Please try again later.");
        }
        requireRunning(i);
        String specCode = r.string("spec_code");
        if (specCode == null || specCode.isBlank()) throw invalid("spec_code", "it is required.");
        HuaweiFlavors.Flavor flavor = flavors.bySpecCode(specCode)
                .orElseThrow(() -> new HuaweiException("DCS.4927", "111400927", 400, "The param spec_code is invalid: `"
                        + specCode + "` is not a flavor of this emulator (see ListFlavors)."));
        Double requested = r.number("new_capacity");
        if (requested == null) throw invalid("new_capacity", "it is required.");
        BigDecimal capacity = new BigDecimal(Double.toString(requested)).stripTrailingZeros();
        if (!flavor.cacheMode().equals(s.cacheMode()) || !flavor.cpuType().equals(s.cpuType())) {
            throw new HuaweiException("DCS.4200", "111400200", 400, "Instance type cannot be changed: " + i.id() + " is "
                    + s.cacheMode() + "/" + s.cpuType() + ", " + specCode + " is " + flavor.cacheMode() + "/"
                    + flavor.cpuType() + ".");
        }
        if (flavor.capacityGb().compareTo(capacity) != 0) {
            throw new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the request: new_capacity "
                    + capacity.toPlainString() + " GB does not match " + specCode + " (" + flavor.capacityText() + " GB).");
        }
        if (!"cluster".equals(flavor.cacheMode()) && SMALL_RESIZE.stream().noneMatch(c -> c.compareTo(capacity) == 0)) {
            throw new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the request: "
                    + flavor.cacheMode() + " instances resize to 0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32 or 64 GB, not "
                    + capacity.toPlainString() + ".");
        }
        if (flavor.specCode().equals(s.specCode())) {
            throw new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the request: " + i.id()
                    + " already is " + specCode + ".");
        }
        String password = r.string("password");
        if (password != null && !password.isEmpty() && !i.noAuth() && !password.equals(i.password().reveal())) {
            throw new HuaweiException("DCS.4080", "111400080", 400, "Instance password verify failed.");
        }
        String orderId = orderId();
        busyTask(i, "EXTENDING", "ResizeInstance", () -> {
            i.resize(flavor.capacityMb(), 1, flavor.replicaCount());
            state(i).flavor(flavor.specCode(), flavor.capacityText()).save(i);
            if (i.dataPlane() != null) {
                try {
                    i.dataPlane().setMaxmemory(flavor.capacityMb() * 1024L * 1024L);
                } catch (IOException e) {
                    throw new IllegalStateException("CONFIG SET maxmemory failed: " + e.getMessage(), e);
                }
            }
            return "";
        });
        ObjectNode out = object();
        out.put("order_id", orderId);
        return out;
    }

    /** {@code CS} + yyMMddHHmm + 5 upper-case letters and digits, as the seed's {@code CS2306141625TRHE4}. */
    private String orderId() {
        StringBuilder id = new StringBuilder("CS").append(ORDER_TIME.format(ctx.clock().instant()));
        for (int k = 0; k < 5; k++) id.append(ALNUM.charAt(ctx.random().nextInt(ALNUM.length())));
        return id.toString();
    }

    /** 5.2.17: {@code operation=extend} only; supported when RUNNING and a larger flavor of the same kind exists. */
    private ObjectNode operations(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String operation = r.string("operation");
        if (!"extend".equals(operation)) throw invalid("operation", "`" + operation + "` (the only operation is extend).");
        HuaweiState s = state(i);
        String cause = null;
        if (i.status() != InstanceStatus.RUNNING) {
            cause = "DCS.4026";
        } else {
            BigDecimal now = new BigDecimal(s.capacity());
            boolean larger = flavors.all().stream().anyMatch(f -> f.cacheMode().equals(s.cacheMode())
                    && f.cpuType().equals(s.cpuType()) && f.capacityGb().compareTo(now) > 0
                    && ("cluster".equals(f.cacheMode()) || SMALL_RESIZE.contains(f.capacityGb().stripTrailingZeros())
                    || SMALL_RESIZE.stream().anyMatch(c -> c.compareTo(f.capacityGb()) == 0)));
            if (!larger) cause = "DCS.4012";
        }
        ObjectNode out = object();
        out.put("instance_id", i.id());
        ObjectNode op = out.putArray("operations").addObject();
        op.put("operation", "extend");
        op.put("is_support", cause == null);
        if (cause == null) op.putNull("cause_id");
        else op.put("cause_id", cause);
        return out;
    }
}
