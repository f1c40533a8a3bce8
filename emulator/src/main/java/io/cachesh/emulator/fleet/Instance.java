package io.cachesh.emulator.fleet;

import io.cachesh.client.auth.Secret;
import io.cachesh.emulator.dataplane.RedisProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cache instance of the fleet, vendor-neutral. Vendor front-ends keep their own vocabulary (type ids, status codes)
 * in {@link #typeId()} and {@link InstanceStatus#code()}. Every accessor is synchronized: tasks complete on scheduler
 * threads while requests read.
 */
public final class Instance {

    /** The vendor whose API created the instance and lists it, e.g. {@code tencent} or {@code huawei}. */
    public static final String DEFAULT_VENDOR = "tencent";

    private final String id;
    private final String vendor;
    private final String engine;
    private final String region;
    private final Instant createTime;
    private String name;
    private String version;
    private int typeId;
    private long memSizeMb;
    private int shards;
    private int replicas;
    private InstanceStatus status;
    private int zoneId;
    private long projectId;
    private int billingMode;
    private int autoRenew;
    private Secret password;
    private boolean noAuth;
    private String vpcId;
    private String subnetId;
    private int vport;
    private Instant deadlineTime;
    private Instant closeTime;
    private int dataPort;
    private RedisProcess dataPlane;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<Backup> backups = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Extensions extensions = new Extensions();
    /** Bumped (inside the lock, after the write) by every change of a field; see {@link #revision()}. */
    private volatile long revision;

    private Instance(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id == null");
        this.vendor = b.vendor == null || b.vendor.isBlank() ? DEFAULT_VENDOR : b.vendor;
        this.engine = b.engine == null ? "redis" : b.engine;
        this.region = Objects.requireNonNull(b.region, "region == null");
        this.createTime = Objects.requireNonNull(b.createTime, "createTime == null");
        this.name = b.name == null ? "" : b.name;
        this.version = b.version;
        this.typeId = b.typeId;
        if (b.memSizeMb < 1) throw new IllegalArgumentException("memSizeMb < 1: " + b.memSizeMb);
        this.memSizeMb = b.memSizeMb;
        this.shards = Math.max(1, b.shards);
        this.replicas = b.replicas;
        this.status = b.status == null ? InstanceStatus.TO_BE_INITIALIZED : b.status;
        this.zoneId = b.zoneId;
        this.projectId = b.projectId;
        this.billingMode = b.billingMode;
        this.autoRenew = b.autoRenew;
        this.password = b.password == null ? Secret.of("") : b.password;
        this.noAuth = b.noAuth;
        this.vpcId = b.vpcId == null ? "" : b.vpcId;
        this.subnetId = b.subnetId == null ? "" : b.subnetId;
        this.vport = b.vport;
        this.deadlineTime = b.deadlineTime;
        this.closeTime = b.closeTime;
        this.dataPort = b.dataPort;
        this.params.putAll(b.params);
        this.backups.addAll(b.backups);
        this.tags.putAll(b.tags);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() {
        return id;
    }

    /** The vendor whose API owns this instance ({@code tencent} unless the builder said otherwise). */
    public String vendor() {
        return vendor;
    }

    public String engine() {
        return engine;
    }

    public String region() {
        return region;
    }

    public Instant createTime() {
        return createTime;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized void name(String name) {
        this.name = Objects.requireNonNull(name, "name == null");
        revision++;
    }

    public synchronized String version() {
        return version;
    }

    public synchronized int typeId() {
        return typeId;
    }

    /** Changes the vendor type and engine version (a version or architecture upgrade). */
    public synchronized void retype(int typeId, String version) {
        this.typeId = typeId;
        this.version = Objects.requireNonNull(version, "version == null");
        revision++;
    }

    /** Memory per shard in MB (the whole instance when it has one shard). */
    public synchronized long memSizeMb() {
        return memSizeMb;
    }

    /** Total capacity in MB: memory per shard times shards. */
    public synchronized long capacityMb() {
        return memSizeMb * shards;
    }

    public synchronized int shards() {
        return shards;
    }

    public synchronized int replicas() {
        return replicas;
    }

    public synchronized void resize(long memSizeMb, int shards, int replicas) {
        if (memSizeMb < 1) throw new IllegalArgumentException("memSizeMb < 1: " + memSizeMb);
        if (shards < 1) throw new IllegalArgumentException("shards < 1: " + shards);
        this.memSizeMb = memSizeMb;
        this.shards = shards;
        this.replicas = replicas;
        revision++;
    }

    private InstanceStatus statusBefore;

    public synchronized InstanceStatus status() {
        return status;
    }

    /** Moves the lifecycle on; throws {@link IllegalStateException} on a transition the state machine forbids. */
    public synchronized void transition(InstanceStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException(id + ": cannot move from " + status + " to " + next);
        }
        if (next != status) this.statusBefore = status;
        this.status = next;
        revision++;
    }

    /** The status before the last change (null before any), to undo a flow that failed. */
    public synchronized InstanceStatus statusBefore() {
        return statusBefore;
    }

    public synchronized int zoneId() {
        return zoneId;
    }

    public synchronized long projectId() {
        return projectId;
    }

    public synchronized void projectId(long projectId) {
        this.projectId = projectId;
        revision++;
    }

    /** 0 postpaid (pay as you go), 1 prepaid. */
    public synchronized int billingMode() {
        return billingMode;
    }

    public synchronized int autoRenew() {
        return autoRenew;
    }

    public synchronized void autoRenew(int autoRenew) {
        this.autoRenew = autoRenew;
        revision++;
    }

    public synchronized Secret password() {
        return password;
    }

    public synchronized boolean noAuth() {
        return noAuth;
    }

    public synchronized void password(Secret password, boolean noAuth) {
        this.password = password == null ? Secret.of("") : password;
        this.noAuth = noAuth;
        revision++;
    }

    public synchronized String vpcId() {
        return vpcId;
    }

    public synchronized String subnetId() {
        return subnetId;
    }

    /** The port the user asked for (the vendor's VPort); the real one is {@link #dataPort()}. */
    public synchronized int vport() {
        return vport;
    }

    public synchronized Instant deadlineTime() {
        return deadlineTime;
    }

    /** Extends a prepaid instance by {@code months} from its deadline (or from now when it has none). */
    public synchronized void renew(long months, Instant now) {
        Instant from = deadlineTime == null || deadlineTime.isBefore(now) ? now : deadlineTime;
        this.deadlineTime = from.atOffset(java.time.ZoneOffset.ofHours(8)).plusMonths(months).toInstant();
        this.billingMode = 1;
        revision++;
    }

    public synchronized Instant closeTime() {
        return closeTime;
    }

    public synchronized void closeTime(Instant closeTime) {
        this.closeTime = closeTime;
        revision++;
    }

    /** The real port of the data plane on 127.0.0.1, 0 when none runs. */
    public synchronized int dataPort() {
        return dataPlane != null ? dataPlane.port() : dataPort;
    }

    public synchronized RedisProcess dataPlane() {
        return dataPlane;
    }

    synchronized void dataPlane(RedisProcess process) {
        this.dataPlane = process;
        if (process != null) this.dataPort = process.port();
        revision++;
    }

    /** Records the port of a data plane that is not a redis-server (memcached). */
    synchronized void dataPort(int port) {
        this.dataPort = port;
        revision++;
    }

    /** Port last used, kept across restarts so a reloaded instance tries to keep it. */
    synchronized int lastDataPort() {
        return dataPort;
    }

    synchronized void clearDataPort() {
        this.dataPort = 0;
        revision++;
    }

    public synchronized Map<String, String> params() {
        return Map.copyOf(params);
    }

    public synchronized String param(String name) {
        return params.get(name);
    }

    public synchronized void param(String name, String value) {
        params.put(name, value);
        revision++;
    }

    public synchronized List<Backup> backups() {
        return List.copyOf(backups);
    }

    public synchronized void addBackup(Backup backup) {
        backups.add(backup);
        revision++;
    }

    public synchronized Map<String, String> tags() {
        return Map.copyOf(tags);
    }

    public synchronized void tag(String key, String value) {
        tags.put(key, value);
        revision++;
    }

    public synchronized void untag(String key) {
        tags.remove(key);
        revision++;
    }

    /**
     * A number that changes whenever anything of this instance changes (its fields or its {@link #extensions()}), so
     * a rendering of it can be kept until then. Not synchronized: lock-free (no lock order with the extensions').
     */
    public long revision() {
        return revision + extensions.revision();
    }

    /** Per-feature state of this instance (accounts, security groups, ...), persisted with it. */
    public Extensions extensions() {
        return extensions;
    }

    @Override
    public synchronized String toString() {
        return "Instance[" + id + " " + name + " " + status + " " + memSizeMb + "MBx" + shards + "]";
    }

    /** Builder of an {@link Instance}; {@code id}, {@code region}, {@code createTime} and {@code memSizeMb} are required. */
    public static final class Builder {
        private String id;
        private String vendor;
        private String engine;
        private String region;
        private Instant createTime;
        private String name;
        private String version;
        private int typeId;
        private long memSizeMb;
        private int shards = 1;
        private int replicas = 1;
        private InstanceStatus status;
        private int zoneId;
        private long projectId;
        private int billingMode;
        private int autoRenew;
        private Secret password;
        private boolean noAuth;
        private String vpcId;
        private String subnetId;
        private int vport = 6379;
        private Instant deadlineTime;
        private Instant closeTime;
        private int dataPort;
        private final Map<String, String> params = new LinkedHashMap<>();
        private final List<Backup> backups = new ArrayList<>();
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder vendor(String vendor) { this.vendor = vendor; return this; }
        public Builder engine(String engine) { this.engine = engine; return this; }
        public Builder region(String region) { this.region = region; return this; }
        public Builder createTime(Instant createTime) { this.createTime = createTime; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder version(String version) { this.version = version; return this; }
        public Builder typeId(int typeId) { this.typeId = typeId; return this; }
        public Builder memSizeMb(long memSizeMb) { this.memSizeMb = memSizeMb; return this; }
        public Builder shards(int shards) { this.shards = shards; return this; }
        public Builder replicas(int replicas) { this.replicas = replicas; return this; }
        public Builder status(InstanceStatus status) { this.status = status; return this; }
        public Builder zoneId(int zoneId) { this.zoneId = zoneId; return this; }
        public Builder projectId(long projectId) { this.projectId = projectId; return this; }
        public Builder billingMode(int billingMode) { this.billingMode = billingMode; return this; }
        public Builder autoRenew(int autoRenew) { this.autoRenew = autoRenew; return this; }
        public Builder password(Secret password) { this.password = password; return this; }
        public Builder noAuth(boolean noAuth) { this.noAuth = noAuth; return this; }
        public Builder vpcId(String vpcId) { this.vpcId = vpcId; return this; }
        public Builder subnetId(String subnetId) { this.subnetId = subnetId; return this; }
        public Builder vport(int vport) { this.vport = vport; return this; }
        public Builder deadlineTime(Instant deadlineTime) { this.deadlineTime = deadlineTime; return this; }
        public Builder closeTime(Instant closeTime) { this.closeTime = closeTime; return this; }
        public Builder dataPort(int dataPort) { this.dataPort = dataPort; return this; }
        public Builder params(Map<String, String> params) { this.params.putAll(params); return this; }
        public Builder backups(List<Backup> backups) { this.backups.addAll(backups); return this; }
        public Builder tags(Map<String, String> tags) { this.tags.putAll(tags); return this; }

        public Instance build() {
            return new Instance(this);
        }
    }
}
