package io.cachesh.emulator.tencentlegacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;
import io.cachesh.emulator.protocol.Json;
import io.cachesh.emulator.tencent.Params;
import io.cachesh.emulator.tencent.ProductCatalog;
import io.cachesh.emulator.tencent.TencentActionGroup;
import io.cachesh.emulator.tencent.TencentContext;
import io.cachesh.emulator.tencent.TencentException;
import io.cachesh.emulator.tencent.TencentRedisProvider;
import io.cachesh.emulator.tencent.TencentRequest;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The 22 actions of Tencent's legacy Redis API (v2, "云数据库 Redis API 2017") over the SAME fleet as API 3.0: an
 * instance created with CreateRedis is an API 3.0 instance ({@code crs-...}, same redis-server) and vice versa. Every
 * mutation goes through the API 3.0 action of {@link TencentRedisProvider} (CreateInstances, UpgradeInstance,
 * RenewInstance, ModifyInstance, ModifyInstancePassword, ResetPassword, ClearInstance, ManualBackupInstance,
 * RestoreInstance, DescribeBackupUrl), so the lifecycle, tasks and data plane are the API 3.0 code's; this class
 * checks the legacy rules first (8-16 character passwords, 1-36 character names, memSize a multiple of 1024 MB, ...)
 * and translates answers and error codes.
 *
 * <p>Legacy typeId 2 (主从版) is created as API 3.0 type 8 (Redis 5.0 standard), typeId 1 (集群版) as type 9 (Redis
 * 5.0 cluster) with the fewest shards that split memSize into sold shard sizes. Orders (dealId) are the API 3.0
 * context's orders: DescribeRedisDealDetail reports status 3 (发货中) until the instances run, then 4 (发货成功) with
 * their ids. requestId is the fleet's task id: DescribeTaskInfo reports 0, 1, 2 or 3.
 */
