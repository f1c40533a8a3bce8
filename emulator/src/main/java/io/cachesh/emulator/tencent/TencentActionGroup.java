package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A group of Tencent Redis actions in one file ({@code BackupActions}, {@code ParamActions}, ...), listed in
 * {@link TencentActionGroups}. Subclasses register their handlers in {@link #register(Map)} and use the helpers
 * here: finding an instance in the caller's region, status checks, the seed's rules for passwords and names, Tencent
 * times, task answers and the instance's real redis-server.
 */
public abstract class TencentActionGroup {

    /** Tencent times are Beijing time, {@code yyyy-MM-dd HH:mm:ss}. */
    protected static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    protected static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    protected static final String ZERO_TIME = "0000-00-00 00:00:00";
    /** The account's AppId in answers. */
    protected static final long APPID = 1250000000L;
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SPECIALS = "()`~!@#$%^&*-+=_|{}[]:;<>,.?/";
    private static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z0-9_-]+");

    protected final TencentContext ctx;
    protected final Fleet fleet;
    protected final ProductCatalog catalog;

    protected TencentActionGroup(TencentContext ctx) {
        this.ctx = ctx;
        this.fleet = ctx.fleet();
        this.catalog = ctx.catalog();
    }

    /** Puts this group's handlers: {@code actions.put("DescribeInstances", this::describeInstances)}. */
    protected abstract void register(Map<String, TencentAction> actions);

    // ---- instances ------------------------------------------------------------------------------------------------

    /** The instance {@code id} in the caller's region, else {@code ResourceNotFound.InstanceNotExists}. */
    protected Instance instance(TencentRequest r, String id) {
        return fleet.instance(id).filter(i -> i.region().equals(r.region()))
                .orElseThrow(() -> TencentException.notFound(id));
    }

    /** {@code ResourceUnavailable.InstanceLockedError} in a workflow, {@code InstanceStatusError} when not running. */
    /**
     * A paging member ({@code Offset}, {@code Limit}) read with bounds: absent gives {@code dflt}, a value outside
     * {@code min..max} is {@code InvalidParameterValue} naming the member and the range. Handlers page with
     * {@code Stream.skip/limit}, which must never see a negative number.
     */
    protected static long paging(Params p, String name, long dflt, long min, long max) {
        long v = p.integer(name, dflt);
        if (v < min || v > max) {
            throw TencentException.invalidValue(name, v, max == Long.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max);
        }
        return v;
    }

    /** {@code Offset}: 0 or more, 0 when absent. */
    protected static long offset(Params p) {
        return paging(p, "Offset", 0, 0, Long.MAX_VALUE);
    }

    protected static void requireRunning(Instance i) {
        switch (i.status()) {
            case RUNNING -> {
            }
            case PROCESSING, TO_BE_INITIALIZED -> throw new TencentException("ResourceUnavailable.InstanceLockedError",
                    "redis 已经被其它流程锁定: " + i.id() + " is in a workflow (status " + i.status().code() + "); retry when it is running.");
            default -> throw new TencentException("ResourceUnavailable.InstanceStatusError",
                    "实例状态异常，不能执行对应操作: " + i.id() + " has status " + i.status().code() + ".");
        }
    }

    /**
     * The instance's redis-server, or null when the emulator has no data plane (the control plane must then still
     * answer, e.g. with empty monitoring data). {@code redis.call("SLOWLOG", "GET", "10")} talks RESP to it.
     */
    protected static RedisProcess redis(Instance i) {
        return i.dataPlane();
    }

    /** Runs one command on the instance's redis-server; no data plane or a redis error is {@code InstanceStatusAbnormal}. */
    protected static Object redisCall(Instance i, String... command) {
        RedisProcess process = i.dataPlane();
        if (process == null) {
            throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal",
                    "redis 状态异常: " + i.id() + " has no running redis-server in this emulator.");
        }
        try {
            return process.call(command);
        } catch (IOException e) {
            throw new TencentException("ResourceUnavailable.InstanceStatusAbnormal", "redis 状态异常: " + e.getMessage());
        }
    }

    protected String newInstanceId() {
        while (true) {
            StringBuilder id = new StringBuilder("crs-");
            for (int k = 0; k < 8; k++) id.append(ID_ALPHABET.charAt(ctx.random().nextInt(ID_ALPHABET.length())));
            if (!fleet.contains(id.toString())) return id.toString();
        }
    }

    protected static boolean isCluster(Instance i) {
        return Set.of(4, 7, 9, 16, 18).contains(i.typeId());
    }

    /** DescribeInstances TypeVersion: 1 single node, 2 standard (master-replica), 3 cluster. */
    protected static int typeVersion(Instance i) {
        if (isCluster(i)) return 3;
        return i.typeId() == 5 ? 1 : 2;
    }

    protected static String engineName(Instance i) {
        return i.typeId() == 3 || i.typeId() == 4 ? "CKV" : "Redis-" + i.version();
    }

    // ---- the seed's value rules -----------------------------------------------------------------------------------

    protected static void checkMemSize(ProductCatalog.Spec spec, long memSize, String notSoldCode) {
        if (memSize <= 0 || memSize % 1024 != 0) {
            throw new TencentException("LimitExceeded.InvalidMemSize",
                    "请求的容量不在售卖规格中（memSize应为1024的整数倍，单位：MB）: MemSize " + memSize + ".");
        }
        if (!spec.shardSizesMb().contains(memSize)) {
            throw new TencentException(notSoldCode, "MemSize " + memSize + " MB is not sold for TypeId " + spec.typeId()
                    + (spec.cluster() ? " (per shard)" : "") + "; allowed (MB): " + spec.shardSizesMb() + ".");
        }
    }

    /** The seed's password rule; {@code InvalidParameterValue.PasswordEmpty} / {@code PasswordRuleError}. */
    protected static String checkPassword(String password) {
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

    protected static void checkName(String name) {
        if (name.isEmpty() || name.length() >= 60 || !NAME.matcher(name).matches()) {
            throw new TencentException("InvalidParameterValue.InstanceNameRuleError", "重命名，命名规则错误: instance name `" + name
                    + "` must be 1-59 characters of Chinese, letters, digits, - and _.");
        }
    }

    // ---- answers --------------------------------------------------------------------------------------------------

    /** Tencent's time format in Beijing time; null is {@code 0000-00-00 00:00:00}. */
    public static String time(Instant instant) {
        return instant == null ? ZERO_TIME : TIME.format(instant.atOffset(BEIJING));
    }

    protected static Instant parseTime(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDateTime.parse(value.trim(), TIME).toInstant(BEIJING);
        } catch (DateTimeParseException e) {
            throw TencentException.invalidValue(name, value, "must be a time like 2017-02-08 16:46:34");
        }
    }

    /** {@code {"TaskId": n}}, the answer of most asynchronous actions. */
    protected static ObjectNode taskResult(Task task) {
        ObjectNode out = Json.object();
        out.put("TaskId", task.id());
        return out;
    }

    protected static ObjectNode object() {
        return Json.object();
    }

    protected String deal(List<String> instanceIds, int zoneId, String dealId) {
        return ctx.deal(instanceIds, zoneId, dealId);
    }
}
