package io.cachesh.emulator.huawei;

import io.cachesh.emulator.dataplane.RedisInspector;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Cache analysis (v2 5.8): expired-key scans, big-key and hot-key analyses, each a record answered from a bounded walk
 * over the instance's real redis-server, run as a fleet task after the task delay.
 *
 * <ul>
 *   <li>Records: {@code waiting} when created, {@code running} while the fleet task runs, then {@code success} or
 *       {@code failed}; {@code scan_type} {@code manual} (created by the API) or {@code auto} (the schedules). Newest
 *       first, paged by offset/limit, filtered by {@code status}. Kept in the instance's extensions
 *       ({@code huawei.analysis.*}).</li>
 *   <li>Expired keys (ScanExpireKey and CreateAutoExpireScanTask feed the same history, catalogue item 28): a full
 *       {@code SCAN} of every database, {@code COUNT} = the auto-scan config's {@code scan_keys_count} (500 without
 *       one). SCAN deletes the expired keys it meets; {@code num} is the server's own {@code expired_keys} counter
 *       ({@code INFO stats}) before and after the walk, so it also counts what redis' active expiry removed
 *       meanwhile. {@code total} of the history is the sum of {@code num}, {@code count} the number of scans.</li>
 *   <li>Big keys: {@code SCAN} + {@code TYPE} + the element count ({@code HLEN}/{@code LLEN}/{@code SCARD}/
 *       {@code ZCARD}/{@code XLEN}, unit {@code count}) or the value size ({@code STRLEN}, unit {@code byte}). A key
 *       is big from {@value #BIG_STRING_BYTES} bytes (strings) or {@value #BIG_ELEMENTS} elements (collections), DCS's
 *       published thresholds; {@code num} counts them all, {@code keys} lists the {@value #TOP_PER_TYPE} biggest per
 *       type. {@code CLIENT NO-TOUCH} is asked for (redis 7.2+) so the counts do not look like accesses to LFU.</li>
 *   <li>Hot keys: needs an LFU {@code maxmemory-policy} (the seed's precondition; otherwise {@code DCS.4922}).
 *       {@code OBJECT FREQ} of every key (it does not touch the counter), keys above the LFU start value
 *       {@value #LFU_INIT} are hot, the {@value #TOP_HOT} hottest listed with {@code MEMORY USAGE} bytes.</li>
 *   <li>Schedules: big/hot {@code schedule_at} (daily {@code HH:mm} UTC) and the expired-key
 *       {@code first_scan_at + k * interval}. The emulator has no timer for them: the first call about the instance's
 *       analyses after a due time starts the {@code auto} run of the latest due time (missed runs collapse into one),
 *       with {@code created_at} = that due time.</li>
 * </ul>
 * Walks are bounded ({@value #MAX_KEYS} keys, {@link #BUDGET}); without a redis-server (emulator without data plane)
 * an analysis finds nothing.
 */
final class CacheAnalysisActions extends HuaweiActionGroup {

    static final long BIG_STRING_BYTES = 10 * 1024;
    static final long BIG_ELEMENTS = 5_000;
    static final int TOP_PER_TYPE = 20;
    static final long LFU_INIT = 5;
    static final int TOP_HOT = 100;
    static final int MAX_KEYS = 200_000;
    static final Duration BUDGET = Duration.ofSeconds(5);
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    /** The three analyses. */
    enum Kind {
        BIGKEY("huawei.analysis.bigkey", "DCS.4919", "Does not support bigkey analyze.", "DCS.4942", "The bigkey id does not exist."),
        HOTKEY("huawei.analysis.hotkey", "DCS.4922", "Does not support hotkey analyze.", "DCS.4941", "The hotkey id does not exist."),
        EXPIRE("huawei.analysis.expire", "DCS.4818", "Do not support auto expire scan.", "DCS.4818", "Do not support auto expire scan.");

        final String key;
        final String unsupportedCode;
        final String unsupported;
        final String unknownCode;
        final String unknown;

        Kind(String key, String unsupportedCode, String unsupported, String unknownCode, String unknown) {
            this.key = key;
            this.unsupportedCode = unsupportedCode;
            this.unsupported = unsupported;
            this.unknownCode = unknownCode;
            this.unknown = unknown;
        }

        String configKey() {
            return key + ".autoscan";
        }
    }

    /** A key an analysis reports ({@code BigkeysBody} / {@code HotkeysBody}); {@code freq} null for big keys. */
    public record KeyItem(String name, String type, String shard, int db, long size, String unit, Long freq) {
    }

    /** One analysis run. Times are Huawei ISO strings, null while not reached. */
    public record Run(String id, long taskId, String status, String scanType, String createdAt, String startedAt,
                      String finishedAt, int num, List<KeyItem> keys, String error) {
        public Run {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }

        Run started(String at) {
            return new Run(id, taskId, "running", scanType, createdAt, at, finishedAt, num, keys, error);
        }

        Run finished(String status, String at, int num, List<KeyItem> keys, String error) {
            return new Run(id, taskId, status, scanType, createdAt, startedAt == null ? at : startedAt, at, num, keys, error);
        }
    }

    /** The runs of one kind on an instance, oldest first. */
    public record Runs(List<Run> runs) {
        public Runs {
            runs = runs == null ? List.of() : List.copyOf(runs);
        }
    }

    /** Big/hot-key schedule ({@code AutoscanConfigRequest}); {@code lastAuto} is the last due time run. */
    public record Schedule(boolean enabled, List<String> scheduleAt, String updatedAt, String lastAuto) {
        public Schedule {
            scheduleAt = scheduleAt == null ? List.of() : List.copyOf(scheduleAt);
        }
    }

    /** Expired-key auto-scan config; null members were never set. */
    public record ExpireConfig(boolean enabled, String firstScanAt, Long interval, Long timeout, Long scanKeysCount,
                               String updatedAt, String lastAuto) {
    }

    /** What a walk found. */
    private record Found(int num, List<KeyItem> keys) {
    }

    CacheAnalysisActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ShowExpireKeyScanInfo", this::expireHistories);
        actions.v2("ScanExpireKey", r -> create(r, Kind.EXPIRE));
        actions.v2("CreateAutoExpireScanTask", r -> create(r, Kind.EXPIRE));
        actions.v2("ShowExpireAutoScanConfig", this::showExpireConfig);
        actions.v2("UpdateExpireAutoScanConfig", this::updateExpireConfig);
        actions.v2("CreateBigkeyScanTask", r -> create(r, Kind.BIGKEY));
        actions.v2("ListBigkeyScanTasks", r -> list(r, Kind.BIGKEY));
        actions.v2("ShowBigkeyScanTaskDetails", r -> detail(r, Kind.BIGKEY, "bigkey_id", false));
        actions.v2("DeleteBigkeyScanTask", r -> detail(r, Kind.BIGKEY, "bigkey_id", true));
        actions.v2("UpdateBigkeyAutoscanConfig", r -> updateSchedule(r, Kind.BIGKEY));
        actions.v2("ShowBigkeyAutoscanConfig", r -> showSchedule(r, Kind.BIGKEY));
        actions.v2("CreateHotkeyScanTask", r -> create(r, Kind.HOTKEY));
        actions.v2("ListHotKeyScanTasks", r -> list(r, Kind.HOTKEY));
        actions.v2("ShowHotkeyTaskDetails", r -> detail(r, Kind.HOTKEY, "hotkey_id", false));
        actions.v2("DeleteHotkeyScanTask", r -> detail(r, Kind.HOTKEY, "hotkey_id", true));
        actions.v2("UpdateHotkeyAutoScanConfig", r -> updateSchedule(r, Kind.HOTKEY));
        actions.v2("ShowHotkeyAutoscanConfig", r -> showSchedule(r, Kind.HOTKEY));
    }

    // ---- support --------------------------------------------------------------------------------------------------

    /** Memcached has none of the analyses; Redis 3.0 has no hot-key analysis and no expired-key scan (seed 5.8.9, 5.8.15). */
    private Instance supported(HuaweiRequest r, Kind kind) {
        Instance i = instance(r.requireString("instance_id"));
        boolean memcached = Fleet.MEMCACHED.equalsIgnoreCase(i.engine());
        boolean redis3 = i.version() != null && i.version().startsWith("3.");
        if (memcached || redis3 && kind != Kind.BIGKEY) {
            throw new HuaweiException(kind.unsupportedCode, 400, kind.unsupported + " (" + i.id() + " is "
                    + (memcached ? "a Memcached instance" : "Redis " + i.version()) + ").");
        }
        return i;
    }

    private Runs runs(Instance i, Kind kind) {
        return i.extensions().get(kind.key, Runs.class, () -> new Runs(null));
    }

    private void update(Instance i, Kind kind, String id, java.util.function.UnaryOperator<Run> change) {
        i.extensions().update(kind.key, Runs.class, () -> new Runs(null),
                rs -> new Runs(rs.runs().stream().map(x -> x.id().equals(id) ? change.apply(x) : x).toList()));
        fleet.changed();
    }

    /** The stored status, {@code running} once the fleet task has started. */
    private String status(Run run) {
        if ("waiting".equals(run.status())) {
            Task t = fleet.task(run.taskId()).orElse(null);
            if (t != null && t.status() == TaskStatus.RUNNING) return "running";
        }
        return run.status();
    }

    private String now() {
        return time(ctx.clock().instant());
    }

    // ---- runs -----------------------------------------------------------------------------------------------------

    private ObjectNode create(HuaweiRequest r, Kind kind) {
        Instance i = supported(r, kind);
        requireRunning(i);
        if (kind == Kind.BIGKEY && runs(i, kind).runs().stream().anyMatch(x -> pending(status(x)))) {
            throw new HuaweiException("DCS.4918", 400, "Instance bigkey analyze is running: " + i.id()
                    + " has a big-key analysis that has not finished.");
        }
        if (kind == Kind.HOTKEY) {
            String policy = maxmemoryPolicy(i);
            if (!policy.contains("lfu")) {
                throw new HuaweiException(kind.unsupportedCode, 400, kind.unsupported + " Hot-key analysis needs the "
                        + "maxmemory-policy parameter allkeys-lfu or volatile-lfu; " + i.id() + " has " + policy + ".");
            }
        }
        Run run = start(i, kind, "manual", ctx.clock().instant());
        return answer(i, run, kind, false);
    }

    private static boolean pending(String status) {
        return "waiting".equals(status) || "running".equals(status);
    }

    /** The live {@code maxmemory-policy} (CONFIG GET), else the remembered parameter, else DCS's default. */
    private static String maxmemoryPolicy(Instance i) {
        if (i.dataPlane() != null) {
            try {
                String live = i.dataPlane().configGet("maxmemory-policy");
                if (live != null) return live;
            } catch (IOException ignored) {
                // fall back to the remembered value
            }
        }
        String stored = i.param("maxmemory-policy");
        return stored == null ? "volatile-lru" : stored;
    }

    /** Records a {@code waiting} run and submits its walk. */
    private Run start(Instance i, Kind kind, String scanType, Instant createdAt) {
        String id = UUID.randomUUID().toString();
        Task task = fleet.submit(i.id(), "analysis-" + kind.name().toLowerCase(java.util.Locale.ROOT), id, () -> {
            if (runs(i, kind).runs().stream().noneMatch(x -> x.id().equals(id))) return "deleted before it ran";
            update(i, kind, id, x -> x.started(now()));
            try {
                Found found = walk(i, kind);
                update(i, kind, id, x -> x.finished("success", now(), found.num(), found.keys(), null));
                return "";
            } catch (IOException | RuntimeException e) {
                update(i, kind, id, x -> x.finished("failed", now(), 0, List.of(), e.getMessage()));
                throw e;
            }
        });
        Run run = new Run(id, task.id(), "waiting", scanType, time(createdAt), null, null, 0, List.of(), null);
        i.extensions().update(kind.key, Runs.class, () -> new Runs(null), rs -> {
            List<Run> next = new ArrayList<>(rs.runs());
            next.add(run);
            return new Runs(next);
        });
        fleet.changed();
        return run;
    }

    private Found walk(Instance i, Kind kind) throws IOException {
        try (RedisInspector s = RedisInspector.open(i, 5_000)) {
            if (s == null) return new Found(0, List.of());
            String shard = "cluster".equals(state(i).cacheMode()) ? "127.0.0.1:" + i.dataPlane().port() : null;
            return switch (kind) {
                case EXPIRE -> expired(i, s);
                case BIGKEY -> bigKeys(s, shard);
                case HOTKEY -> hotKeys(s, shard);
            };
        }
    }

    private Found expired(Instance i, RedisInspector s) throws IOException {
        ExpireConfig config = expireConfig(i);
        int count = config.scanKeysCount() == null ? 500 : config.scanKeysCount().intValue();
        Duration budget = config.timeout() == null ? BUDGET
                : Duration.ofSeconds(Math.max(1, Math.min(BUDGET.toSeconds(), config.timeout())));
        long before = RedisInspector.number(s.info("stats").get("expired_keys"));
        s.scan(count, Integer.MAX_VALUE, budget, null);
        long after = RedisInspector.number(s.info("stats").get("expired_keys"));
        return new Found((int) Math.max(0, after - before), List.of());
    }

    private Found bigKeys(RedisInspector s, String shard) throws IOException {
        try {
            s.call("CLIENT", "NO-TOUCH", "ON"); // redis 7.2+: the counts below are not accesses
        } catch (RespClient.RedisError olderServer) {
            // redis < 7.2: STRLEN/LLEN/... count as an access to LFU
        }
        Map<String, List<KeyItem>> byType = new LinkedHashMap<>();
        int[] num = {0};
        s.scan(500, MAX_KEYS, BUDGET, (db, key, type) -> {
            String command = switch (type) {
                case "string" -> "STRLEN";
                case "list" -> "LLEN";
                case "hash" -> "HLEN";
                case "set" -> "SCARD";
                case "zset" -> "ZCARD";
                case "stream" -> "XLEN";
                default -> null;
            };
            long size;
            String unit;
            if (command == null) {
                size = RedisInspector.number(s.call("MEMORY", "USAGE", key));
                unit = "byte";
            } else {
                size = RedisInspector.number(s.call(command, key));
                unit = "string".equals(type) ? "byte" : "count";
            }
            boolean big = "byte".equals(unit) ? size >= BIG_STRING_BYTES : size >= BIG_ELEMENTS;
            if (big) {
                num[0]++;
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(new KeyItem(key, type, shard, db, size, unit, null));
            }
            return true;
        });
        List<KeyItem> keys = new ArrayList<>();
        byType.values().forEach(list -> list.stream()
                .sorted(Comparator.comparingLong(KeyItem::size).reversed().thenComparing(KeyItem::name))
                .limit(TOP_PER_TYPE).forEach(keys::add));
        keys.sort(Comparator.comparingLong(KeyItem::size).reversed().thenComparing(KeyItem::name));
        return new Found(num[0], keys);
    }

    private Found hotKeys(RedisInspector s, String shard) throws IOException {
        String policy = s.config("maxmemory-policy");
        if (policy == null || !policy.contains("lfu")) {
            throw new IOException("Does not support hotkey analyze: maxmemory-policy is " + policy + ", not an LFU policy.");
        }
        List<KeyItem> hot = new ArrayList<>();
        s.scan(500, MAX_KEYS, BUDGET, (db, key, type) -> {
            long freq;
            try {
                freq = RedisInspector.number(s.call("OBJECT", "FREQ", key));
            } catch (RespClient.RedisError e) {
                throw new IOException("Does not support hotkey analyze: " + e.getMessage());
            }
            if (freq > LFU_INIT) hot.add(new KeyItem(key, type, shard, db, 0, "byte", freq));
            return true;
        });
        hot.sort(Comparator.comparingLong((KeyItem k) -> k.freq()).reversed().thenComparing(KeyItem::name));
        List<KeyItem> top = new ArrayList<>();
        for (KeyItem k : hot.subList(0, Math.min(TOP_HOT, hot.size()))) {
            s.select(k.db());
            long bytes = RedisInspector.number(s.call("MEMORY", "USAGE", k.name())); // does not touch the key
            top.add(new KeyItem(k.name(), k.type(), shard, k.db(), bytes, "byte", k.freq()));
        }
        s.select(0);
        return new Found(hot.size(), top);
    }

    // ---- answers --------------------------------------------------------------------------------------------------

    /** A run as the seed's record: started/finished/keys omitted while not reached (5.8.3 "为null，不返回"). */
    private ObjectNode answer(Instance i, Run run, Kind kind, boolean withKeys) {
        ObjectNode n = object();
        n.put("id", run.id());
        n.put("instance_id", i.id());
        n.put("status", status(run));
        n.put("scan_type", run.scanType());
        n.put("created_at", run.createdAt());
        if (run.startedAt() != null) n.put("started_at", run.startedAt());
        if (run.finishedAt() != null) n.put("finished_at", run.finishedAt());
        if (kind != Kind.EXPIRE) n.put("num", run.num());
        if (withKeys && run.finishedAt() != null && kind != Kind.EXPIRE) {
            ArrayNode keys = n.putArray("keys");
            for (KeyItem k : run.keys()) {
                ObjectNode key = keys.addObject();
                key.put("name", k.name());
                key.put("type", k.type());
                if (k.shard() != null) key.put("shard", k.shard());
                key.put("db", k.db());
                key.put("size", k.size());
                key.put("unit", k.unit());
                if (k.freq() != null) key.put("freq", k.freq());
            }
        }
        return n;
    }

    private List<Run> page(HuaweiRequest r, List<Run> matching) {
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw new HuaweiException("DCS.4800", 400, "Invalid offset in the request: " + offset + " is below 0.");
        if (limit < 1 || limit > 1000) {
            throw new HuaweiException("DCS.4800", 400, "Invalid limit in the request: " + limit + " is not in 1-1000.");
        }
        return matching.stream().skip(offset).limit(limit).toList();
    }

    /** Newest first, filtered by the {@code status} query. */
    private List<Run> matching(HuaweiRequest r, Instance i, Kind kind) {
        String wanted = r.string("status");
        List<Run> all = new ArrayList<>(runs(i, kind).runs());
        java.util.Collections.reverse(all);
        if (wanted == null || wanted.isBlank()) return all;
        return all.stream().filter(x -> status(x).equalsIgnoreCase(wanted.trim())).toList();
    }

    private ObjectNode list(HuaweiRequest r, Kind kind) {
        Instance i = supported(r, kind);
        catchUp(i, kind);
        List<Run> matching = matching(r, i, kind);
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.put("count", matching.size());
        ArrayNode records = out.putArray("records");
        for (Run run : page(r, matching)) {
            ObjectNode n = answer(i, run, kind, false);
            n.remove("instance_id");
            n.remove("num");
            records.add(n);
        }
        return out;
    }

    private ObjectNode detail(HuaweiRequest r, Kind kind, String idName, boolean delete) {
        Instance i = supported(r, kind);
        if (!delete) catchUp(i, kind);
        String id = r.requireString(idName);
        Run run = runs(i, kind).runs().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new HuaweiException(kind.unknownCode, 400, kind.unknown + " " + id + " is not an analysis of "
                        + i.id() + "."));
        ObjectNode out = answer(i, run, kind, true);
        if (delete) {
            i.extensions().update(kind.key, Runs.class, () -> new Runs(null),
                    rs -> new Runs(rs.runs().stream().filter(x -> !x.id().equals(id)).toList()));
            fleet.changed();
        }
        return out;
    }

    private ObjectNode expireHistories(HuaweiRequest r) {
        Instance i = supported(r, Kind.EXPIRE);
        catchUp(i, Kind.EXPIRE);
        List<Run> matching = matching(r, i, Kind.EXPIRE);
        ObjectNode out = object();
        ArrayNode records = out.putArray("records");
        for (Run run : page(r, matching)) {
            ObjectNode n = answer(i, run, Kind.EXPIRE, false);
            n.put("num", run.num());
            if (run.finishedAt() == null) n.put("finished_at", ""); // the seed's running example
            records.add(n);
        }
        out.put("instance_id", i.id());
        out.put("total", matching.stream().mapToLong(Run::num).sum());
        out.put("count", matching.size());
        return out;
    }

    // ---- big/hot-key schedules ------------------------------------------------------------------------------------

    private Schedule schedule(Instance i, Kind kind) {
        return i.extensions().get(kind.configKey(), Schedule.class, () -> new Schedule(false, List.of(), null, null));
    }

    private ObjectNode scheduleAnswer(Instance i, Schedule s) {
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.put("enable_auto_scan", s.enabled());
        ArrayNode at = out.putArray("schedule_at");
        s.scheduleAt().forEach(at::add);
        if (s.updatedAt() == null) out.putNull("updated_at");
        else out.put("updated_at", s.updatedAt());
        return out;
    }

    private ObjectNode showSchedule(HuaweiRequest r, Kind kind) {
        Instance i = supported(r, kind);
        return scheduleAnswer(i, schedule(i, kind));
    }

    private ObjectNode updateSchedule(HuaweiRequest r, Kind kind) {
        Instance i = supported(r, kind);
        Boolean enabled = r.bool("enable_auto_scan");
        if (enabled == null) throw invalidBody("enable_auto_scan", "It is required (true or false).");
        TreeSet<String> times = new TreeSet<>();
        for (String t : r.strings("schedule_at")) {
            String v = t.trim();
            if (!HH_MM.matcher(v).matches()) throw invalidBody("schedule_at", "`" + t + "` is not a UTC time like 21:00 (HH:mm).");
            times.add(v);
        }
        if (enabled && times.isEmpty()) throw invalidBody("schedule_at", "An enabled schedule needs at least one time.");
        Schedule next = new Schedule(enabled, List.copyOf(times), now(), schedule(i, kind).lastAuto());
        i.extensions().put(kind.configKey(), next);
        fleet.changed();
        return scheduleAnswer(i, next);
    }

    static HuaweiException invalidBody(String parameter, String detail) {
        return new HuaweiException("DCS.4063", "111400063", 400, "Invalid " + parameter + " parameter in the request. " + detail);
    }

    // ---- expired-key auto-scan config -----------------------------------------------------------------------------

    private ExpireConfig expireConfig(Instance i) {
        return i.extensions().get(Kind.EXPIRE.configKey(), ExpireConfig.class,
                () -> new ExpireConfig(false, null, null, null, null, null, null));
    }

    private ObjectNode expireAnswer(Instance i, ExpireConfig c) {
        ObjectNode out = object();
        out.put("instance_id", i.id());
        out.put("enable_auto_scan", c.enabled());
        putOrNull(out, "first_scan_at", c.firstScanAt());
        putOrNull(out, "interval", c.interval());
        putOrNull(out, "timeout", c.timeout());
        putOrNull(out, "scan_keys_count", c.scanKeysCount());
        putOrNull(out, "updated_at", c.updatedAt());
        return out;
    }

    private static void putOrNull(ObjectNode out, String name, Object value) {
        if (value == null) out.putNull(name);
        else if (value instanceof Long l) out.put(name, l);
        else out.put(name, value.toString());
    }

    private ObjectNode showExpireConfig(HuaweiRequest r) {
        Instance i = supported(r, Kind.EXPIRE);
        return expireAnswer(i, expireConfig(i));
    }

    /** Every member optional; what is given replaces the stored value (seed 5.8.17, DCS.4819-4822). */
    private ObjectNode updateExpireConfig(HuaweiRequest r) {
        Instance i = supported(r, Kind.EXPIRE);
        ExpireConfig c = expireConfig(i);
        boolean enabled = r.bool("enable_auto_scan") != null ? r.bool("enable_auto_scan") : c.enabled();
        String first = c.firstScanAt();
        if (r.has("first_scan_at")) {
            String v = r.string("first_scan_at").trim();
            Instant at;
            try {
                at = Instant.parse(v.endsWith("Z") ? v : v + "Z");
            } catch (DateTimeParseException e) {
                throw new HuaweiException("DCS.4819", 400, "The first_scan_at parameter is invalid. Its must be ISO format "
                        + "utc date-time. The time must be later than the current time: `" + v + "` is not like 2021-08-18T07:33:00.000Z.");
            }
            if (!at.isAfter(ctx.clock().instant())) {
                throw new HuaweiException("DCS.4819", 400, "The first_scan_at parameter is invalid. Its must be ISO format "
                        + "utc date-time. The time must be later than the current time: " + v + " is not after " + now() + ".");
            }
            first = time(at);
        }
        Long interval = r.has("interval") ? Long.valueOf(r.integer("interval", 0)) : c.interval();
        if (interval != null && interval < 0) {
            throw new HuaweiException("DCS.4820", 400, "The interval parameter is invalid. must Greater than or equal to 0: " + interval + ".");
        }
        Long timeout = r.has("timeout") ? Long.valueOf(r.integer("timeout", 0)) : c.timeout();
        if (timeout != null && (interval != null && interval > 0 ? timeout < interval * 2 : timeout <= 1)) {
            throw new HuaweiException("DCS.4821", 400, "The timeout parameter is invalid. Its must Greater than or equal to "
                    + "interval * 2, if interval is 0, timeout must Greater than 1 second: timeout " + timeout + ", interval "
                    + interval + ".");
        }
        Long count = r.has("scan_keys_count") ? Long.valueOf(r.integer("scan_keys_count", 0)) : c.scanKeysCount();
        if (count != null && (count < 10 || count > 1000)) {
            throw new HuaweiException("DCS.4822", 400, "The scan_keys_count parameter is invalid. Its must Greater than or "
                    + "equal to 10, and Less than or equal to 1000: " + count + ".");
        }
        if (enabled && first == null) {
            throw new HuaweiException("DCS.4819", 400, "The first_scan_at parameter is invalid. Its must be ISO format utc "
                    + "date-time. The time must be later than the current time: an enabled auto-scan needs first_scan_at.");
        }
        ExpireConfig next = new ExpireConfig(enabled, first, interval, timeout, count, now(), c.lastAuto());
        i.extensions().put(Kind.EXPIRE.configKey(), next);
        fleet.changed();
        return expireAnswer(i, next);
    }

    // ---- auto runs ------------------------------------------------------------------------------------------------

    /** Starts the {@code auto} run of the latest due time not run yet (see the class comment). */
    private void catchUp(Instance i, Kind kind) {
        if (i.status() != InstanceStatus.RUNNING || i.dataPlane() == null) return;
        Instant now = ctx.clock().instant();
        Instant due;
        String since;
        if (kind == Kind.EXPIRE) {
            ExpireConfig c = expireConfig(i);
            if (!c.enabled() || c.firstScanAt() == null) return;
            due = latestDue(Instant.parse(c.firstScanAt()), c.interval() == null ? 0 : c.interval(), now);
            since = c.lastAuto();
        } else {
            Schedule s = schedule(i, kind);
            if (!s.enabled()) return;
            due = latestDaily(s.scheduleAt(), s.updatedAt() == null ? now : Instant.parse(s.updatedAt()), now);
            since = s.lastAuto();
        }
        if (due == null || since != null && !due.isAfter(Instant.parse(since))) return;
        if (kind == Kind.BIGKEY && runs(i, kind).runs().stream().anyMatch(x -> pending(status(x)))) return;
        String dueText = time(due);
        if (kind == Kind.EXPIRE) {
            ExpireConfig c = expireConfig(i);
            i.extensions().put(kind.configKey(), new ExpireConfig(c.enabled(), c.firstScanAt(), c.interval(), c.timeout(),
                    c.scanKeysCount(), c.updatedAt(), dueText));
        } else {
            Schedule s = schedule(i, kind);
            i.extensions().put(kind.configKey(), new Schedule(s.enabled(), s.scheduleAt(), s.updatedAt(), dueText));
        }
        start(i, kind, "auto", due);
    }

    /** The latest {@code first + k * interval} not after {@code now}; only {@code first} when interval is 0. */
    static Instant latestDue(Instant first, long intervalSeconds, Instant now) {
        if (now.isBefore(first)) return null;
        if (intervalSeconds <= 0) return first;
        long k = Duration.between(first, now).getSeconds() / intervalSeconds;
        return first.plusSeconds(k * intervalSeconds);
    }

    /** The latest daily {@code HH:mm} UTC time in ({@code after}, {@code now}]. */
    static Instant latestDaily(List<String> times, Instant after, Instant now) {
        Instant best = null;
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        for (int back = 0; back <= 1; back++) {
            for (String t : times) {
                Instant at = today.minusDays(back).atTime(LocalTime.parse(t)).toInstant(ZoneOffset.UTC);
                if (!at.isAfter(now) && at.isAfter(after) && (best == null || at.isAfter(best))) best = at;
            }
        }
        return best;
    }
}
