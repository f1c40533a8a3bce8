package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Base of a group of Huawei DCS operations (one file per group, listed in {@link HuaweiActionGroups#ALL}). Holds
 * the helpers groups share: instance lookup (Huawei instances only), the Huawei status of an instance, status checks,
 * the seed's name and password rules, times, jobs and {@code redisCall}.
 */
public abstract class HuaweiActionGroup {

    /** The vendor of the instances this front-end creates and sees. */
    public static final String VENDOR = "huawei";

    /** Huawei times: ISO-8601 UTC with milliseconds ({@code 2020-06-05T03:30:36.273Z}). */
    protected static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{3,63}");
    private static final String SPECIALS = "~!@#$^&*()-_=+\\|{}:,<.>/?";
    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-zA-Z-]{1,64}");

    protected final HuaweiContext ctx;
    protected final Fleet fleet;
    protected final HuaweiFlavors flavors;

    protected HuaweiActionGroup(HuaweiContext ctx) {
        this.ctx = ctx;
        this.fleet = ctx.fleet();
        this.flavors = ctx.flavors();
    }

    /** Registers this group's handlers: {@code actions.v2("ShowInstance", this::showInstance)}. */
    protected abstract void register(HuaweiDcsProvider.Registry actions);

    // ---- instances ------------------------------------------------------------------------------------------------

    /** The Huawei instance {@code id}, else {@code DCS.3022} / {@code 111404022} (404); a malformed id is {@code DCS.4061}. */
    protected Instance instance(String id) {
        if (id == null || !UUID_LIKE.matcher(id).matches()) {
            throw new HuaweiException("DCS.4061", "111400061", 400, "Invalid instance ID format: " + id + ".");
        }
        return fleet.instance(id).filter(i -> VENDOR.equals(i.vendor()))
                .orElseThrow(() -> HuaweiException.instanceNotFound(id));
    }

    protected static HuaweiState state(Instance i) {
        return HuaweiState.of(i);
    }

    /** The seed's status word (appendix 7.5) for the fleet's lifecycle state. */
    protected static String status(Instance i) {
        return switch (i.status()) {
            case TO_BE_INITIALIZED -> "CREATING";
            case PROCESSING -> state(i).busyStatus();
            case RUNNING -> "RUNNING";
            case ISOLATED -> "FROZEN";
            case TO_BE_DELETED -> "DELETING";
        };
    }

    /** {@code DCS.4026} unless the instance is RUNNING. */
    protected static void requireRunning(Instance i) {
        if (i.status() != InstanceStatus.RUNNING) throw HuaweiException.wrongState(i.id(), status(i));
    }

    /** Marks the instance busy with a Huawei status (RESTARTING, FLUSHING, EXTENDING, RESTORING). */
    protected void busy(Instance i, String huaweiStatus) {
        requireRunning(i);
        state(i).busy(huaweiStatus).save(i);
        i.transition(InstanceStatus.PROCESSING);
        fleet.changed();
    }

    /** Back to RUNNING after a busy phase. */
    protected void done(Instance i) {
        if (i.status() == InstanceStatus.PROCESSING || i.status() == InstanceStatus.TO_BE_INITIALIZED) {
            i.transition(InstanceStatus.RUNNING);
        }
        fleet.changed();
    }

    /** Runs {@code work} after the task delay, the instance {@code huaweiStatus} meanwhile, RUNNING afterwards. */
    protected Task busyTask(Instance i, String huaweiStatus, String type, Fleet.Work work) {
        busy(i, huaweiStatus);
        return fleet.submit(i.id(), type, huaweiStatus, () -> {
            try {
                return work.run();
            } finally {
                done(i);
            }
        });
    }

    /** Runs a command on the instance's redis-server; none (no data plane) gives {@code DCS.4049}. */
    protected static Object redisCall(Instance i, String... command) {
        RedisProcess process = i.dataPlane();
        if (process == null) {
            throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + i.id()
                    + " has no redis-server in this emulator.");
        }
        try {
            return process.call(command);
        } catch (IOException e) {
            throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + e.getMessage());
        }
    }

    /** {@code used_memory} of the data plane in MB (0 without one): INFO, or memcached's {@code bytes}. */
    protected long usedMemoryMb(Instance i) {
        if (MemcachedRules.memcached(i)) {
            var memcached = fleet.memcached(i);
            if (memcached == null) return 0;
            try {
                long bytes = Long.parseLong(memcached.stats().getOrDefault("bytes", "0").trim());
                return bytes <= 0 ? 0 : Math.max(1, bytes / (1024 * 1024));
            } catch (IOException | NumberFormatException e) {
                return 0;
            }
        }
        RedisProcess p = i.dataPlane();
        if (p == null) return 0;
        try {
            long bytes = p.usedMemoryBytes();
            return bytes < 0 ? 0 : Math.max(1, bytes / (1024 * 1024));
        } catch (IOException e) {
            return 0;
        }
    }

    // ---- the seed's rules -----------------------------------------------------------------------------------------

    /** 4-64 characters, starting with a letter, then letters, digits, {@code -} and {@code _}: {@code DCS.4010}. */
    protected static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new HuaweiException("DCS.4010", "111400010", 400, "Invalid DCS instance name. The name must be 4 to 64 "
                    + "characters in length, start with a letter and contain only letters, digits, underscores (_) and "
                    + "hyphens (-): `" + name + "`.");
        }
    }

    /**
     * The seed's Redis password rule: 8-64 characters (v1: 8-32) with at least three of upper-case, lower-case, digits
     * and {@code ~!@#$^&*()-_=+\|{}:,<.>/?}; {@code DCS.4019}.
     */
    protected static String checkPassword(String password, int maxLength) {
        String rule = "8-" + maxLength + " characters with at least three of upper-case letters, lower-case letters, digits"
                + " and special characters " + SPECIALS;
        if (password == null || password.length() < 8 || password.length() > maxLength) throw HuaweiException.weakPassword(rule);
        int lower = 0;
        int upper = 0;
        int digit = 0;
        int special = 0;
        for (char c : password.toCharArray()) {
            if (c >= 'a' && c <= 'z') lower = 1;
            else if (c >= 'A' && c <= 'Z') upper = 1;
            else if (c >= '0' && c <= '9') digit = 1;
            else if (SPECIALS.indexOf(c) >= 0) special = 1;
            else throw HuaweiException.weakPassword(rule);
        }
        if (lower + upper + digit + special < 3) throw HuaweiException.weakPassword(rule);
        return password;
    }

    // ---- answers --------------------------------------------------------------------------------------------------

    public static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    protected static ObjectNode object() {
        return Json.object();
    }

    protected String job(Task task, String jobType) {
        return ctx.job(task, jobType);
    }
}
