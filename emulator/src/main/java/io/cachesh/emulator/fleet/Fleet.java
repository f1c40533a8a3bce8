package io.cachesh.emulator.fleet;

import io.cachesh.emulator.dataplane.MemcachedProcess;
import io.cachesh.emulator.dataplane.MemcachedProcessManager;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.dataplane.RedisProcessManager;
import io.cachesh.emulator.control.ArmedFault;
import io.cachesh.emulator.control.FaultRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The emulated fleet, vendor-neutral: instances, their tasks and backups, and the data-plane processes behind them.
 * Async operations are {@link Task}s that run their work after {@link #taskDelay()}. State is saved as versioned JSON
 * to the state directory (when there is one) on every change, and loaded again by {@link #load()}.
 */
public final class Fleet implements AutoCloseable {

    /** Work of a task; returns the task's message (may be null). A thrown exception fails the task. */
    @FunctionalInterface
    public interface Work {
        String run() throws Exception;
    }

    private static final System.Logger LOG = System.getLogger(Fleet.class.getName());

    private final Duration taskDelay;
    private final Clock clock;
    private final Path stateDir;
    private final Path root;
    private final RedisProcessManager redis;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    /** Bumped after every add or removal of an instance: tells whether {@link #ordered} is still the fleet's. */
    private final AtomicLong membership = new AtomicLong();
    /** The instances in {@link #instances()} order, kept until the membership changes (the order keys are final). */
    private volatile Ordered ordered;

    private record Ordered(long membership, List<Instance> instances) {
    }
    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final AtomicLong nextTaskId = new AtomicLong(1001);
    private final Object saveLock = new Object();
    private final Extensions extensions = new Extensions();
    private volatile Function<Instance, Map<String, String>> dataPlaneConfig = i -> Map.of();
    private final Map<String, Function<Instance, Map<String, String>>> vendorDataPlaneConfig = new ConcurrentHashMap<>();
    private volatile MemcachedProcessManager memcached = MemcachedProcessManager.unavailable("not configured");
    private volatile boolean closed;

    /**
     * @param taskDelay how long every task takes
     * @param clock     time source for timestamps
     * @param stateDir  where state and instance data live; null keeps everything in a temporary directory that
     *                  {@link #close()} removes
     * @param redis     the data plane; {@link RedisProcessManager#available()} false means control plane only
     */
    public Fleet(Duration taskDelay, Clock clock, Path stateDir, RedisProcessManager redis) throws IOException {
        this.taskDelay = Objects.requireNonNull(taskDelay, "taskDelay == null");
        if (taskDelay.isNegative()) throw new IllegalArgumentException("taskDelay < 0: " + taskDelay);
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.redis = Objects.requireNonNull(redis, "redis == null");
        this.stateDir = stateDir;
        if (stateDir != null) {
            Files.createDirectories(stateDir);
            this.root = stateDir.resolve("instances");
            Files.createDirectories(root);
        } else {
            this.root = Files.createTempDirectory("cachesh-emulator-");
        }
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "cachesh-fleet-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Duration taskDelay() {
        return taskDelay;
    }

    /**
     * Fleet-wide feature state (parameter templates, security groups, replication groups, ...), persisted with the
     * fleet. Call {@link #changed()} after a change so a state directory picks it up.
     */
    public Extensions extensions() {
        return extensions;
    }

    public Clock clock() {
        return clock;
    }

    public boolean dataPlaneAvailable() {
        return redis.available();
    }

    public RedisProcessManager dataPlane() {
        return redis;
    }

    // ---- memcached data plane (instances with engine "memcached": Tencent CMEM, CapitalOnline) --------------------

    /** The engine name of Memcached instances; their data plane is a memcached process instead of a redis-server. */
    public static final String MEMCACHED = "memcached";
    private static final String MEMCACHED_PID = "memcached.pid";

    /** Sets the memcached data plane (default: none, so Memcached instances are control plane only). */
    public void memcached(MemcachedProcessManager manager) {
        this.memcached = Objects.requireNonNull(manager, "manager == null");
    }

    public MemcachedProcessManager memcachedPlane() {
        return memcached;
    }

    /** The running memcached of a Memcached instance, null when none runs (or the emulator has no memcached). */
    public MemcachedProcess memcached(Instance instance) {
        return memcached.process(instance.id());
    }

    /** Config applied (CONFIG SET) to every data-plane process after it starts, computed per instance. */
    public void dataPlaneConfig(Function<Instance, Map<String, String>> config) {
        this.dataPlaneConfig = Objects.requireNonNull(config, "config == null");
    }

    /**
     * Config applied to every data-plane process of {@code vendor}'s instances after it starts, instead of the one
     * given to {@link #dataPlaneConfig(Function)} (each vendor keeps its own parameter vocabulary).
     */
    public void dataPlaneConfig(String vendor, Function<Instance, Map<String, String>> config) {
        vendorDataPlaneConfig.put(Objects.requireNonNull(vendor, "vendor == null"), Objects.requireNonNull(config, "config == null"));
    }

    // ---- instances ----------------------------------------------------------------------------------------------

    public Instance add(Instance instance) {
        if (instances.putIfAbsent(instance.id(), instance) != null) {
            throw new IllegalArgumentException("duplicate instance id " + instance.id());
        }
        membership.incrementAndGet();
        changed();
        return instance;
    }

    public Optional<Instance> instance(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(instances.get(id));
    }

    /** All instances, oldest first (an unmodifiable list, sorted again only after an add or removal). */
    public List<Instance> instances() {
        Ordered current = ordered;
        long now = membership.get();
        if (current != null && current.membership() == now) return current.instances();
        // read before the sort: a change during it bumps the counter past this one, so the list is not kept for long
        List<Instance> sorted = instances.values().stream()
                .sorted(Comparator.comparing(Instance::createTime).thenComparing(Instance::id))
                .toList();
        ordered = new Ordered(now, sorted);
        return sorted;
    }

    public boolean contains(String id) {
        return instances.containsKey(id);
    }

    /** Removes an instance entirely: stops its data plane and deletes its data and backups. */
    public void remove(String id) {
        Instance instance = instances.remove(id);
        if (instance == null) return;
        membership.incrementAndGet();
        stopDataPlane(instance, false);
        deleteTree(root.resolve(id));
        changed();
    }

    public Path dataDir(String instanceId) {
        return root.resolve(instanceId).resolve("data");
    }

    public Path backupDir(String instanceId) {
        return root.resolve(instanceId).resolve("backups");
    }

    // ---- data plane ---------------------------------------------------------------------------------------------

    /** Starts the instance's redis-server (no-op without a data plane or when one runs already). */
    public void startDataPlane(Instance instance) throws IOException {
        if (MEMCACHED.equals(instance.engine())) {
            if (!memcached.available() || closed) return;
            MemcachedProcess running = memcached.process(instance.id());
            if (running != null && running.alive()) return;
            MemcachedProcess started = memcached.start(instance.id(), instance.capacityMb(), instance.lastDataPort());
            instance.dataPort(started.port());
            // "pid port": lets a restarted emulator stop this server should this emulator be killed
            Files.createDirectories(root.resolve(instance.id()));
            Files.writeString(root.resolve(instance.id()).resolve(MEMCACHED_PID), started.pid() + " " + started.port());
            return;
        }
        if (!redis.available() || closed) return;
        RedisProcess current = instance.dataPlane();
        if (current != null && current.alive()) return;
        RedisProcess process = redis.start(instance.id(), dataDir(instance.id()), instance.password(),
                instance.capacityMb() * 1024L * 1024L, instance.lastDataPort());
        Function<Instance, Map<String, String>> config = vendorDataPlaneConfig.getOrDefault(instance.vendor(), dataPlaneConfig);
        for (Map.Entry<String, String> e : config.apply(instance).entrySet()) {
            try {
                process.configSet(e.getKey(), e.getValue());
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: CONFIG SET {1} failed: {2}", instance.id(), e.getKey(), ex.getMessage());
            }
        }
        instance.dataPlane(process);
    }

    /** Stops the instance's redis-server; {@code keepData} saves an RDB first so a restart finds the data. */
    public void stopDataPlane(Instance instance, boolean keepData) {
        if (MEMCACHED.equals(instance.engine())) {
            MemcachedProcess process = memcached.process(instance.id());
            if (process != null) memcached.stop(process);
            try {
                Files.deleteIfExists(root.resolve(instance.id()).resolve(MEMCACHED_PID));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot remove the memcached pid file of " + instance.id());
            }
            return;
        }
        RedisProcess process = instance.dataPlane();
        if (process != null) {
            redis.stop(process, keepData);
            instance.dataPlane(null);
        }
    }

    // ---- tasks --------------------------------------------------------------------------------------------------

    /**
     * Records a task and runs {@code work} after the task delay. An injected task fault of the request that submits
     * it ({@link ArmedFault}) makes the task hang (it stays running) or fail without its work.
     */
    public Task submit(String instanceId, String type, String label, Work work) {
        Task task = new Task(nextTaskId.getAndIncrement(), type, label, instanceId, clock.instant(),
                TaskStatus.PREPARING, null, "");
        tasks.put(task.id(), task);
        changed();
        long delayMillis = taskDelay.toMillis();
        String injected = ArmedFault.current().map(FaultRule::task).orElse(null);
        scheduler.schedule(task::running, delayMillis / 2, TimeUnit.MILLISECONDS);
        if (FaultRule.TASK_HANG.equals(injected)) return task;
        Work run = FaultRule.TASK_FAIL.equals(injected) ? () -> failInjected(task) : work;
        scheduler.schedule(() -> complete(task, run), delayMillis, TimeUnit.MILLISECONDS);
        return task;
    }

    /**
     * An injected task failure: the work never happens. The instance a creation task was for (its first task) goes
     * away, as a vendor drops an instance whose creation failed; any other instance goes back to the status it had before the flow, unchanged.
     */
    private String failInjected(Task task) throws IOException {
        Instance instance = task.instanceId() == null ? null : instances.get(task.instanceId());
        if (instance != null) {
            boolean creation = tasks.values().stream().noneMatch(t -> task.instanceId().equals(t.instanceId()) && t.id() < task.id());
            if (creation) remove(instance.id());
            else if (instance.status() == InstanceStatus.PROCESSING && instance.statusBefore() != null) {
                instance.transition(instance.statusBefore());
            }
        }
        throw new IOException("injected task failure");
    }

    private void complete(Task task, Work work) {
        if (closed) return;
        task.running();
        try {
            String message = work.run();
            task.finish(TaskStatus.SUCCEED, message, clock.instant());
        } catch (Exception | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "task {0} ({1}) on {2} failed: {3}", task.id(), task.type(), task.instanceId(), e.getMessage());
            LOG.log(System.Logger.Level.DEBUG, "task " + task.id() + " failure", e);
            task.finish(TaskStatus.FAILED, String.valueOf(e.getMessage()), clock.instant());
        }
        changed();
    }

    public Optional<Task> task(long id) {
        return Optional.ofNullable(tasks.get(id));
    }

    /** All tasks, newest first. */
    public List<Task> tasks() {
        return tasks.values().stream().sorted(Comparator.comparingLong(Task::id).reversed()).toList();
    }

    // ---- persistence --------------------------------------------------------------------------------------------

    /** Saves the state file now (no-op without a state directory). */
    public void changed() {
        if (stateDir == null) return;
        synchronized (saveLock) {
            try {
                FleetState.save(stateDir.resolve(FleetState.FILE_NAME), this, instances(), tasks(), nextTaskId.get());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot save fleet state to " + stateDir, e);
            }
        }
    }

    /**
     * Loads the state directory's fleet, if any, and restarts the data plane of running instances. Unfinished tasks
     * are marked failed and instances caught mid-flow are set running: the flows died with the previous process.
     */
    public void load() throws IOException {
        if (stateDir == null) return;
        Path file = stateDir.resolve(FleetState.FILE_NAME);
        FleetState.Loaded loaded = Files.exists(file) ? FleetState.load(file, clock) : null;
        reclaimOrphans(loaded == null ? List.of() : loaded.instances());
        if (loaded == null) return;
        extensions.load(loaded.extensions());
        nextTaskId.set(Math.max(nextTaskId.get(), loaded.nextTaskId()));
        for (Task t : loaded.tasks()) {
            if (!t.status().done()) t.finish(TaskStatus.FAILED, "emulator restarted before the task finished", clock.instant());
            tasks.put(t.id(), t);
        }
        for (Instance i : loaded.instances()) {
            if (i.status() == InstanceStatus.PROCESSING || i.status() == InstanceStatus.TO_BE_INITIALIZED) {
                i.transition(InstanceStatus.RUNNING);
            }
            instances.put(i.id(), i);
            membership.incrementAndGet();
            if (i.status() == InstanceStatus.RUNNING) {
                try {
                    startDataPlane(i);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, i.id() + ": cannot restart redis-server: " + e.getMessage());
                    i.clearDataPort();
                }
            } else {
                i.clearDataPort();
            }
        }
        changed();
    }

    /**
     * Stops the redis-servers (and memcacheds) a killed emulator left behind in the state directory, saving the data
     * of the redis-servers whose instance is known (with its saved password) first, so each instance restarts on its
     * data and none is orphaned.
     */
    private void reclaimOrphans(List<Instance> known) {
        Map<String, Instance> byId = new java.util.HashMap<>();
        known.forEach(i -> byId.put(i.id(), i));
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                Instance i = byId.get(dir.getFileName().toString());
                redis.reclaimOrphan(dir.resolve("data"), i == null || i.password() == null ? List.of() : List.of(i.password()));
                MemcachedProcessManager.reclaimOrphan(dir.resolve(MEMCACHED_PID));
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot look for servers left by a previous run in " + root + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean keep = stateDir != null;
        for (Instance i : instances.values()) {
            stopDataPlane(i, keep);
        }
        redis.close(keep);
        memcached.close();
        if (keep) {
            synchronized (saveLock) {
                try {
                    FleetState.save(stateDir.resolve(FleetState.FILE_NAME), this, instances(), tasks(), nextTaskId.get());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot save fleet state to " + stateDir, e);
                }
            }
        } else {
            deleteTree(root);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