public final class TencentRedisLegacyProvider implements V2Service {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    /** Price in fen per GB per month (the seed: 1 GB for 2 months is 16000). */
    private static final long FEN_PER_GB_MONTH = 8000;
    private static final long APPID = 1250000000L;
    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z0-9_-]+");
    private static final String PASSWORD_SYMBOLS = "!@#%^*()";
    /** Actions whose seed example sends {@code "code":"0"} (a string); the others send the number 0. */
    private static final Set<String> STRING_CODE = Set.of("DescribeRedisZones", "InquiryRedisPrice", "CreateRedis",
            "RenewRedis", "UpgradeRedisInquiryPrice", "UpgradeRedis", "SetRedisAutoRenew");
    private static final String EXPORTED = "tencentlegacy.exportedBackups";
    private static final String EXPORT_TASK = "exportBackup";

    /** API 3.0 task type to the legacy taskName (GetRedisTaskList). */
    private static final Map<String, String> TASK_NAMES = Map.ofEntries(
            Map.entry("001", "newInstance"), Map.entry("002", "resizeInstance"), Map.entry("003", "closeInstance"),
            Map.entry("004", "cleanInstance"), Map.entry("005", "startInstance"), Map.entry("006", "deleteInstance"),
            Map.entry("007", "setPassword"), Map.entry("010", "restoreBackup"), Map.entry("012", "backupInstance"),
            Map.entry(EXPORT_TASK, "exportBackup"));

    /** API 3.0 error code to the legacy business hint. */
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("ResourceNotFound.InstanceNotExists", "InstanceNotExists"),
            Map.entry("ResourceUnavailable.InstanceStatusAbnormal", "InstanceStatusAbnormal"),
            Map.entry("ResourceUnavailable.InstanceStatusError", "InstanceStatusAbnormal"),
            Map.entry("ResourceUnavailable.InstanceLockedError", "InstanceLockedError"),
            Map.entry("ResourceInUse.InstanceBeenLocked", "InstanceBeenLocked"),
            Map.entry("ResourceUnavailable.InstanceDeleted", "InstanceDeleted"),
            Map.entry("ResourceUnavailable.InstanceIsolated", "InstanceIsolated"),
            Map.entry("InvalidParameterValue.PasswordEmpty", "PasswordEmpty"),
            Map.entry("InvalidParameterValue.PasswordRuleError", "PasswordRuleError"),
            Map.entry("InvalidParameterValue.PasswordError", "PasswordError"),
            Map.entry("LimitExceeded.InvalidMemSize", "InvalidMemSize"),
            Map.entry("InvalidParameterValue.SpecNotExist", "MemSizeNotInRange"),
            Map.entry("InvalidParameterValue.MemSizeNotInRange", "MemSizeNotInRange"),
            Map.entry("LimitExceeded.MemSizeNotInRange", "MemSizeNotInRange"),
            Map.entry("InvalidParameterValue.ReduceCapacityNotAllowed", "ReduceCapacityNotAllowed"),
            Map.entry("LimitExceeded.InvalidParameterGoodsNumNotInRange", "GoodsNumNotInRange"),
            Map.entry("LimitExceeded.PeriodExceedMaxLimit", "PeriodExceedMaxLimit"),
            Map.entry("LimitExceeded.PeriodLessThanMinLimit", "PeriodLessThanMinLimit"),
            Map.entry("InvalidParameterValue.InvalidInstanceTypeId", "InvalidInstanceTypeId"),
            Map.entry("InvalidParameterValue.InstanceNameRuleError", "InstanceNameRuleError"),
            Map.entry("InvalidParameterValue.BackupNotExists", "BackupNotExists"),
            Map.entry("ResourceUnavailable.BackupStatusAbnormal", "BackupStatusAbnormal"),
            Map.entry("ResourceUnavailable.BackupStatusInvalid", "BackupStatusAbnormal"),
            Map.entry("ResourceUnavailable.BackupLockedError", "BackupLockedError"),
            Map.entry("UnsupportedOperation.IsAutoRenewError", "IsAutoRenewError"),
            Map.entry("InvalidParameterValue.InvalidSubnetId", "InvalidSubnetId"),
            Map.entry("InvalidParameterValue.BaseNetWorkAccessDeny", "InvalidParameter"));

    /** What kind of order a dealId is, for goodsDetail. */
    private record LegacyDeal(String kind, long memSize, long period, long oldMemSize, String curDeadline) {
    }

    private final ApiModel model;
    private final TencentRedisProvider tencent;
    private final TencentContext ctx;
    private final Fleet fleet;
    private final ProductCatalog catalog;
    private final Map<String, String> regionByShortName = new LinkedHashMap<>();
    private final Map<String, LegacyDeal> deals = new ConcurrentHashMap<>();
    private final Map<String, BiFunction<V2Request, Params, ObjectNode>> actions = new LinkedHashMap<>();

    public TencentRedisLegacyProvider(ApiModel model, TencentRedisProvider tencent) {
        this.model = model;
        this.tencent = tencent;
        this.ctx = tencent.context();
        this.fleet = ctx.fleet();
        this.catalog = ctx.catalog();
        for (JsonNode r : catalog.regionSet()) {
            regionByShortName.put(r.path("RegionShortName").asText().toLowerCase(Locale.ROOT), r.path("RegionId").asText());
        }
        actions.put("DescribeRedisZones", this::describeRedisZones);
        actions.put("DescribeRedisProduct", this::describeRedisProduct);
        actions.put("InquiryRedisPrice", this::inquiryRedisPrice);
        actions.put("CreateRedis", this::createRedis);
        actions.put("RenewRedis", this::renewRedis);
        actions.put("UpgradeRedisInquiryPrice", this::upgradeRedisInquiryPrice);
        actions.put("UpgradeRedis", this::upgradeRedis);
        actions.put("DescribeRedisDealDetail", this::describeRedisDealDetail);
        actions.put("DescribeRedis", this::describeRedis);
        actions.put("SetRedisAutoRenew", this::setRedisAutoRenew);
        actions.put("ModifyRedisName", this::modifyRedisName);
        actions.put("ModfiyRedisPassword", this::modfiyRedisPassword); // sic: the official (misspelled) wire name
        actions.put("ResetRedisPassword", this::resetRedisPassword);
        actions.put("ClearRedis", this::clearRedis);
        actions.put("ModifyRedisProject", this::modifyRedisProject);
        actions.put("ManualBackupInstance", this::manualBackupInstance);
        actions.put("GetBackupDownloadUrl", this::getBackupDownloadUrl);
        actions.put("GetRedisBackupList", this::getRedisBackupList);
        actions.put("RestoreInstance", this::restoreInstance);
        actions.put("GetRedisTaskList", this::getRedisTaskList);
        actions.put("ExportRedisBackup", this::exportRedisBackup);
        actions.put("DescribeTaskInfo", this::describeTaskInfo);
    }

    @Override
    public String name() {
        return "tencent-redis-legacy";
    }

    @Override
    public ApiModel model() {
        return model;
    }

    @Override
    public boolean hasCodeDesc() {
        return true;
    }

    @Override
    public boolean stringCode(String action) {
        return STRING_CODE.contains(action);
    }

    /** The actions served (all 22 of the model). */
    public Set<String> actions() {
        return actions.keySet();
    }

    @Override
    public ObjectNode handle(V2Request request) {
        BiFunction<V2Request, Params, ObjectNode> handler = actions.get(request.action());
        if (handler == null) throw V2Exception.common(6100, "UnsupportedOperation", "the emulator does not serve " + request.action() + ".");
        return handler.apply(request, request.params());
    }

    @Override
    public V2Exception validationError(String action, Violation v) {
        String member = v.path().replaceAll("\\..*", "");
        if (v.kind() == Violation.Kind.VALUE) {
            switch (member) {
                case "password" -> {
                    return error("PasswordRuleError", "password must be 8-16 characters with at least two of letters, digits and "
                            + PASSWORD_SYMBOLS + ".");
                }
                case "typeId" -> {
                    if (!action.equals("DescribeRedisProduct")) return error("InvalidInstanceTypeId", v.message());
                }
                case "memSize" -> {
                    return error("MemSizeNotInRange", v.message());
                }
                case "goodsNum" -> {
                    return error("GoodsNumNotInRange", v.message());
                }
                case "period" -> {
                    return error(v.message().contains("-") ? "PeriodLessThanMinLimit" : periodHint(v.message()), v.message());
                }
                case "redisName" -> {
                    return error(v.message().contains("at most") || v.message().contains("longer") ? "InstanceNameExceedMaxLimit"
                            : "InstanceNameRuleError", v.message());
                }
                case "isAutoRenew" -> {
                    return error("IsAutoRenewError", v.message());
                }
                default -> {
                }
            }
            return error("InvalidParameter", v.message());
        }
        return V2Exception.invalid(v.message());
    }

    private static String periodHint(String message) {
        java.util.regex.Matcher m = Pattern.compile("`(-?\\d+)`").matcher(message);
        if (m.find()) {
            long period = Long.parseLong(m.group(1));
            return period > 36 ? "PeriodExceedMaxLimit" : period < 1 ? "PeriodLessThanMinLimit" : "InvalidParameter";
        }
        return "InvalidParameter";
    }

    // ---- regions, zones, products -----------------------------------------------------------------------------------

    /** The API 3.0 region of a legacy Region ({@code gz}, {@code ap-guangzhou}); absent is Guangzhou. */
    String region(String region) {
        if (region == null || region.isBlank()) return "ap-guangzhou";
        String r = region.trim();
        if (catalog.knownRegion(r)) return r;
        String mapped = regionByShortName.get(r.toLowerCase(Locale.ROOT));
        if (mapped != null) return mapped;
        throw V2Exception.invalid("Region `" + region + "` is unknown; use a short name (gz, sh, bj, ...) or a region id (ap-guangzhou).");
    }

    private record ZoneRef(String region, ProductCatalog.Zone zone) {
    }

    private List<ZoneRef> allZones() {
        List<ZoneRef> out = new ArrayList<>();
        for (String region : catalog.regionIds()) {
            for (ProductCatalog.Zone z : catalog.zones(region)) out.add(new ZoneRef(region, z));
        }
        return out;
    }

    private Optional<ZoneRef> zone(long zoneId) {
        return allZones().stream().filter(z -> z.zone().oldZoneId() == zoneId).findFirst();
    }

    private static long maxMemSize(int legacyType) {
        return legacyType == 1 ? 307_200 : 61_440;
    }

    private ObjectNode productType(int type) {
        ObjectNode t = Json.object();
        t.put("type", type);
        t.put("typeName", type == 1 ? "集群版" : "主从版");
        t.put("minMemSize", 1024);
        t.put("maxMemSize", maxMemSize(type));
        t.put("minBuyNum", 1);
        t.put("maxBuyNum", 10);
        return t;
    }

    private ObjectNode describeRedisZones(V2Request r, Params p) {
        ObjectNode out = Json.object();
        ArrayNode zones = out.putObject("data").putArray("zones");
        for (ZoneRef z : allZones()) zones.addObject().put(Integer.toString(z.zone().oldZoneId()), z.zone().name());
        return out;
    }

    private ObjectNode describeRedisProduct(V2Request r, Params p) {
        List<String> zoneIds = p.strings("zoneIds");
        long typeId = p.integer("typeId", 0);
        List<ZoneRef> zones = new ArrayList<>();
        if (zoneIds.isEmpty()) {
            zones.addAll(allZones());
        } else {
            for (String id : zoneIds) {
                long n;
                try {
                    n = Long.parseLong(id.trim());
                } catch (NumberFormatException e) {
                    throw error("InvalidParameter", "zoneIds `" + id + "` is not a numeric zone id.");
                }
                zones.add(zone(n).orElseThrow(() -> error("InvalidParameter", "zone " + id + " does not exist (DescribeRedisZones lists them).")));
            }
        }
        ObjectNode out = Json.object();
        ArrayNode data = out.putArray("data");
        for (ZoneRef z : zones) {
            ObjectNode n = data.addObject();
            n.put("zoneId", z.zone().oldZoneId());
            n.put("name", z.zone().name());
            ObjectNode types = n.putObject("types");
            for (int t : new int[] {1, 2}) {
                if (typeId == 0 || typeId == t) types.set(Integer.toString(t), productType(t));
            }
        }
        return out;
    }

    /** The shared purchase checks of InquiryRedisPrice and CreateRedis; returns the zone. */
    private ZoneRef checkPurchase(V2Request r, Params p) {
        long zoneId = p.requireInteger("zoneId");
        int typeId = (int) p.requireInteger("typeId");
        long memSize = p.requireInteger("memSize");
        long goodsNum = p.requireInteger("goodsNum");
        ZoneRef zone = zone(zoneId).orElseThrow(() -> error("NoRedisService", "zone " + zoneId + " sells no Redis (DescribeRedisZones lists the zones)."));
        if (r.region() != null && !r.region().isBlank() && !region(r.region()).equals(zone.region())) {
            throw error("NoRedisService", "zone " + zoneId + " is not in region " + r.region() + ".");
        }
        if (typeId != 1 && typeId != 2) throw error("InvalidInstanceTypeId", "typeId must be 1 (集群版) or 2 (主从版), got " + typeId + ".");
        if (memSize % 1024 != 0) throw error("InvalidMemSize", "memSize " + memSize + " is not a multiple of 1024.");
        if (memSize < 1024 || memSize > maxMemSize(typeId)) {
            throw error("MemSizeNotInRange", "memSize " + memSize + " is outside [1024, " + maxMemSize(typeId) + "] for typeId " + typeId + ".");
        }
        if (goodsNum < 1 || goodsNum > 10) throw error("GoodsNumNotInRange", "goodsNum " + goodsNum + " is outside [1, 10].");
        return zone;
    }

    private ObjectNode inquiryRedisPrice(V2Request r, Params p) {
        checkPurchase(r, p);
        long price = p.requireInteger("memSize") / 1024 * p.requireInteger("period") * p.requireInteger("goodsNum") * FEN_PER_GB_MONTH;
        ObjectNode out = Json.object();
        out.putObject("data").put("price", price);
        return out;
    }

    // ---- orders -----------------------------------------------------------------------------------------------------

    private ObjectNode createRedis(V2Request r, Params p) {
        ZoneRef zone = checkPurchase(r, p);
        int typeId = (int) p.requireInteger("typeId");
        long memSize = p.requireInteger("memSize");
        long period = p.requireInteger("period");
        String password = checkPassword(p.string("password"));
        String unVpcId = p.string("unVpcId", "");
        String unSubnetId = p.string("unSubnetId", "");
        if (p.has("vpcId") && p.integer("vpcId", 0) != 0 && !p.has("subnetId")) {
            throw error("InvalidSubnetId", "subnetId is required with vpcId.");
        }
        if (!unVpcId.isEmpty() && unSubnetId.isEmpty()) throw error("InvalidSubnetId", "unSubnetId is required with unVpcId.");
        int type3 = typeId == 1 ? 9 : 8;
        ProductCatalog.Spec spec = catalog.spec(type3, 1).orElseThrow();
        int shards = 1;
        long shardSize = memSize;
        if (typeId == 1) {
            Optional<Integer> fit = spec.shardCounts().stream().sorted()
                    .filter(s -> memSize % s == 0 && spec.shardSizesMb().contains(memSize / s)).findFirst();
            if (fit.isEmpty()) {
                throw error("MemSizeNotInRange", "memSize " + memSize + " cannot be split into sold cluster shards (shard sizes "
                        + spec.shardSizesMb() + " MB, shard counts " + spec.shardCounts() + ").");
            }
            shards = fit.get();
            shardSize = memSize / shards;
        }
        ObjectNode in = Json.object();
        in.put("TypeId", type3);
        in.put("MemSize", shardSize);
        in.put("GoodsNum", p.requireInteger("goodsNum"));
        in.put("Period", period);
        in.put("BillingMode", 1);
        in.put("ZoneId", zone.zone().oldZoneId());
        in.put("Password", password);
        in.put("RedisShardNum", shards);
        in.put("RedisReplicasNum", 1);
        if (!unVpcId.isEmpty()) in.put("VpcId", unVpcId);
        if (!unSubnetId.isEmpty()) in.put("SubnetId", unSubnetId);
        if (p.has("projectId")) in.put("ProjectId", p.integer("projectId", 0));
        ObjectNode created = call(r, zone.region(), "CreateInstances", in, Map.of());
        List<String> ids = new ArrayList<>();
        created.path("InstanceIds").forEach(id -> ids.add(id.asText()));
        String dealId = ctx.deal(ids, zone.zone().oldZoneId(), null);
        deals.put(dealId, new LegacyDeal("create", memSize, period, 0, null));
        return dealAnswer(dealId);
    }

    private ObjectNode renewRedis(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        if (i.status() == InstanceStatus.TO_BE_DELETED) throw error("InstanceDeleted", i.id() + " has been reclaimed.");
        if (i.status() == InstanceStatus.PROCESSING || i.status() == InstanceStatus.TO_BE_INITIALIZED) {
            throw error("InstanceBeenLocked", i.id() + " is in a workflow; retry when it is running.");
        }
        String before = TencentActionGroup.time(i.deadlineTime());
        long period = p.requireInteger("period");
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("Period", period);
        if (i.billingMode() != 1) in.put("ModifyPayMode", "prepaid");
        String dealId = call(r, i.region(), "RenewInstance", in, Map.of()).path("DealId").asText();
        deals.put(dealId, new LegacyDeal("renew", i.capacityMb(), period, 0, before));
        return dealAnswer(dealId);
    }

    private long checkUpgrade(Instance i, long memSize) {
        if (memSize % 1024 != 0) throw error("InvalidMemSize", "memSize " + memSize + " is not a multiple of 1024.");
        int legacyType = isCluster(i) ? 1 : 2;
        if (memSize <= i.capacityMb()) {
            throw error("ReduceCapacityNotAllowed", "memSize " + memSize + " MB must be larger than the current " + i.capacityMb() + " MB.");
        }
        if (memSize > maxMemSize(legacyType)) {
            throw error("MemSizeNotInRange", "memSize " + memSize + " is above " + maxMemSize(legacyType) + ".");
        }
        switch (i.status()) {
            case RUNNING -> {
            }
            default -> throw error("InstanceStatusAbnormal", i.id() + " has status " + i.status().code() + ".");
        }
        return memSize;
    }

    private ObjectNode upgradeRedisInquiryPrice(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        long memSize = checkUpgrade(i, p.requireInteger("memSize"));
        long months = 1;
        if (i.deadlineTime() != null) {
            long days = Duration.between(fleet.clock().instant(), i.deadlineTime()).toDays();
            months = Math.max(1, (days + 29) / 30);
        }
        ObjectNode out = Json.object();
        out.putObject("data").put("price", (memSize - i.capacityMb()) / 1024 * months * FEN_PER_GB_MONTH);
        return out;
    }

    private ObjectNode upgradeRedis(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        long memSize = checkUpgrade(i, p.requireInteger("memSize"));
        if (memSize % i.shards() != 0) {
            throw error("MemSizeNotInRange", "memSize " + memSize + " cannot be split over the " + i.shards() + " shards.");
        }
        long old = i.capacityMb();
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("MemSize", memSize / i.shards());
        in.put("RedisShardNum", i.shards());
        in.put("RedisReplicasNum", i.replicas());
        String dealId = call(r, i.region(), "UpgradeInstance", in, Map.of()).path("DealId").asText();
        deals.put(dealId, new LegacyDeal("upgrade", memSize, 0, old, null));
        return dealAnswer(dealId);
    }

    private static ObjectNode dealAnswer(String dealId) {
        ObjectNode out = Json.object();
        out.putObject("data").put("dealId", dealId);
        return out;
    }

    private ObjectNode describeRedisDealDetail(V2Request r, Params p) {
        List<String> ids = p.strings("dealIds");
        if (ids.isEmpty()) throw V2Exception.invalid("dealIds.0 is required.");
        ObjectNode out = Json.object();
        ArrayNode details = out.putArray("dealDetails");
        for (String id : ids) {
            TencentContext.Deal d = ctx.findDeal(id).orElseThrow(() -> error("DealIdNotFound", "order " + id + " does not exist."));
            LegacyDeal legacy = deals.getOrDefault(id, new LegacyDeal("create", 0, 0, 0, null));
            List<Instance> instances = d.instanceIds().stream().map(x -> fleet.instance(x).orElse(null)).toList();
            boolean failed = instances.stream().anyMatch(x -> x == null) && legacy.kind().equals("create");
            boolean delivered = !failed && instances.stream().allMatch(x -> x == null
                    || x.status() != InstanceStatus.PROCESSING && x.status() != InstanceStatus.TO_BE_INITIALIZED);
            int status = failed ? 5 : delivered ? 4 : 3;
            ObjectNode n = details.addObject();
            n.put("dealId", d.dealId());
            n.put("dealName", TIME.format(d.created().atOffset(BEIJING)).replaceAll("[^0-9]", "").substring(0, 8)
                    + String.format("%06d", Math.floorMod(d.dealId().hashCode(), 1_000_000)));
            n.put("zoneId", d.zoneId());
            n.put("goodsNum", d.instanceIds().size());
            n.put("creater", Long.toString(APPID));
            n.put("creatTime", TencentActionGroup.time(d.created()));
            n.put("overdueTime", TencentActionGroup.time(d.created().plus(Duration.ofDays(15))));
            n.put("endTime", status == 4 ? TencentActionGroup.time(d.created().plus(fleet.taskDelay())) : "0000-00-00 00:00:00");
            n.put("status", status);
            n.put("description", switch (status) {
                case 4 -> "发货成功";
                case 5 -> "发货失败";
                default -> "发货中";
            });
            long mem = legacy.memSize() > 0 ? legacy.memSize() : instances.stream().filter(x -> x != null).mapToLong(Instance::capacityMb).findFirst().orElse(0);
            n.put("price", switch (legacy.kind()) {
                case "upgrade" -> (mem - legacy.oldMemSize()) / 1024 * FEN_PER_GB_MONTH;
                default -> mem / 1024 * Math.max(1, legacy.period()) * d.instanceIds().size() * FEN_PER_GB_MONTH;
            });
            ObjectNode goods = n.putObject("goodsDetail");
            switch (legacy.kind()) {
                case "upgrade" -> {
                    goods.put("oldMemSize", legacy.oldMemSize());
                    goods.put("newMemsize", legacy.memSize());
                }
                case "renew" -> {
                    goods.put("curDeadline", legacy.curDeadline());
                    goods.put("memSize", mem);
                    goods.put("timeSpan", legacy.period());
                    goods.put("timeUnit", "m");
                }
                default -> {
                    goods.put("memSize", mem);
                    goods.put("timeSpan", Math.max(1, legacy.period()));
                    goods.put("timeUnit", "m");
                }
            }
            ArrayNode redisIds = goods.putArray("redisIds");
            if (status == 4 || !legacy.kind().equals("create")) d.instanceIds().forEach(redisIds::add);
        }
        return out;
    }

    // ---- instances --------------------------------------------------------------------------------------------------

    /** A Redis instance of the request's region (any region when the call has no Region), else InstanceNotExists. */
    private Instance instance(V2Request r, String id) {
        String region = r.region() == null || r.region().isBlank() ? null : region(r.region());
        return fleet.instance(id).filter(i -> "redis".equals(i.engine()))
                .filter(i -> region == null || i.region().equals(region))
                .orElseThrow(() -> error("InstanceNotExists", "instance `" + id + "` does not exist"
                        + (region == null ? "" : " in " + region) + "."));
    }

    private ObjectNode describeRedis(V2Request r, Params p) {
        long limit = p.requireInteger("limit");
        long offset = p.requireInteger("offset");
        String region = r.region() == null || r.region().isBlank() ? null : region(r.region());
        String redisId = p.string("redisId");
        String redisName = p.string("redisName");
        List<String> projects = p.strings("projectIds");
        List<String> vpcs = p.strings("unVpcIds");
        List<String> subnets = p.strings("unSubnetIds");
        List<Instance> matches = new ArrayList<>();
        for (Instance i : fleet.instances()) {
            if (!"redis".equals(i.engine())) continue;
            if (region != null && !i.region().equals(region)) continue;
            if (redisId != null && !redisId.isBlank() && !i.id().equals(redisId.trim())) continue;
            if (redisName != null && !redisName.isBlank() && !i.name().equals(redisName)) continue;
            if (!projects.isEmpty() && !projects.contains(Long.toString(i.projectId()))) continue;
            if (!vpcs.isEmpty() && !vpcs.contains(i.vpcId())) continue;
            if (!subnets.isEmpty() && !subnets.contains(i.subnetId())) continue;
            matches.add(i);
        }
        String orderBy = p.string("orderBy", "createtime");
        Comparator<Instance> order = switch (orderBy) {
            case "redisId" -> Comparator.comparing(Instance::id);
            case "projectId" -> Comparator.<Instance>comparingLong(i -> i.projectId()).thenComparing(Instance::createTime);
            default -> Comparator.comparing(Instance::createTime).thenComparing(Instance::id);
        };
        if (p.integer("orderType", 1) == 1) order = order.reversed();
        matches.sort(order);
        ObjectNode out = Json.object();
        out.put("totalCount", matches.size());
        ArrayNode set = out.putObject("data").putArray("redisSet");
        // the seed's example sends most numbers as strings ("port":"6379"); vpcId, subnetId and autoRenewFlag as numbers
        matches.stream().skip(offset).limit(limit).forEach(i -> {
            ObjectNode n = set.addObject();
            n.put("redisName", i.name());
            n.put("redisId", i.id());
            n.put("appid", Long.toString(APPID));
            n.put("projectId", Long.toString(i.projectId()));
            int regionId = catalog.numericRegionId(i.region());
            if (regionId != 0) n.put("regionId", Integer.toString(regionId));
            n.put("zoneId", Integer.toString(i.zoneId()));
            n.put("vpcId", 0);
            n.put("unVpcId", i.vpcId());
            n.put("subnetId", 0);
            n.put("unSubnetId", i.subnetId());
            int status = i.status() == InstanceStatus.TO_BE_DELETED ? -2 : i.status().code();
            n.put("status", Integer.toString(status));
            n.put("statusDesc", switch (status) {
                case 0 -> "待初始化";
                case 1 -> "实例在流程中";
                case 2 -> "实例运行中";
                default -> "实例已隔离";
            });
            n.put("wanIp", RedisProcess.HOST);
            n.put("port", Integer.toString(i.dataPort()));
            n.put("createtime", TencentActionGroup.time(i.createTime()));
            n.put("size", Long.toString(i.capacityMb()));
            n.put("sizeUsed", Long.toString(usedMb(i)));
            n.put("typeId", isCluster(i) ? "1" : "2");
            n.put("typeIddesc", isCluster(i) ? "集群版" : "主从版");
            n.put("autoRenewFlag", i.autoRenew() == 1 ? 1 : 0);
            n.put("deadlineTime", TencentActionGroup.time(i.deadlineTime()));
        });
        return out;
    }

    private static long usedMb(Instance i) {
        RedisProcess rp = i.dataPlane();
        if (rp == null) return 0;
        try {
            return rp.usedMemoryBytes() >> 20;
        } catch (IOException e) {
            return 0;
        }
    }

    private ObjectNode setRedisAutoRenew(V2Request r, Params p) {
        List<String> ids = p.strings("redisIds");
        if (ids.isEmpty()) throw error("InvalidParameter", "redisIds.0 is required.");
        long flag = p.requireInteger("isAutoRenew");
        String region = null;
        for (String id : ids) {
            Instance i = instance(r, id);
            if (i.status() == InstanceStatus.TO_BE_DELETED) throw error("InstanceDeleted", i.id() + " has been deleted.");
            if (i.status() == InstanceStatus.ISOLATED) throw error("InstanceIsolated", i.id() + " is isolated.");
            region = i.region();
        }
        ObjectNode in = Json.object();
        in.put("Operation", "modifyAutoRenew");
        ArrayNode idList = in.putArray("InstanceIds");
        ArrayNode flags = in.putArray("AutoRenews");
        for (String id : ids) {
            idList.add(id);
            flags.add(flag);
        }
        call(r, region, "ModifyInstance", in, Map.of());
        return Json.object();
    }

    private ObjectNode modifyRedisName(V2Request r, Params p) {
        String name = p.string("redisName", "");
        if (name.length() > 36) throw error("InstanceNameExceedMaxLimit", "redisName has " + name.length() + " characters; at most 36.");
        if (name.isEmpty() || !NAME.matcher(name).matches()) {
            throw error("InstanceNameRuleError", "redisName `" + name + "` must be 1-36 letters, digits, Chinese characters, _ and -.");
        }
        Instance i = instance(r, p.requireString("redisId"));
        requireLegacyRunning(i, true);
        ObjectNode in = Json.object();
        in.put("Operation", "rename");
        in.putArray("InstanceIds").add(i.id());
        in.putArray("InstanceNames").add(name);
        call(r, i.region(), "ModifyInstance", in, Map.of());
        return Json.object();
    }

    /** Isolated 11061 / deleted 11055 (when {@code expiry}), else 10702 when not running. */
    private void requireLegacyRunning(Instance i, boolean expiry) {
        switch (i.status()) {
            case RUNNING -> {
            }
            case PROCESSING, TO_BE_INITIALIZED -> throw error("InstanceStatusAbnormal", i.id() + " is in a workflow (status "
                    + i.status().code() + ").");
            case ISOLATED -> throw expiry ? error("InstanceIsolated", i.id() + " is isolated.")
                    : error("InstanceStatusAbnormal", i.id() + " is isolated.");
            default -> throw expiry ? error("InstanceDeleted", i.id() + " has been deleted.")
                    : error("InstanceStatusAbnormal", i.id() + " is being deleted.");
        }
    }

    private ObjectNode modfiyRedisPassword(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        String old = p.string("oldPassword", "");
        String next = p.string("password");
        if (old.isEmpty()) throw error("PasswordEmpty", "oldPassword is empty.");
        checkPassword(next);
        if (!i.password().matches(old)) throw error("OldPasswordError", "oldPassword does not match.");
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("OldPassword", old);
        in.put("Password", next);
        return requestAnswer(call(r, i.region(), "ModifyInstancePassword", in, Map.of("InvalidParameterValue.PasswordError", "OldPasswordError")));
    }

    private ObjectNode resetRedisPassword(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        String next = checkPassword(p.string("password"));
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("Password", next);
        return requestAnswer(call(r, i.region(), "ResetPassword", in, Map.of()));
    }

    private ObjectNode clearRedis(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        String password = p.string("password", "");
        if (password.isEmpty() && !i.noAuth()) throw error("PasswordEmpty", "password is required to clear " + i.id() + ".");
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("Password", password);
        return requestAnswer(call(r, i.region(), "ClearInstance", in, Map.of()));
    }

    private ObjectNode modifyRedisProject(V2Request r, Params p) {
        List<String> ids = p.strings("redisIds");
        if (ids.isEmpty()) throw error("InvalidParameter", "redisIds.0 is required.");
        String region = null;
        for (String id : ids) region = instance(r, id).region();
        ObjectNode in = Json.object();
        in.put("Operation", "modifyProject");
        ArrayNode list = in.putArray("InstanceIds");
        ids.forEach(list::add);
        in.put("ProjectId", p.requireInteger("projectId"));
        call(r, region, "ModifyInstance", in, Map.of());
        return Json.object();
    }

    private static ObjectNode requestAnswer(ObjectNode taskResult) {
        ObjectNode out = Json.object();
        out.putObject("data").put("requestId", taskResult.path("TaskId").asLong());
        return out;
    }

    // ---- backups ----------------------------------------------------------------------------------------------------

    private ObjectNode manualBackupInstance(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("Remark", p.string("remark", ""));
        return requestAnswer(call(r, i.region(), "ManualBackupInstance", in, Map.of()));
    }

    private Backup backup(Instance i, String backupId) {
        return i.backups().stream().filter(b -> b.id().equals(backupId)).findFirst()
                .orElseThrow(() -> error("BackupNotExists", "backup " + backupId + " of " + i.id() + " does not exist."));
    }

    private Set<String> exported(Instance i) {
        Set<String> ids = new HashSet<>();
        for (Object id : i.extensions().get(EXPORTED, List.class, List::of)) ids.add(String.valueOf(id));
        return ids;
    }

    /** The legacy backup status: 1 locked (in progress), 2 normal, -1 expired, 3 being exported, 4 exported. */
    private int backupStatus(Instance i, Backup b) {
        if (b.status() == Backup.Status.IN_PROGRESS) return 1;
        if (b.status() == Backup.Status.FAILED) return -1;
        if (b.expireTime() != null && b.expireTime().isBefore(fleet.clock().instant())) return -1;
        if (exported(i).contains(b.id())) return 4;
        boolean exporting = fleet.tasks().stream().anyMatch(t -> EXPORT_TASK.equals(t.type()) && i.id().equals(t.instanceId())
                && !t.status().done() && t.message() != null && t.label().endsWith(b.id()));
        return exporting ? 3 : 2;
    }

    private ObjectNode getBackupDownloadUrl(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        Backup b = backup(i, p.requireString("backupId"));
        int status = backupStatus(i, b);
        if (status != 2 && status != 4) throw error("BackupStatusAbnormal", "backup " + b.id() + " has status " + status + ".");
        if (isCluster(i) && status != 4) {
            throw error("BackupStatusAbnormal", "a cluster instance's backup must be exported (ExportRedisBackup) before it can be downloaded.");
        }
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("BackupId", b.id());
        ObjectNode url = call(r, i.region(), "DescribeBackupUrl", in, Map.of());
        JsonNode info = url.path("BackupInfos").path(0);
        String extranet = info.path("DownloadUrl").asText(url.path("DownloadUrl").path(0).asText(""));
        String intranet = info.path("InnerDownloadUrl").asText(url.path("InnerDownloadUrl").path(0).asText(extranet));
        ObjectNode out = Json.object();
        ObjectNode data = out.putObject("data");
        data.put("intranet", intranet.isEmpty() ? extranet : intranet);
        data.put("extranet", extranet);
        return out;
    }

    private ObjectNode getRedisBackupList(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        long limit = p.requireInteger("limit");
        long offset = p.integer("offset", 0);
        Instant begin = parseTime("beginTime", p.string("beginTime"));
        Instant end = parseTime("endTime", p.string("endTime"));
        List<Backup> backups = new ArrayList<>(i.backups());
        backups.removeIf(b -> begin != null && b.startTime().isBefore(begin) || end != null && b.startTime().isAfter(end));
        backups.sort(Comparator.comparing(Backup::startTime).reversed());
        ObjectNode out = Json.object();
        out.put("totalCount", backups.size());
        ArrayNode set = out.putObject("data").putArray("redisBackupSet");
        backups.stream().skip(offset).limit(limit).forEach(b -> {
            int status = backupStatus(i, b);
            set.addObject().put("startTime", TencentActionGroup.time(b.startTime())).put("backupId", b.id())
                    .put("backupType", b.manual() ? "manualBackupInstance" : "systemBackupInstance")
                    .put("status", status).put("remark", b.remark()).put("locked", status == 1 || status == 3 ? 1 : 0);
        });
        return out;
    }

    private ObjectNode restoreInstance(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        Backup b = backup(i, p.requireString("backupId"));
        int status = backupStatus(i, b);
        if (status == 1 || status == 3) throw error("BackupLockedError", "backup " + b.id() + " is locked by another task.");
        if (status == -1) throw error("BackupStatusAbnormal", "backup " + b.id() + " has expired or failed.");
        ObjectNode in = Json.object();
        in.put("InstanceId", i.id());
        in.put("BackupId", b.id());
        in.put("Password", p.string("password", ""));
        return requestAnswer(call(r, i.region(), "RestoreInstance", in, Map.of()));
    }

    private ObjectNode exportRedisBackup(V2Request r, Params p) {
        Instance i = instance(r, p.requireString("redisId"));
        Backup b = backup(i, p.requireString("backupId"));
        if (!isCluster(i)) {
            throw error("OnlyClusterInstanceCanExportBackup", i.id() + " is a master-replica (主从版) instance; only cluster instances export backups.");
        }
        if (backupStatus(i, b) != 2) throw error("BackupStatusInvalid", "backup " + b.id() + " has status " + backupStatus(i, b) + "; only status 2 can be exported.");
        Task task = fleet.submit(i.id(), EXPORT_TASK, "导出备份 " + b.id(), () -> {
            Set<String> ids = exported(i);
            ids.add(b.id());
            i.extensions().put(EXPORTED, new ArrayList<>(ids));
            fleet.changed();
            return "";
        });
        ObjectNode out = Json.object();
        out.putObject("data").put("requestId", task.id());
        return out;
    }

    // ---- tasks ------------------------------------------------------------------------------------------------------

    private static int taskStatus(TaskStatus s) {
        return switch (s) {
            case PREPARING -> 0;
            case RUNNING -> 1;
            case SUCCEED -> 2;
            case FAILED -> 3;
        };
    }

    private ObjectNode describeTaskInfo(V2Request r, Params p) {
        long id = p.requireInteger("requestId");
        Task t = fleet.task(id).orElseThrow(() -> error("InvalidParameter", "task (requestId) " + id + " does not exist."));
        ObjectNode out = Json.object();
        out.putObject("data").put("status", taskStatus(t.status()));
        return out;
    }

    private ObjectNode getRedisTaskList(V2Request r, Params p) {
        long limit = p.requireInteger("limit");
        long offset = p.integer("offset", 0);
        String redisId = p.string("redisId");
        String redisName = p.string("redisName");
        Instant begin = parseTime("beginTime", p.string("beginTime"));
        Instant end = parseTime("endTime", p.string("endTime"));
        List<Long> statuses = p.integers("taskStatus");
        List<String> types = p.strings("taskType").stream().map(t -> t.replaceFirst("^task_", "")).toList();
        String region = r.region() == null || r.region().isBlank() ? null : region(r.region());
        List<ObjectNode> items = new ArrayList<>();
        for (Task t : fleet.tasks()) {
            String taskName = TASK_NAMES.get(t.type());
            if (taskName == null) continue;
            Instance i = t.instanceId() == null ? null : fleet.instance(t.instanceId()).orElse(null);
            if (i != null && (!"redis".equals(i.engine()) || region != null && !i.region().equals(region))) continue;
            if (redisId != null && !redisId.isBlank() && !redisId.equals(t.instanceId())) continue;
            if (redisName != null && !redisName.isBlank() && (i == null || !i.name().equals(redisName))) continue;
            if (begin != null && t.startTime().isBefore(begin) || end != null && t.startTime().isAfter(end)) continue;
            int status = taskStatus(t.status());
            if (!statuses.isEmpty() && !statuses.contains((long) status)) continue;
            if (!types.isEmpty() && !types.contains(taskName)) continue;
            ObjectNode n = Json.object();
            n.put("startTime", TencentActionGroup.time(t.startTime()));
            n.put("taskName", taskName);
            n.put("redisName", i == null ? "" : i.name());
            n.put("redisId", t.instanceId());
            n.put("projectId", i == null ? 0 : i.projectId());
            n.put("status", status);
            n.put("progress", t.status().done() ? 1 : 0);
            items.add(n);
        }
        ObjectNode out = Json.object();
        out.put("totalCount", items.size());
        ArrayNode set = out.putObject("data").putArray("redisTaskSet");
        items.stream().skip(offset).limit(limit).forEach(set::add);
        return out;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private V2Exception error(String hint, String detail) {
        return V2Exception.business(model, hint, detail);
    }

    /** The legacy rule: 8-16 characters, at least two of letters, digits and {@code !@#%^*()}. */
    private String checkPassword(String password) {
        if (password == null || password.isEmpty()) throw error("PasswordEmpty", "password is empty.");
        boolean letter = false;
        boolean digit = false;
        boolean symbol = false;
        for (char c : password.toCharArray()) {
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') letter = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if (PASSWORD_SYMBOLS.indexOf(c) >= 0) symbol = true;
            else throw error("PasswordRuleError", "character `" + c + "` is not allowed (letters, digits, " + PASSWORD_SYMBOLS + ").");
        }
        int classes = (letter ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        if (password.length() < 8 || password.length() > 16 || classes < 2) {
            throw error("PasswordRuleError", "8-16 characters with at least two of letters, digits and " + PASSWORD_SYMBOLS + ".");
        }
        return password;
    }

    private static boolean isCluster(Instance i) {
        return Set.of(4, 7, 9, 16, 18).contains(i.typeId());
    }

    private Instant parseTime(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDateTime.parse(value.trim(), TIME).toInstant(BEIJING);
        } catch (DateTimeParseException e) {
            throw error("InvalidParameter", name + " `" + value + "` is not a time like 2017-02-08 16:46:34.");
        }
    }

    /**
     * Calls an API 3.0 action of the shared provider (same fleet, same lifecycle code) and turns its
     * {@link TencentException} into the legacy error ({@code overrides} first, then {@link #HINTS}).
     */
    private ObjectNode call(V2Request r, String region, String action, ObjectNode input, Map<String, String> overrides) {
        try {
            return tencent.handle(new TencentRequest(action, region, r.requestId(), r.secretId(), input));
        } catch (TencentException e) {
            String hint = overrides.getOrDefault(e.code(), HINTS.get(e.code()));
            if (hint == null && e.code().startsWith("InvalidParameter")) hint = "InvalidParameter";
            if (hint != null) throw error(hint, e.getMessage());
            throw V2Exception.common(5100, e.code(), e.getMessage());
        }
    }
}
