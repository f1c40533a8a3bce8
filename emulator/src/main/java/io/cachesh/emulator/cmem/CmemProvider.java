package io.cachesh.emulator.cmem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.MemcachedProcess;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.tencent.Params;
import io.cachesh.emulator.tencentlegacy.V2Exception;
import io.cachesh.emulator.tencentlegacy.V2Request;
import io.cachesh.emulator.tencentlegacy.V2Service;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Tencent CMEM (云缓存 Memcached, legacy API v2): DescribeCmem and ClearCmem over Memcached instances of the fleet
 * (engine {@code memcached}, id {@code cmem-xxxxxxxx}, a numeric {@code cmemId}), each backed by a real
 * {@code memcached}. The seed has no create API, so instances are created on the control plane:
 * {@link #create(Spec)} in Java, {@code POST /_emulator/cmem/instances} over HTTP ({@link CmemControlHandler}).
 *
 * <p>CMEM regions are the seed's three: Guangzhou ({@code gz}, {@code ap-guangzhou}), Shanghai ({@code sh},
 * {@code ap-shanghai}) and North America ({@code na}, {@code na-siliconvalley}, {@code na-toronto},
 * {@code na-ashburn}); instances are kept under the short name, so the Redis APIs never see them. ClearCmem runs
 * {@code flush_all} and allows 5 clears per instance per day (Beijing time); the sixth answers 5100 (资源操作失败).
 */
public final class CmemProvider implements V2Service {

