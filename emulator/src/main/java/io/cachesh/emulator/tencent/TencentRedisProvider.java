package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Backup;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Tencent Redis API 3.0 (2018-04-12) actions over the vendor-neutral {@link Fleet}. Each handler takes the validated
 * input and returns the {@code Response} members without {@code RequestId}; failures are {@link TencentException}s
 * with the codes the seed lists for the action. Response shapes follow the seed's action pages.
 */
public final class TencentRedisProvider {

    /** One call: action, the X-TC-Region it was sent to, its RequestId and its input. */
    public record Request(String action, String region, String requestId, ObjectNode input) {
    }

    /** Tencent times are Beijing time, {@code yyyy-MM-dd HH:mm:ss}. */
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    static final String ZERO_TIME = "0000-00-00 00:00:00";
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SPECIALS = "()`~!@#$%^&*-+=_|{}[]:;<>,.?/";
    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z0-9_-]+");
    private static final Set<Integer> PREPAID_PERIODS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36);
    private static final long APPID = 1250000000L;

    private final Fleet fleet;
    private final ProductCatalog catalog;
    private final Map<String, BiFunction<Request, Params, ObjectNode>> handlers = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong deals = new AtomicLong(6_950_000 + new SecureRandom().nextInt(10_000));
    private final AtomicLong nodeIds = new AtomicLong(336_900);

    public TencentRedisProvider(Fleet fleet, ProductCatalog catalog) {
        this.fleet = Objects.requireNonNull(fleet, "fleet == null");
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
        fleet.dataPlaneConfig(TencentRedisProvider::redisConfig);
        handlers.put("CreateInstances", this::createInstances);
        handlers.put("DescribeInstances", this::describeInstances);
        handlers.put("DescribeTaskInfo", this::describeTaskInfo);
        handlers.put("DescribeTaskList", this::describeTaskList);
        handlers.put("DescribeProductInfo", this::describeProductInfo);
        handlers.put("ModifyInstance", this::modifyInstance);
        handlers.put("UpgradeInstance", this::upgradeInstance);
        handlers.put("ClearInstance", this::clearInstance);
        handlers.put("ResetPassword", this::resetPassword);
        handlers.put("DestroyPostpaidInstance", (r, p) -> destroy(r, p, 0));
        handlers.put("DestroyPrepaidInstance", (r, p) -> destroy(r, p, 1));
        handlers.put("CleanUpInstance", this::cleanUpInstance);
        handlers.put("StartupInstance", this::startupInstance);
        handlers.put("ManualBackupInstance", this::manualBackupInstance);
        handlers.put("DescribeInstanceBackups", this::describeInstanceBackups);
        handlers.put("RestoreInstance", this::restoreInstance);
        handlers.put("DescribeInstanceParams", this::describeInstanceParams);
        handlers.put("ModifyInstanceParams", this::modifyInstanceParams);
        handlers.put("ModifyInstancePassword", this::modifyInstancePassword);
        handlers.put("ModfiyInstancePassword", this::modifyInstancePassword); // sic: the official (misspelled) action
        handlers.put("DescribeInstanceDealDetail", this::describeInstanceDealDetail);
        handlers.put("DescribeBackupDetail", this::describeBackupDetail);
        handlers.put("RenewInstance", this::renewInstance);
        handlers.put("DescribeMaintenanceWindow", this::describeMaintenanceWindow);
        handlers.put("DescribeAutoBackupConfig", this::describeAutoBackupConfig);
    }

    /** An order: what CreateInstances, UpgradeInstance, RenewInstance and DestroyPrepaidInstance return as DealId. */
    private record Deal(String dealId, List<String> instanceIds, int zoneId, Instant created) {
    }

    private final Map<String, Deal> dealsById = new java.util.concurrent.ConcurrentHashMap<>();

    private String deal(List<String> instanceIds, int zoneId, String dealId) {
        String id = dealId != null ? dealId : Long.toString(deals.incrementAndGet());
        dealsById.put(id, new Deal(id, List.copyOf(instanceIds), zoneId, fleet.clock().instant()));
        return id;
    }

    public Set<String> actions() {
        return handlers.keySet();
    }

    public boolean implementsAction(String action) {
        return handlers.containsKey(action);
    }

    public ProductCatalog catalog() {
        return catalog;
    }

    public ObjectNode handle(Request request) {
        BiFunction<Request, Params, ObjectNode> handler = handlers.get(request.action());
        if (handler == null) {
            throw new TencentException("UnsupportedOperation",
                    "The emulator does not implement " + request.action() + " yet.");
        }
        return handler.apply(request, new Params(request.input()));
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------------

    private ObjectNode createInstances(Request r, Params p) {
        int typeId = (int) p.requireInteger("TypeId");
        long memSize = p.requireInteger("MemSize");
        long goodsNum = p.requireInteger("GoodsNum");
        long period = p.requireInteger("Period");
        int billingMode = (int) p.requireInteger("BillingMode");
        if (billingMode != 0 && billingMode != 1) {
            throw TencentException.invalidValue("BillingMode", billingMode, "must be 0 (postpaid) or 1 (prepaid)");
        }
        ProductCatalog.Spec spec = catalog.spec(typeId, billingMode).orElseThrow(() -> new TencentException(
                "InvalidParameterValue.InvalidInstanceTypeId",
                "TypeId " + typeId + " is not sold; valid TypeId values: 2, 3, 4, 6, 7, 8, 9, 15, 16, 17, 18."));
        if (billingMode == 1) {
            if (period < 1) throw new TencentException("LimitExceeded.PeriodLessThanMinLimit", "购买时长非法，时长最少1个月: Period " + period + " < 1.");
            if (period > 36) throw new TencentException("LimitExceeded.PeriodExceedMaxLimit", "购买时长超过3年: Period " + period + " > 36.");
            if (!PREPAID_PERIODS.contains((int) period)) {
                throw TencentException.invalidValue("Period", period, "prepaid periods are 1-12, 24 or 36 months");
            }
        } else if (period != 1) {
            throw TencentException.invalidValue("Period", period, "must be 1 for postpaid instances (BillingMode 0)");
        }
        if (goodsNum < spec.minBuy() || goodsNum > spec.maxBuy()) {
            throw new TencentException("LimitExceeded.InvalidParameterGoodsNumNotInRange",
                    "GoodsNum " + goodsNum + " is outside " + spec.minBuy() + "-" + spec.maxBuy() + ".");
        }
        checkMemSize(spec, memSize, "InvalidParameterValue.SpecNotExist");
        int shards = (int) p.integer("RedisShardNum", spec.cluster() ? 3 : 1);
        if (!spec.shardCounts().contains(shards)) {
            throw new TencentException("InvalidParameterValue.SpecNotExist", "RedisShardNum " + shards
                    + " is not sold for TypeId " + typeId + "; allowed: " + spec.shardCounts() + ".");
        }
        int replicas = (int) p.integer("RedisReplicasNum", 1);
        if (!spec.replicas().contains(replicas)) {
            throw new TencentException("InvalidParameterValue.SpecNotExist", "RedisReplicasNum " + replicas
                    + " is not sold for TypeId " + typeId + "; allowed: " + spec.replicas() + ".");
        }
        boolean noAuth = Boolean.TRUE.equals(p.bool("NoAuth"));
        String vpcId = p.string("VpcId", "");
        Secret password;
        if (noAuth) {
            if (vpcId.isEmpty()) {
                throw new TencentException("InvalidParameterValue.BaseNetWorkAccessDeny",
                        "不是vpc网络下实例: password-free access (NoAuth) needs a VPC instance (VpcId).");
            }
            password = Secret.of("");
        } else {
            password = Secret.of(checkPassword(p.string("Password")));
        }
        String name = p.string("InstanceName");
        if (name != null) checkName(name);
        long vport = p.integer("VPort", 6379);
        if (vport < 1024 || vport > 65535) throw TencentException.invalidValue("VPort", vport, "must be between 1024 and 65535");
        long autoRenew = p.integer("AutoRenew", 0);
        if (autoRenew < 0 || autoRenew > 2) throw TencentException.invalidValue("AutoRenew", autoRenew, "must be 0, 1 or 2");
        int zoneId = (int) p.integer("ZoneId", catalog.defaultZone(r.region()).oldZoneId());
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : p.list("ResourceTags")) {
            tags.put(tag.path("TagKey").asText(), tag.path("TagValue").asText());
        }
        if (Boolean.TRUE.equals(p.bool("DryRun"))) {
            throw new TencentException("DryRunOperation", "DryRun 操作，代表请求将会是成功的，只是多传了 DryRun 参数。");
        }
        Instant now = fleet.clock().instant();
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < goodsNum; n++) {
            String id = newInstanceId();
            Instance instance = Instance.builder()
                    .id(id).name(name == null ? id : name).engine("redis").version(spec.version()).typeId(typeId)
                    .memSizeMb(memSize).shards(shards).replicas(replicas).status(InstanceStatus.PROCESSING)
                    .region(r.region()).zoneId(zoneId).projectId(p.integer("ProjectId", 0)).billingMode(billingMode)
                    .autoRenew((int) autoRenew).password(password).noAuth(noAuth).vpcId(vpcId)
                    .subnetId(p.string("SubnetId", "")).vport((int) vport).createTime(now)
                    .deadlineTime(billingMode == 1 ? now.atOffset(BEIJING).plusMonths(period).toInstant() : null)
                    .params(TencentParams.defaults()).tags(tags)
                    .build();
            fleet.add(instance);
            ids.add(id);
            fleet.submit(id, "001", "新建实例", () -> {
                String message = "";
                try {
                    fleet.startDataPlane(instance);
                    if (!fleet.dataPlaneAvailable()) message = "no data plane: control plane only";
                } catch (IOException e) {
                    message = "data plane failed to start: " + e.getMessage();
                }
                instance.transition(InstanceStatus.RUNNING);
                return message;
            });
        }
        ObjectNode out = Json.object();
        out.put("DealId", deal(ids, zoneId, String.join(",", ids)));
        ArrayNode list = out.putArray("InstanceIds");
        ids.forEach(list::add);
        return out;
    }

    private ObjectNode destroy(Request r, Params p, int billingMode) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (i.billingMode() != billingMode) {
            throw new TencentException("InvalidParameterValue.UnSupportedType", "实例类型不支持: " + i.id() + " is "
                    + (i.billingMode() == 0 ? "postpaid; use DestroyPostpaidInstance" : "prepaid; use DestroyPrepaidInstance") + ".");
        }
        if (i.status() == InstanceStatus.ISOLATED || i.status() == InstanceStatus.TO_BE_DELETED) {
            throw new TencentException(billingMode == 1 ? "ResourceUnavailable.InstanceIsolated" : "ResourceUnavailable.InstanceStatusError",
                    "Instance " + i.id() + " is already isolated (status " + i.status().code() + ").");
        }
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        Task task = fleet.submit(i.id(), "003", "关闭实例", () -> {
            fleet.stopDataPlane(i, true);
            i.closeTime(fleet.clock().instant());
            i.transition(InstanceStatus.ISOLATED);
            return "";
        });
        ObjectNode out = Json.object();
        if (billingMode == 1) out.put("DealId", deal(List.of(i.id()), i.zoneId(), null));
        else out.put("TaskId", task.id());
        return out;
    }

    private ObjectNode cleanUpInstance(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (i.status() != InstanceStatus.ISOLATED) {
            throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal", "redis 状态异常，不能执行对应流程: "
                    + i.id() + " is not in the recycle bin (status " + i.status().code() + "; CleanUpInstance needs -2).");
        }
        i.transition(InstanceStatus.TO_BE_DELETED);
        fleet.changed();
        Task task = fleet.submit(i.id(), "006", "删除实例", () -> {
            fleet.remove(i.id());
            return "";
        });
        return taskResult(task);
    }

    private ObjectNode startupInstance(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        if (i.status() != InstanceStatus.ISOLATED) {
            throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal",
                    "redis 状态异常，不能执行对应流程: " + i.id() + " is not isolated (status " + i.status().code() + ").");
        }
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        fleet.submit(i.id(), "005", "实例启用", () -> {
            fleet.startDataPlane(i);
            i.closeTime(null);
            i.transition(InstanceStatus.RUNNING);
            return "";
        });
        return Json.object();
    }

    // ---- queries --------------------------------------------------------------------------------------------------

    private ObjectNode describeInstances(Request r, Params p) {
        long limit = p.integer("Limit", 20);
        long offset = p.integer("Offset", 0);
        if (limit < 0 || limit > 1000) throw TencentException.invalidValue("Limit", limit, "must be between 0 and 1000");
        if (offset < 0) throw TencentException.invalidValue("Offset", offset, "must be at least 0");
        String instanceId = p.string("InstanceId");
        List<String> instanceIds = p.strings("InstanceIds");
        String instanceName = p.string("InstanceName");
        String searchKey = p.string("SearchKey");
        List<String> searchKeys = p.strings("SearchKeys");
        List<Long> status = p.integers("Status");
        List<Long> projectIds = p.integers("ProjectIds");
        List<Long> autoRenew = p.integers("AutoRenew");
        Long type = p.integer("Type");
        Long typeVersion = p.integer("TypeVersion");
        String billing = p.string("BillingMode");
        String engineName = p.string("EngineName");
        List<String> tagKeys = p.strings("TagKeys");
        List<String> vpcIds = p.strings("UniqVpcIds");
        List<Instance> matches = new ArrayList<>();
        for (Instance i : fleet.instances()) {
            if (!i.region().equals(r.region())) continue;
            if (instanceId != null && !instanceId.isBlank() && !i.id().equals(instanceId.trim())) continue;
            if (!instanceIds.isEmpty() && !instanceIds.contains(i.id())) continue;
            if (instanceName != null && !instanceName.isEmpty() && !i.name().equals(instanceName)) continue;
            if (searchKey != null && !searchKey.isEmpty() && !i.name().contains(searchKey)) continue;
            if (!searchKeys.isEmpty() && searchKeys.stream().noneMatch(k -> i.name().contains(k) || i.id().equals(k)
                    || RedisProcess.HOST.equals(k))) continue;
            if (!status.isEmpty() && !status.contains((long) i.status().code())) continue;
            if (!projectIds.isEmpty() && !projectIds.contains(i.projectId())) continue;
            if (!autoRenew.isEmpty() && !autoRenew.contains((long) i.autoRenew())) continue;
            if (type != null && type != i.typeId()) continue;
            if (typeVersion != null && typeVersion != typeVersion(i)) continue;
            if (billing != null && !billing.isEmpty() && !billing.equals(i.billingMode() == 1 ? "prepaid" : "postpaid")) continue;
            if (engineName != null && !engineName.isEmpty() && !engineName.equalsIgnoreCase(engineName(i))) continue;
            if (!tagKeys.isEmpty() && tagKeys.stream().noneMatch(i.tags()::containsKey)) continue;
            if (!vpcIds.isEmpty() && !vpcIds.contains(i.vpcId())) continue;
            matches.add(i);
        }
        String orderBy = p.string("OrderBy", "createtime").trim();
        Comparator<Instance> order = switch (orderBy) {
            case "projectId" -> Comparator.comparingLong(Instance::projectId);
            case "instancename" -> Comparator.comparing(Instance::name);
            case "type" -> Comparator.comparingInt(Instance::typeId);
            case "curDeadline" -> Comparator.comparing(i -> i.deadlineTime() == null ? Instant.MAX : i.deadlineTime());
            case "createtime" -> Comparator.comparing(Instance::createTime);
            default -> throw TencentException.invalidValue("OrderBy", orderBy,
                    "must be one of: projectId, createtime, instancename, type, curDeadline");
        };
        order = order.thenComparing(Instance::id);
        if (p.integer("OrderType", 1) != 0) order = order.reversed();
        matches.sort(order);
        ObjectNode out = Json.object();
        out.put("TotalCount", matches.size());
        ArrayNode set = out.putArray("InstanceSet");
        matches.stream().skip(offset).limit(limit).forEach(i -> set.add(instanceSet(i)));
        return out;
    }

    private ObjectNode instanceSet(Instance i) {
        ProductCatalog.Zone zone = catalog.zone(i.region(), i.zoneId()).orElse(null);
        boolean cluster = isCluster(i);
        ObjectNode n = Json.object();
        n.put("InstanceName", i.name());
        n.put("InstanceId", i.id());
        n.put("Appid", APPID);
        n.put("ProjectId", i.projectId());
        n.put("RegionId", catalog.numericRegionId(i.region()));
        n.put("ZoneId", i.zoneId());
        n.put("VpcId", 0);
        n.put("SubnetId", 0);
        n.put("Status", i.status().code());
        n.put("WanIp", RedisProcess.HOST);
        n.put("Port", i.dataPort());
        n.put("Createtime", time(i.createTime()));
        n.put("Size", (double) i.capacityMb());
        n.put("SizeUsed", 0.0);
        n.put("Type", i.typeId());
        n.put("AutoRenewFlag", i.autoRenew());
        n.put("DeadlineTime", time(i.deadlineTime()));
        n.put("Engine", "CKV".equals(engineName(i)) ? "腾讯云CKV" : "Redis");
        n.put("ProductType", cluster ? "cluster" : "standalone");
        n.put("UniqVpcId", i.vpcId());
        n.put("UniqSubnetId", i.subnetId());
        n.put("BillingMode", i.billingMode());
        n.put("InstanceTitle", i.status().title());
        Instant close = i.closeTime();
        n.put("OfflineTime", close == null ? "" : time(close.plus(i.billingMode() == 1 ? Duration.ofDays(7) : Duration.ofHours(2))));
        n.put("SubStatus", 0);
        n.putArray("Tags");
        n.putArray("InstanceNode");
        n.put("RedisShardSize", i.memSizeMb());
        n.put("RedisShardNum", i.shards());
        n.put("RedisReplicasNum", i.replicas());
        n.put("PriceId", 0);
        n.put("CloseTime", time(close));
        n.put("SlaveReadWeight", 0);
        ArrayNode tags = n.putArray("InstanceTags");
        i.tags().forEach((k, v) -> tags.addObject().put("TagKey", k).put("TagValue", v));
        n.put("ProjectName", i.projectId() == 0 ? "默认项目" : "project-" + i.projectId());
        n.put("NoAuth", i.noAuth());
        n.put("ClientLimit", 10000);
        n.put("DtsStatus", 0);
        n.put("NetLimit", 48);
        n.put("PasswordFree", 0);
        n.put("Vip6", "");
        n.put("IPv6", "");
        n.put("ReadOnly", 0);
        n.put("RemainBandwidthDuration", "");
        n.put("DiskSize", 0);
        n.put("MonitorVersion", "5s");
        n.put("ClientLimitMin", 10000);
        n.put("ClientLimitMax", 40000);
        ArrayNode nodes = n.putArray("NodeSet");
        long base = Math.abs((long) i.id().hashCode()) % 100_000 * 10;
        for (int k = 0; k <= i.replicas(); k++) {
            nodes.addObject().put("NodeId", base + k).put("NodeType", k == 0 ? 0 : 1).put("ZoneId", i.zoneId())
                    .put("ZoneName", zone == null ? "" : zone.zoneId());
        }
        n.put("Region", i.region());
        n.put("WanAddress", "");
        n.put("PolarisServer", "");
        n.put("RedisClusterId", "");
        n.put("DedicatedClusterId", "");
        n.put("ProductVersion", "local");
        n.put("CurrentProxyVersion", "5.8.0");
        n.put("CurrentRedisVersion", i.version() + ".0");
        n.put("UpgradeProxyVersion", "");
        n.put("UpgradeRedisVersion", "");
        n.put("BackupMode", "NormalLevelBackup");
        return n;
    }

    private ObjectNode describeTaskInfo(Request r, Params p) {
        long taskId = p.requireInteger("TaskId");
        Task t = fleet.task(taskId).orElseThrow(() -> new TencentException("InvalidParameter.InvalidParameter",
                "业务参数错误: task " + taskId + " does not exist."));
        ObjectNode out = Json.object();
        out.put("Status", t.status().wire());
        out.put("StartTime", time(t.startTime()));
        out.put("TaskType", t.label());
        out.put("InstanceId", t.instanceId());
        out.put("TaskMessage", t.message());
        return out;
    }

    private ObjectNode describeTaskList(Request r, Params p) {
        long limit = p.integer("Limit", 20);
        long offset = p.integer("Offset", 0);
        if (limit < 0 || limit > 100) throw TencentException.invalidValue("Limit", limit, "must be between 0 and 100");
        String instanceId = p.string("InstanceId");
        String instanceName = p.string("InstanceName");
        List<String> types = p.strings("TaskTypes");
        List<Long> results = p.integers("Result");
        List<Task> matches = new ArrayList<>();
        for (Task t : fleet.tasks()) {
            Instance i = t.instanceId() == null ? null : fleet.instance(t.instanceId()).orElse(null);
            if (i != null && !i.region().equals(r.region())) continue;
            if (instanceId != null && !instanceId.isEmpty() && !instanceId.equals(t.instanceId())) continue;
            if (instanceName != null && !instanceName.isEmpty() && (i == null || !i.name().equals(instanceName))) continue;
            if (!types.isEmpty() && !types.contains(t.type())) continue;
            if (!results.isEmpty() && !results.contains((long) t.status().result())) continue;
            matches.add(t);
        }
        ObjectNode out = Json.object();
        out.put("TotalCount", matches.size());
        ArrayNode tasks = out.putArray("Tasks");
        matches.stream().skip(offset).limit(limit).forEach(t -> {
            Instance i = t.instanceId() == null ? null : fleet.instance(t.instanceId()).orElse(null);
            tasks.addObject().put("TaskId", t.id()).put("StartTime", time(t.startTime()))
                    .put("EndTime", time(t.endTime())).put("TaskType", t.type())
                    .put("InstanceName", i == null ? "" : i.name()).put("InstanceId", t.instanceId())
                    .put("ProjectId", i == null ? 0 : i.projectId())
                    .put("Progress", t.status().done() ? 1.0 : t.status().result() == 1 ? 0.5 : 0.0)
                    .put("Result", t.status().result());
        });
        return out;
    }

    private ObjectNode describeProductInfo(Request r, Params p) {
        ObjectNode out = Json.object();
        out.set("RegionSet", catalog.regionSet());
        return out;
    }

    // ---- modifications --------------------------------------------------------------------------------------------

    private ObjectNode modifyInstance(Request r, Params p) {
        String operation = p.requireString("Operation");
        List<String> ids = new ArrayList<>(p.strings("InstanceIds"));
        if (ids.isEmpty() && p.has("InstanceId")) ids.add(p.requireString("InstanceId"));
        if (ids.isEmpty()) throw TencentException.missing("InstanceIds");
        if (ids.size() > 10) throw TencentException.invalidValue("InstanceIds", ids.size() + " ids", "at most 10 instances per request");
        List<Instance> instances = ids.stream().map(id -> instance(r, id)).toList();
        switch (operation) {
            case "rename" -> {
                List<String> names = new ArrayList<>(p.strings("InstanceNames"));
                if (names.isEmpty() && p.has("InstanceName")) names.add(p.string("InstanceName"));
                if (names.size() != ids.size()) {
                    throw new TencentException("InvalidParameter", "rename needs one InstanceNames entry per InstanceIds entry ("
                            + ids.size() + " ids, " + names.size() + " names).");
                }
                names.forEach(this::checkName);
                for (int k = 0; k < instances.size(); k++) instances.get(k).name(names.get(k));
            }
            case "modifyProject" -> {
                Long project = p.integer("ProjectId");
                if (project == null) throw TencentException.missing("ProjectId");
                instances.forEach(i -> i.projectId(project));
            }
            case "modifyAutoRenew" -> {
                List<Long> flags = new ArrayList<>(p.integers("AutoRenews"));
                if (flags.isEmpty() && p.has("AutoRenew")) flags.add(p.integer("AutoRenew"));
                if (flags.size() != ids.size()) {
                    throw new TencentException("UnsupportedOperation.IsAutoRenewError", "自动续费标识错误: one AutoRenews entry per InstanceIds entry is needed.");
                }
                for (Long f : flags) {
                    if (f < 0 || f > 2) throw new TencentException("UnsupportedOperation.IsAutoRenewError", "自动续费标识错误: AutoRenews must be 0, 1 or 2, got " + f + ".");
                }
                for (int k = 0; k < instances.size(); k++) instances.get(k).autoRenew(flags.get(k).intValue());
            }
            default -> throw TencentException.invalidValue("Operation", operation, "must be one of: rename, modifyProject, modifyAutoRenew");
        }
        fleet.changed();
        return Json.object();
    }

    private ObjectNode upgradeInstance(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long memSize = p.requireInteger("MemSize");
        int shards = (int) p.integer("RedisShardNum", i.shards());
        int replicas = (int) p.integer("RedisReplicasNum", i.replicas());
        long switchOption = p.integer("SwitchOption", 2);
        if (switchOption != 1 && switchOption != 2) throw TencentException.invalidValue("SwitchOption", switchOption, "must be 1 or 2");
        requireRunning(i);
        int changes = (memSize != i.memSizeMb() ? 1 : 0) + (shards != i.shards() ? 1 : 0) + (replicas != i.replicas() ? 1 : 0);
        if (changes == 0) {
            throw new TencentException("InvalidParameter.InvalidParameter",
                    "业务参数错误: MemSize, RedisShardNum and RedisReplicasNum equal the current spec; nothing to change.");
        }
        if (changes > 1) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: change only one of MemSize, RedisShardNum, "
                    + "RedisReplicasNum per call and pass the other two with their current values (" + i.memSizeMb() + ", "
                    + i.shards() + ", " + i.replicas() + ").");
        }
        ProductCatalog.Spec spec = catalog.spec(i.typeId(), i.billingMode()).orElseThrow(() -> new TencentException(
                "InvalidParameterValue.UnSupportedType", "实例类型不支持: type " + i.typeId()));
        checkMemSize(spec, memSize, "InvalidParameterValue.MemSizeNotInRange");
        if (shards != i.shards() && (!spec.cluster() || !spec.shardCounts().contains(shards))) {
            throw new TencentException(spec.cluster() ? "InvalidParameterValue.SpecNotExist" : "InvalidParameterValue.UnSupportedType",
                    spec.cluster() ? "RedisShardNum " + shards + " is not sold; allowed: " + spec.shardCounts() + "."
                            : "实例类型不支持: a standard-architecture instance has exactly 1 shard.");
        }
        if (!spec.replicas().contains(replicas)) {
            throw new TencentException("InvalidParameterValue.SpecNotExist", "RedisReplicasNum " + replicas + " is not sold; allowed: "
                    + spec.replicas() + ".");
        }
        long newCapacityBytes = memSize * shards * 1024L * 1024L;
        RedisProcess dp = i.dataPlane();
        if (dp != null && newCapacityBytes < i.capacityMb() * 1024L * 1024L) {
            try {
                long used = dp.usedMemoryBytes();
                if (used > 0 && used * 13 / 10 > newCapacityBytes) {
                    throw new TencentException("InvalidParameterValue.ReduceCapacityNotAllowed", "请求容量偏小，不支持缩容: "
                            + (newCapacityBytes >> 20) + " MB < 1.3 x " + (used >> 20) + " MB used.");
                }
            } catch (IOException e) {
                throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal", "redis 状态异常: " + e.getMessage());
            }
        }
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        fleet.submit(i.id(), "002", "配置变更", () -> {
            try {
                RedisProcess process = i.dataPlane();
                if (process != null) process.setMaxmemory(newCapacityBytes);
                i.resize(memSize, shards, replicas);
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        });
        ObjectNode out = Json.object();
        out.put("DealId", deal(List.of(i.id()), i.zoneId(), null));
        return out;
    }

    private ObjectNode renewInstance(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long period = p.requireInteger("Period");
        if (period < 1) throw new TencentException("LimitExceeded.PeriodLessThanMinLimit", "购买时长非法，时长最少1个月: Period " + period + ".");
        if (period > 36) throw new TencentException("LimitExceeded.PeriodExceedMaxLimit", "购买时长超过3年: Period " + period + ".");
        if (i.billingMode() != 1 && !"prepaid".equalsIgnoreCase(p.string("ModifyPayMode", ""))) {
            throw new TencentException("InvalidParameterValue.UnSupportedType",
                    "实例类型不支持: " + i.id() + " is postpaid; pass ModifyPayMode=prepaid to switch it to prepaid.");
        }
        if (i.status() == InstanceStatus.TO_BE_DELETED) throw new TencentException("ResourceUnavailable.InstanceDeleted", "实例已经被回收了: " + i.id());
        i.renew(period, fleet.clock().instant());
        fleet.changed();
        ObjectNode out = Json.object();
        out.put("DealId", deal(List.of(i.id()), i.zoneId(), null));
        return out;
    }

    private ObjectNode describeInstanceDealDetail(Request r, Params p) {
        List<String> ids = p.strings("DealIds");
        if (ids.isEmpty()) throw TencentException.missing("DealIds");
        if (ids.size() > 10) throw TencentException.invalidValue("DealIds", ids.size() + " ids", "at most 10 per request");
        ObjectNode out = Json.object();
        ArrayNode details = out.putArray("DealDetails");
        for (String id : ids) {
            Deal d = dealsById.get(id);
            if (d == null) continue;
            ObjectNode n = details.addObject();
            n.put("DealId", d.dealId());
            n.put("DealName", TIME.format(d.created().atOffset(BEIJING)).replaceAll("[^0-9]", "").substring(0, 8) + String.format("%06d", Math.floorMod(d.dealId().hashCode(), 1_000_000)));
            n.put("ZoneId", d.zoneId());
            n.put("GoodsNum", d.instanceIds().size());
            n.put("Creater", Long.toString(APPID));
            n.put("CreatTime", time(d.created()));
            n.put("OverdueTime", time(d.created().plus(Duration.ofDays(15))));
            n.put("EndTime", time(d.created()));
            n.put("Status", 4);
            n.put("Description", "发货成功");
            n.put("Price", 0);
            ArrayNode instances = n.putArray("InstanceIds");
            d.instanceIds().forEach(instances::add);
        }
        return out;
    }

    private ObjectNode describeMaintenanceWindow(Request r, Params p) {
        instance(r, p.requireString("InstanceId"));
        ObjectNode out = Json.object();
        out.put("StartTime", "03:00");
        out.put("EndTime", "06:00");
        return out;
    }

    private ObjectNode describeAutoBackupConfig(Request r, Params p) {
        instance(r, p.requireString("InstanceId"));
        ObjectNode out = Json.object();
        out.put("AutoBackupType", 1);
        ArrayNode days = out.putArray("WeekDays");
        List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday").forEach(days::add);
        out.put("TimePeriod", "00:00-01:00");
        out.put("BackupStorageDays", 7);
        out.put("BinlogStorageDays", 7);
        return out;
    }

    private ObjectNode modifyInstancePassword(Request r, Params p) {
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

    private ObjectNode clearInstance(Request r, Params p) {
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

    private ObjectNode resetPassword(Request r, Params p) {
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

    // ---- backups --------------------------------------------------------------------------------------------------

    private ObjectNode manualBackupInstance(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long days = p.integer("StorageDays", 7);
        if (days < 0 || days > 1825) throw TencentException.invalidValue("StorageDays", days, "must be between 0 and 1825");
        requireRunning(i);
        Instant now = fleet.clock().instant();
        Backup backup = new Backup(UUID.randomUUID().toString(), i.id(), true, now, now.plus(days, ChronoUnit.DAYS),
                p.string("Remark", ""), Backup.Status.IN_PROGRESS, null, 0, null);
        i.addBackup(backup);
        fleet.changed();
        return taskResult(fleet.submit(i.id(), "012", "备份实例", () -> {
            RedisProcess process = i.dataPlane();
            try {
                if (process == null) {
                    backup.complete(null, 0, fleet.clock().instant());
                    return "no data plane: empty backup";
                }
                Path rdb = process.save();
                Path dir = fleet.backupDir(i.id());
                Files.createDirectories(dir);
                String file = backup.id() + ".rdb";
                Files.copy(rdb, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                backup.complete(file, Files.size(dir.resolve(file)), fleet.clock().instant());
                return "";
            } catch (IOException | RuntimeException e) {
                backup.fail(fleet.clock().instant());
                throw e;
            }
        }));
    }

    private ObjectNode describeInstanceBackups(Request r, Params p) {
        long limit = p.integer("Limit", 20);
        long offset = p.integer("Offset", 0);
        if (limit < 0 || limit > 100) throw TencentException.invalidValue("Limit", limit, "must be between 0 and 100");
        String instanceId = p.string("InstanceId");
        if (instanceId != null && !instanceId.isBlank()) instance(r, instanceId.trim());
        String instanceName = p.string("InstanceName");
        Instant begin = parseTime("BeginTime", p.string("BeginTime"));
        Instant end = parseTime("EndTime", p.string("EndTime"));
        List<Long> statuses = p.integers("Status");
        Instant now = fleet.clock().instant();
        List<ObjectNode> items = new ArrayList<>();
        for (Instance i : fleet.instances()) {
            if (!i.region().equals(r.region())) continue;
            if (instanceId != null && !instanceId.isBlank() && !i.id().equals(instanceId.trim())) continue;
            if (instanceName != null && !instanceName.isEmpty() && !i.name().contains(instanceName)) continue;
            for (Backup b : i.backups()) {
                if (begin != null && b.startTime().isBefore(begin)) continue;
                if (end != null && b.startTime().isAfter(end)) continue;
                int status = switch (b.status()) {
                    case IN_PROGRESS -> 1;
                    case FAILED -> -2;
                    case NORMAL -> b.expireTime() != null && b.expireTime().isBefore(now) ? -1 : 2;
                };
                if (!statuses.isEmpty() && !statuses.contains((long) status)) continue;
                ObjectNode n = Json.object();
                n.put("BackupId", b.id());
                // RedisBackupSet.BackupType: "0" user-initiated manual backup, "1" nightly automatic (seed l.34230)
                n.put("BackupType", b.manual() ? "0" : "1");
                n.put("Status", status);
                n.put("Remark", b.remark());
                n.put("Locked", 0);
                n.put("BackupSize", b.sizeBytes());
                n.put("FullBackup", 0);
                n.put("InstanceType", i.typeId());
                n.put("InstanceId", i.id());
                n.put("InstanceName", i.name());
                n.put("Region", i.region());
                n.put("StartTime", time(b.startTime()));
                n.put("EndTime", time(b.endTime()));
                n.put("ExpireTime", time(b.expireTime()));
                n.put("FileType", "RDB-Redis " + i.version());
                items.add(n);
            }
        }
        items.sort(Comparator.comparing((ObjectNode n) -> n.path("StartTime").asText()).reversed());
        ObjectNode out = Json.object();
        out.put("TotalCount", items.size());
        ArrayNode set = out.putArray("BackupSet");
        items.stream().skip(offset).limit(limit).forEach(set::add);
        return out;
    }

    private ObjectNode describeBackupDetail(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String backupId = p.requireString("BackupId");
        Backup b = i.backups().stream().filter(x -> x.id().equals(backupId)).findFirst()
                .orElseThrow(() -> new TencentException("InvalidParameterValue.BackupNotExists", "备份不存在: backup " + backupId
                        + " of " + i.id() + " does not exist."));
        ObjectNode out = Json.object();
        out.put("BackupId", b.id());
        out.put("StartTime", time(b.startTime()));
        out.put("EndTime", time(b.endTime()));
        // DescribeBackupDetail's own vocabulary (seed): BackupType "1" manual; Status 1 locked, 2 normal, -1 expired
        out.put("BackupType", b.manual() ? "1" : "0");
        out.put("Status", b.status() == Backup.Status.IN_PROGRESS ? 1
                : b.expireTime() != null && b.expireTime().isBefore(fleet.clock().instant()) ? -1 : 2);
        out.put("Remark", b.remark());
        out.put("Locked", b.status() == Backup.Status.IN_PROGRESS ? 1 : 0);
        out.put("BackupSize", b.sizeBytes());
        out.put("InstanceType", i.typeId());
        out.put("MemSize", i.memSizeMb());
        out.put("ShardNum", i.shards());
        out.put("ReplicasNum", i.replicas());
        return out;
    }

    private ObjectNode restoreInstance(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String backupId = p.requireString("BackupId");
        Backup backup = i.backups().stream().filter(b -> b.id().equals(backupId)).findFirst()
                .orElseThrow(() -> new TencentException("InvalidParameterValue.BackupNotExists", "备份不存在: backup " + backupId
                        + " of " + i.id() + " does not exist."));
        if (backup.status() != Backup.Status.NORMAL) {
            throw new TencentException("ResourceUnavailable.BackupStatusAbnormal", "备份状态异常，暂不能执行该操作: backup " + backupId
                    + " is not complete.");
        }
        if (!i.noAuth() && !i.password().matches(p.string("Password"))) {
            throw new TencentException("InvalidParameterValue.PasswordError", "密码校验出错，密码错误: the password does not match.");
        }
        requireRunning(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
        return taskResult(fleet.submit(i.id(), "010", "恢复备份", () -> {
            try {
                if (backup.file() != null && i.dataPlane() != null) {
                    fleet.stopDataPlane(i, false);
                    Files.copy(fleet.backupDir(i.id()).resolve(backup.file()), fleet.dataDir(i.id()).resolve("dump.rdb"),
                            StandardCopyOption.REPLACE_EXISTING);
                    fleet.startDataPlane(i);
                }
            } finally {
                i.transition(InstanceStatus.RUNNING);
            }
            return "";
        }));
    }

    // ---- parameters -----------------------------------------------------------------------------------------------

    private ObjectNode describeInstanceParams(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        RedisProcess process = i.dataPlane();
        ObjectNode out = Json.object();
        out.put("TotalCount", TencentParams.ALL.size());
        ArrayNode enums = out.putArray("InstanceEnumParam");
        ArrayNode ints = out.putArray("InstanceIntegerParam");
        ArrayNode texts = out.putArray("InstanceTextParam");
        ArrayNode multis = out.putArray("InstanceMultiParam");
        for (TencentParams.Param param : TencentParams.ALL.values()) {
            String current = i.param(param.name());
            if (current == null) current = param.defaultValue();
            if (param.redis() && process != null && !TencentParams.REPORT_STORED.contains(param.name())) {
                try {
                    String live = param.fromRedis(process.configGet(param.name()));
                    if (live != null) current = live;
                } catch (IOException e) {
                    // fall back to the recorded value
                }
            }
            ObjectNode n = Json.object();
            n.put("ParamName", param.name());
            n.put("ValueType", param.kind().name().toLowerCase(Locale.ROOT));
            n.put("NeedRestart", "false");
            n.put("DefaultValue", param.defaultValue());
            n.put("CurrentValue", current);
            n.put("Tips", param.tips());
            n.put("Status", 2);
            switch (param.kind()) {
                case ENUM -> {
                    param.values().forEach(n.putArray("EnumValue")::add);
                    enums.add(n);
                }
                case INTEGER -> {
                    n.put("Min", Long.toString(param.min()));
                    n.put("Max", Long.toString(param.max()));
                    n.put("Unit", param.unit());
                    ints.add(n);
                }
                case MULTI -> {
                    param.values().forEach(n.putArray("EnumValue")::add);
                    multis.add(n);
                }
                case TEXT -> {
                    param.values().forEach(n.putArray("TextValue")::add);
                    texts.add(n);
                }
            }
        }
        return out;
    }

    private ObjectNode modifyInstanceParams(Request r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        List<JsonNode> list = p.list("InstanceParams");
        if (list.isEmpty()) throw TencentException.missing("InstanceParams");
        Map<TencentParams.Param, String> changes = new LinkedHashMap<>();
        for (int k = 0; k < list.size(); k++) {
            JsonNode item = list.get(k);
            String key = item.path("Key").asText(null);
            JsonNode valueNode = item.get("Value");
            if (key == null || key.isEmpty()) throw TencentException.missing("InstanceParams." + k + ".Key");
            if (valueNode == null || valueNode.isNull()) throw TencentException.missing("InstanceParams." + k + ".Value");
            TencentParams.Param param = TencentParams.ALL.get(key);
            if (param == null) {
                throw new TencentException("InvalidParameter", "参数错误: `" + key + "` (InstanceParams." + k
                        + ".Key) is not a modifiable parameter; known: " + String.join(", ", TencentParams.ALL.keySet()) + ".");
            }
            String value = valueNode.asText();
            String problem = param.problem(value);
            if (problem != null) throw TencentException.invalidValue("InstanceParams." + k + ".Value (" + key + ")", value, problem);
            changes.put(param, value);
        }
        requireRunning(i);
        Task task = fleet.submit(i.id(), "034", "修改实例参数", () -> {
            RedisProcess process = i.dataPlane();
            for (Map.Entry<TencentParams.Param, String> c : changes.entrySet()) {
                if (c.getKey().redis() && process != null) process.configSet(c.getKey().name(), c.getKey().redisValue(c.getValue()));
                i.param(c.getKey().name(), c.getValue());
            }
            return "";
        });
        ObjectNode out = Json.object();
        out.put("Changed", true);
        out.put("TaskId", task.id());
        return out;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private Instance instance(Request r, String id) {
        return fleet.instance(id).filter(i -> i.region().equals(r.region()))
                .orElseThrow(() -> TencentException.notFound(id));
    }

    private static void requireRunning(Instance i) {
        switch (i.status()) {
            case RUNNING -> {
            }
            case PROCESSING, TO_BE_INITIALIZED -> throw new TencentException("ResourceUnavailable.InstanceLockedError",
                    "redis 已经被其它流程锁定: " + i.id() + " is in a workflow (status " + i.status().code() + "); retry when it is running.");
            default -> throw new TencentException("ResourceUnavailable.InstanceStatusError",
                    "实例状态异常，不能执行对应操作: " + i.id() + " has status " + i.status().code() + ".");
        }
    }

    private static void checkMemSize(ProductCatalog.Spec spec, long memSize, String notSoldCode) {
        if (memSize <= 0 || memSize % 1024 != 0) {
            throw new TencentException("LimitExceeded.InvalidMemSize",
                    "请求的容量不在售卖规格中（memSize应为1024的整数倍，单位：MB）: MemSize " + memSize + ".");
        }
        if (!spec.shardSizesMb().contains(memSize)) {
            throw new TencentException(notSoldCode, "MemSize " + memSize + " MB is not sold for TypeId " + spec.typeId()
                    + (spec.cluster() ? " (per shard)" : "") + "; allowed (MB): " + spec.shardSizesMb() + ".");
        }
    }

    private static String checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new TencentException("InvalidParameterValue.PasswordEmpty", "密码为空: Password is required unless NoAuth is true.");
        }
        String rule = "8-64 characters, at least two of lower-case, upper-case, digits and " + SPECIALS + ", not starting with /";
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean special = false;
        for (char c : password.toCharArray()) {
            if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if (SPECIALS.indexOf(c) >= 0) special = true;
            else throw new TencentException("InvalidParameterValue.PasswordRuleError", "Password breaks the rule: " + rule + ".");
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (special ? 1 : 0);
        if (password.length() < 8 || password.length() > 64 || password.startsWith("/") || classes < 2) {
            throw new TencentException("InvalidParameterValue.PasswordRuleError", "Password breaks the rule: " + rule + ".");
        }
        return password;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.length() >= 60 || !NAME.matcher(name).matches()) {
            throw new TencentException("InvalidParameterValue.InstanceNameRuleError", "重命名，命名规则错误: instance name `" + name
                    + "` must be 1-59 characters of Chinese, letters, digits, - and _.");
        }
    }

    private String newInstanceId() {
        while (true) {
            StringBuilder id = new StringBuilder("crs-");
            for (int k = 0; k < 8; k++) id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            if (!fleet.contains(id.toString())) return id.toString();
        }
    }

    private static boolean isCluster(Instance i) {
        return Set.of(4, 7, 9, 16, 18).contains(i.typeId());
    }

    /** DescribeInstances TypeVersion: 1 single node, 2 standard (master-replica), 3 cluster. */
    private static int typeVersion(Instance i) {
        if (isCluster(i)) return 3;
        return i.typeId() == 5 ? 1 : 2;
    }

    private static String engineName(Instance i) {
        return i.typeId() == 3 || i.typeId() == 4 ? "CKV" : "Redis-" + i.version();
    }

    static String time(Instant instant) {
        return instant == null ? ZERO_TIME : TIME.format(instant.atOffset(BEIJING));
    }

    private static Instant parseTime(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDateTime.parse(value.trim(), TIME).toInstant(BEIJING);
        } catch (DateTimeParseException e) {
            throw TencentException.invalidValue(name, value, "must be a time like 2017-02-08 16:46:34");
        }
    }

    private static ObjectNode taskResult(Task task) {
        ObjectNode out = Json.object();
        out.put("TaskId", task.id());
        return out;
    }

    /** Parameters applied with CONFIG SET when an instance's redis-server starts. */
    static Map<String, String> redisConfig(Instance instance) {
        Map<String, String> config = new LinkedHashMap<>();
        for (TencentParams.Param param : TencentParams.ALL.values()) {
            if (!param.redis()) continue;
            String value = instance.param(param.name());
            config.put(param.name(), param.redisValue(value == null ? param.defaultValue() : value));
        }
        return config;
    }
}
