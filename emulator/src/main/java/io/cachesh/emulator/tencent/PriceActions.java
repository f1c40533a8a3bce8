package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Price inquiries over the emulated {@link PriceTable}, with the validation of the actions they price: the spec must
 * be on sale (products.json, as for CreateInstances / UpgradeInstance), periods as for RenewInstance, and a scale-down
 * must leave room for the data the REAL server holds ({@code used_memory} from {@code INFO memory}, as UpgradeInstance).
 */
final class PriceActions extends TencentActionGroup {

    private static final Set<Integer> FIXED_LAYOUT = Set.of(2, 3, 5);

    PriceActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("InquiryPriceCreateInstance", this::inquiryPriceCreateInstance);
        actions.put("InquiryPriceRenewInstance", this::inquiryPriceRenewInstance);
        actions.put("InquiryPriceUpgradeInstance", this::inquiryPriceUpgradeInstance);
    }

    private static ObjectNode price(BigDecimal amount) {
        ObjectNode out = object();
        out.put("Price", (double) PriceTable.rounded(amount));
        out.put("HighPrecisionPrice", PriceTable.precise(amount).doubleValue());
        out.put("Currency", "CNY");
        out.put("AmountUnit", "pent");
        return out;
    }

    private static TencentException specNotExist(String what) {
        return new TencentException("InvalidParameterValue.SpecNotExist", "实例规格不存在: " + what);
    }

    private ObjectNode inquiryPriceCreateInstance(TencentRequest r, Params p) {
        int typeId = (int) p.requireInteger("TypeId");
        long memSize = p.requireInteger("MemSize");
        long goodsNum = p.requireInteger("GoodsNum");
        long period = p.requireInteger("Period");
        int billingMode = (int) p.requireInteger("BillingMode");
        if (billingMode != 0 && billingMode != 1) throw TencentException.invalidValue("BillingMode", billingMode, "must be 0 (postpaid) or 1 (prepaid)");
        ProductCatalog.Spec spec = catalog.spec(typeId, billingMode)
                .orElseThrow(() -> specNotExist("TypeId " + typeId + " is not sold."));
        if (!Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 36).contains((int) period)) {
            throw TencentException.invalidValue("Period", period, "must be one of 1-12, 24, 36 (months)");
        }
        if (billingMode == 0 && period != 1) throw TencentException.invalidValue("Period", period, "must be 1 for postpaid (BillingMode 0)");
        if (goodsNum < spec.minBuy() || goodsNum > spec.maxBuy()) {
            throw TencentException.invalidValue("GoodsNum", goodsNum, "must be between " + spec.minBuy() + " and " + spec.maxBuy());
        }
        if (memSize <= 0 || memSize % 1024 != 0 && !spec.shardSizesMb().contains(memSize)) {
            throw specNotExist("MemSize " + memSize + " MB is not a multiple of 1024.");
        }
        if (!spec.shardSizesMb().contains(memSize)) {
            throw specNotExist("MemSize " + memSize + " MB is not sold for TypeId " + typeId + (spec.cluster() ? " (per shard)" : "")
                    + "; allowed (MB): " + spec.shardSizesMb() + ".");
        }
        int shards = (int) p.integer("RedisShardNum", spec.cluster() ? 3 : 1);
        if (!spec.shardCounts().contains(shards)) {
            throw specNotExist("RedisShardNum " + shards + " is not sold for TypeId " + typeId + "; allowed: " + spec.shardCounts() + ".");
        }
        int replicas = (int) p.integer("RedisReplicasNum", spec.replicas().contains(1) ? 1 : spec.replicas().iterator().next());
        if (!spec.replicas().contains(replicas)) {
            throw specNotExist("RedisReplicasNum " + replicas + " is not sold for TypeId " + typeId + "; allowed: " + spec.replicas() + ".");
        }
        if (p.has("ZoneId")) {
            long zoneId = p.requireInteger("ZoneId");
            if (catalog.zones(r.region()).stream().noneMatch(z -> z.oldZoneId() == zoneId)) {
                throw specNotExist("ZoneId " + zoneId + " is not a zone of " + r.region() + ".");
            }
        }
        String zoneName = p.string("ZoneName");
        if (zoneName != null && !zoneName.isBlank() && !zoneName.equals(r.region())
                && catalog.zones(r.region()).stream().noneMatch(z -> z.zoneId().equals(zoneName.trim()))) {
            throw specNotExist("ZoneName " + zoneName + " is not a zone of " + r.region() + ".");
        }
        BigDecimal one = billingMode == 1
                ? PriceTable.monthly(memSize, shards, replicas).multiply(BigDecimal.valueOf(period))
                : PriceTable.hourly(memSize, shards, replicas);
        return price(one.multiply(BigDecimal.valueOf(goodsNum)));
    }

    private ObjectNode inquiryPriceRenewInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long period = p.requireInteger("Period");
        if (period < 1) throw new TencentException("LimitExceeded.PeriodLessThanMinLimit", "购买时长非法，时长最少1个月: Period " + period + ".");
        if (period > 36) throw new TencentException("LimitExceeded.PeriodExceedMaxLimit", "购买时长超过3年: Period " + period + ".");
        if (i.status() == InstanceStatus.PROCESSING || i.status() == InstanceStatus.TO_BE_INITIALIZED) {
            throw new TencentException("ResourceInUse.InstanceBeenLocked", "实例被其它流程锁住: " + i.id() + " is in a workflow (status "
                    + i.status().code() + ").");
        }
        if (i.status() == InstanceStatus.TO_BE_DELETED) {
            throw new TencentException("FailedOperation.UnSupportError", "实例不支持该接口: " + i.id() + " is being deleted.");
        }
        // A postpaid instance is priced as if renewed with ModifyPayMode=prepaid.
        return price(PriceTable.monthly(i.memSizeMb(), i.shards(), i.replicas()).multiply(BigDecimal.valueOf(period)));
    }

    private ObjectNode inquiryPriceUpgradeInstance(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long memSize = p.requireInteger("MemSize");
        if (i.status() == InstanceStatus.PROCESSING || i.status() == InstanceStatus.TO_BE_INITIALIZED) {
            throw new TencentException("ResourceUnavailable.InstanceStateError", "实例状态错误: " + i.id() + " is in a workflow (status "
                    + i.status().code() + ").");
        }
        if (i.status() != InstanceStatus.RUNNING) {
            throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + i.id()
                    + " has status " + i.status().code() + ".");
        }
        if (FIXED_LAYOUT.contains(i.typeId()) && (p.has("RedisShardNum") && p.integer("RedisShardNum") != i.shards()
                || p.has("RedisReplicasNum") && p.integer("RedisReplicasNum") != i.replicas())) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: type " + i.typeId()
                    + " (Redis 2.8 / CKV master-replica, Redis 2.8 single node) has a fixed number of shards and replicas.");
        }
        int shards = (int) p.integer("RedisShardNum", i.shards());
        int replicas = (int) p.integer("RedisReplicasNum", i.replicas());
        int changes = (memSize != i.memSizeMb() ? 1 : 0) + (shards != i.shards() ? 1 : 0) + (replicas != i.replicas() ? 1 : 0);
        if (changes == 0) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: MemSize, RedisShardNum and RedisReplicasNum "
                    + "equal the current spec; nothing to price.");
        }
        if (changes > 1) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: change only one of MemSize, RedisShardNum, "
                    + "RedisReplicasNum per upgrade (current " + i.memSizeMb() + ", " + i.shards() + ", " + i.replicas() + ").");
        }
        ProductCatalog.Spec spec = catalog.spec(i.typeId(), i.billingMode())
                .orElseThrow(() -> specNotExist("type " + i.typeId() + " is no longer sold."));
        if (memSize <= 0 || !spec.shardSizesMb().contains(memSize)) {
            throw new TencentException("LimitExceeded.MemSizeNotInRange", "请求的容量不在售卖容量范围内: MemSize " + memSize
                    + " MB; allowed (MB" + (spec.cluster() ? " per shard" : "") + "): " + spec.shardSizesMb() + ".");
        }
        if (shards != i.shards() && (!spec.cluster() || !spec.shardCounts().contains(shards))) {
            throw specNotExist("RedisShardNum " + shards + (spec.cluster() ? " is not sold; allowed: " + spec.shardCounts()
                    : ": a standard-architecture instance has exactly 1 shard") + ".");
        }
        if (!spec.replicas().contains(replicas)) {
            throw specNotExist("RedisReplicasNum " + replicas + " is not sold; allowed: " + spec.replicas() + ".");
        }
        long newCapacity = memSize * shards * 1024L * 1024L;
        RedisProcess process = redis(i);
        if (process != null && newCapacity < i.capacityMb() * 1024L * 1024L) {
            long used;
            try {
                used = process.usedMemoryBytes();
            } catch (IOException e) {
                throw new TencentException("ResourceUnavailable.InstanceStatusError", "实例状态异常，不能执行对应操作: " + e.getMessage());
            }
            if (used > 0 && used * 13 / 10 > newCapacity) {
                throw new TencentException("InvalidParameterValue.ReduceCapacityNotAllowed", "请求容量偏小，不支持缩容: "
                        + (newCapacity >> 20) + " MB < 1.3 x " + (used >> 20) + " MB used.");
            }
        }
        if (i.billingMode() == 0) {
            // Postpaid: what an hour of the new spec costs.
            return price(PriceTable.hourly(memSize, shards, replicas));
        }
        // Prepaid: the monthly difference for the months left until the deadline; a scale-down costs nothing.
        BigDecimal delta = PriceTable.monthly(memSize, shards, replicas)
                .subtract(PriceTable.monthly(i.memSizeMb(), i.shards(), i.replicas()));
        if (delta.signum() <= 0) return price(BigDecimal.ZERO);
        Instant now = fleet.clock().instant();
        Instant deadline = i.deadlineTime() == null ? now : i.deadlineTime();
        long seconds = Math.max(0, Duration.between(now, deadline).getSeconds());
        BigDecimal months = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(Duration.ofDays(30).getSeconds()), 10, RoundingMode.HALF_UP);
        return price(delta.multiply(months));
    }
}