    /** The seed's ClearCmem limit: each instance may be cleared at most 5 times a day. */
    public static final int CLEARS_PER_DAY = 5;
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final String CMEM_ID = "cmem.id";
    private static final String EXPIRE = "cmem.expire";
    private static final String CLEARS = "cmem.clears";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** What {@link #create(Spec)} makes; null members take the defaults. */
    public record Spec(String name, Long memSizeMb, String region, Long projectId, String vpcId, String subnetId,
                       Integer expire, Integer autoRenew) {

        public static Spec named(String name) {
            return new Spec(name, null, null, null, null, null, null, null);
        }
    }

    /** Clears counted for one Beijing day. */
    public record ClearCount(String day, int count) {
    }

    private final ApiModel model;
    private final Fleet fleet;
    private final SecureRandom random = new SecureRandom();
    private final Object createLock = new Object();

    public CmemProvider(ApiModel model, Fleet fleet) {
        this.model = Objects.requireNonNull(model, "model == null");
        this.fleet = Objects.requireNonNull(fleet, "fleet == null");
    }

    @Override
    public String name() {
        return "tencent-cmem";
    }

    @Override
    public ApiModel model() {
        return model;
    }

    @Override
    public boolean hasCodeDesc() {
        return false;
    }

    @Override
    public boolean stringCode(String action) {
        return false;
    }

    @Override
    public V2Exception validationError(String action, Violation violation) {
        return V2Exception.invalid(violation.message());
    }

    /** The CMEM region ({@code gz}, {@code sh}, {@code na}) of a Region parameter; absent is Guangzhou. */
    public static String region(String region) {
        if (region == null || region.isBlank()) return "gz";
        return switch (region.trim().toLowerCase(Locale.ROOT)) {
            case "gz", "ap-guangzhou" -> "gz";
            case "sh", "ap-shanghai" -> "sh";
            case "na", "na-siliconvalley", "na-toronto", "na-ashburn", "usw", "ca" -> "na";
            default -> throw V2Exception.invalid("Region `" + region + "`: CMEM is callable in Guangzhou (gz), Shanghai (sh) "
                    + "and North America (na) only.");
        };
    }

    // ---- control plane ----------------------------------------------------------------------------------------------

    /**
     * Creates a running CMEM instance (the seed has no create API): a fleet instance with engine {@code memcached}
     * and a real memcached when one is installed. Names are unique per region (ClearCmem addresses by name).
     *
     * @throws IllegalArgumentException for a bad or taken name, size or region
     */
    public Instance create(Spec spec) {
        String name = spec.name() == null ? "" : spec.name().trim();
        if (name.isEmpty() || name.length() > 60) throw new IllegalArgumentException("name must be 1-60 characters");
        long mem = spec.memSizeMb() == null ? 64 : spec.memSizeMb();
        if (mem < 1 || mem > 65_536) throw new IllegalArgumentException("memSizeMb must be 1-65536, got " + mem);
        String region;
        try {
            region = region(spec.region());
        } catch (V2Exception e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Instance instance;
        synchronized (createLock) {
            if (find(region, name).isPresent()) throw new IllegalArgumentException("a CMEM instance named `" + name + "` exists in " + region);
            String id;
            do {
                StringBuilder b = new StringBuilder("cmem-");
                for (int k = 0; k < 8; k++) b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                id = b.toString();
            } while (fleet.contains(id));
            long cmemId;
            do {
                cmemId = 104_000_000L + random.nextInt(1_000_000);
            } while (byCmemId(cmemId).isPresent());
            instance = Instance.builder().id(id).engine(Fleet.MEMCACHED).region(region).name(name).version("1.6")
                    .memSizeMb(mem).status(InstanceStatus.PROCESSING).createTime(fleet.clock().instant())
                    .projectId(spec.projectId() == null ? 0 : spec.projectId()).vpcId(spec.vpcId()).subnetId(spec.subnetId())
                    .autoRenew(spec.autoRenew() == null ? 0 : spec.autoRenew()).vport(9101).build();
            instance.extensions().put(CMEM_ID, cmemId);
            instance.extensions().put(EXPIRE, spec.expire() == null ? 0 : spec.expire());
            fleet.add(instance);
        }
        try {
            fleet.startDataPlane(instance);
        } catch (IOException e) {
            fleet.remove(instance.id());
            throw new IllegalStateException("memcached for " + instance.id() + " failed to start: " + e.getMessage(), e);
        }
        instance.transition(InstanceStatus.RUNNING);
        fleet.changed();
        return instance;
    }

    /** Every CMEM instance, oldest first. */
    public List<Instance> instances() {
        return fleet.instances().stream().filter(CmemProvider::isCmem).toList();
    }

    /** Removes a CMEM instance (by id {@code cmem-...}, cmemId or name); false when there is none. */
    public boolean delete(String idOrName) {
        Optional<Instance> i = instances().stream().filter(x -> x.id().equals(idOrName) || x.name().equals(idOrName)
                || Long.toString(cmemId(x)).equals(idOrName)).findFirst();
        i.ifPresent(x -> fleet.remove(x.id()));
        return i.isPresent();
    }

    /** The numeric {@code cmemId} of a CMEM instance. */
    public static long cmemId(Instance i) {
        Number n = i.extensions().get(CMEM_ID, Long.class, () -> 0L);
        return n.longValue();
    }

    /** The running memcached of an instance, null without a data plane. */
    public MemcachedProcess memcached(Instance i) {
        return fleet.memcached(i);
    }

    /** The control-plane view of an instance (what the control endpoint answers). */
    public ObjectNode describe(Instance i) {
        ObjectNode n = Json.object();
        n.put("instanceId", i.id());
        n.put("cmemId", cmemId(i));
        n.put("cmemName", i.name());
        n.put("region", i.region());
        n.put("memSizeMb", i.capacityMb());
        n.put("status", i.status() == InstanceStatus.RUNNING ? 1 : 0);
        n.put("wanIp", MemcachedProcess.HOST);
        n.put("port", i.dataPort());
        n.put("dataPlane", fleet.memcached(i) != null);
        return n;
    }

    static boolean isCmem(Instance i) {
        return Fleet.MEMCACHED.equals(i.engine()) && i.id().startsWith("cmem-");
    }

    private Optional<Instance> find(String region, String name) {
        return instances().stream().filter(i -> i.region().equals(region) && i.name().equals(name)).findFirst();
    }

    private Optional<Instance> byCmemId(long cmemId) {
        return instances().stream().filter(i -> cmemId(i) == cmemId).findFirst();
    }

    // ---- actions ----------------------------------------------------------------------------------------------------

    @Override
    public ObjectNode handle(V2Request request) {
        Params p = request.params();
        return switch (request.action()) {
            case "DescribeCmem" -> describeCmem(request, p);
            case "ClearCmem" -> clearCmem(request, p);
            default -> throw V2Exception.common(6100, null, "the emulator does not serve " + request.action() + ".");
        };
    }

    private ObjectNode describeCmem(V2Request r, Params p) {
        String region = region(r.region());
        long limit = p.integer("limit", 20);
        long offset = p.integer("offset", 0);
        long vpcId = p.integer("vpcId", -1);
        long subnetId = p.integer("subnetId", -1);
        List<Instance> matches = new ArrayList<>();
        for (Instance i : instances()) {
            if (!i.region().equals(region)) continue;
            if (vpcId == 0 && !i.vpcId().isEmpty() && !i.vpcId().equals("0")) continue;
            if (vpcId > 0 && !i.vpcId().equals(Long.toString(vpcId))) continue;
            if (subnetId >= 0 && !(subnetId == 0 ? i.subnetId().isEmpty() || i.subnetId().equals("0") : i.subnetId().equals(Long.toString(subnetId)))) continue;
            matches.add(i);
        }
        ObjectNode out = Json.object();
        out.put("totalCount", matches.size());
        ArrayNode data = out.putArray("data");
        matches.stream().skip(offset).limit(limit).forEach(i -> {
            ObjectNode n = data.addObject();
            n.put("cmemId", cmemId(i));
            n.put("cmemName", i.name());
            n.put("expire", i.extensions().get(EXPIRE, Integer.class, () -> 0));
            n.put("status", i.status() == InstanceStatus.RUNNING ? 1 : 0);
            n.put("autoRenew", i.autoRenew() == 1 ? 1 : 0);
            n.put("wanIp", MemcachedProcess.HOST);
            n.put("port", i.dataPort());
            n.put("projectId", i.projectId());
        });
        return out;
    }

    private ObjectNode clearCmem(V2Request r, Params p) {
        String region = region(r.region());
        String name = p.string("cmemName", "");
        if (name.isBlank()) throw V2Exception.invalid("cmemName is empty.");
        Instance i = find(region, name).orElseThrow(() -> V2Exception.common(5000, null,
                "no CMEM instance named `" + name + "` in region " + region + "."));
        if (i.status() != InstanceStatus.RUNNING) {
            throw V2Exception.common(5100, null, "(status) " + i.id() + " is not operable (status is not 1).");
        }
        String today = LocalDate.ofInstant(fleet.clock().instant(), BEIJING).toString();
        synchronized (i) {
            ClearCount count = i.extensions().get(CLEARS, ClearCount.class, () -> new ClearCount(today, 0));
            int used = today.equals(count.day()) ? count.count() : 0;
            if (used >= CLEARS_PER_DAY) {
                throw V2Exception.common(5100, null, "单个实例每天清空次数限制为" + CLEARS_PER_DAY + "次: `" + name + "` was cleared "
                        + used + " times today (" + today + ", Beijing time); retry tomorrow.");
            }
            MemcachedProcess process = fleet.memcached(i);
            if (process != null) {
                try {
                    process.flushAll();
                } catch (IOException e) {
                    throw V2Exception.common(5100, null, "flush_all on " + i.id() + " failed: " + e.getMessage());
                }
            }
            i.extensions().put(CLEARS, new ClearCount(today, used + 1));
        }
        fleet.changed();
        return Json.object();
    }

    /** Clears left today for an instance (for tests and the control plane). */
    public int clearsLeftToday(Instance i) {
        String today = LocalDate.ofInstant(fleet.clock().instant(), BEIJING).toString();
        ClearCount count = i.extensions().get(CLEARS, ClearCount.class, () -> new ClearCount(today, 0));
        return CLEARS_PER_DAY - (today.equals(count.day()) ? count.count() : 0);
    }

    /** Control-plane input as a map (for {@link CmemControlHandler}). */
    static Spec spec(Map<String, Object> body) {
        return new Spec((String) body.get("name"), asLong(body.get("memSizeMb")), (String) body.get("region"),
                asLong(body.get("projectId")), asText(body.get("vpcId")), asText(body.get("subnetId")),
                asInt(body.get("expire")), asInt(body.get("autoRenew")));
    }

    private static Long asLong(Object o) {
        if (o == null) return null;
        if (o instanceof Number n) return n.longValue();
        return Long.parseLong(o.toString().trim());
    }

    private static Integer asInt(Object o) {
        Long l = asLong(o);
        return l == null ? null : l.intValue();
    }

    private static String asText(Object o) {
        return o == null ? null : o.toString();
    }
}
