package io.cachesh.dsl.capitalonline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedClient;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedWaiters;
import io.cachesh.client.capitalonline.memcached.model.DescribeMemcachedInstanceData;
import io.cachesh.client.core.WaiterTimeoutException;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.TaskFailedException;
import io.cachesh.dsl.CacheService;
import io.cachesh.dsl.Capabilities;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.EffectCheck;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ModelClient;
import io.cachesh.dsl.Polling;
import io.cachesh.dsl.ProviderSettings;
import io.cachesh.dsl.RawApi;
import io.cachesh.dsl.StatusTasks;
import io.cachesh.dsl.Verb;
import io.cachesh.dsl.WaitOptions;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecCatalogue;
import io.cachesh.dsl.spec.SpecOffer;
import io.cachesh.dsl.spec.SpecResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * {@link CacheService} for CapitalOnline Memcached (model {@code capitalonline-memcached}, six actions: Create,
 * List, Describe, Delete, Clear, Update). Spec {@code memcached} only, 1-10 GB ({@code ConfSize} {@code "2G"}).
 * There is no task API: waits poll DescribeMemcachedInstance ({@link CapitalOnlineMemcachedWaiters}). The DSL region
 * is the API area ({@code cn}, {@code asia}, {@code us}); new instances go to the VDC, pipe and site of the provider
 * settings ({@code vdcId}, {@code pipeId}, {@code site}; {@code zone:} overrides the site).
 */
public final class CapitalOnlineCacheService implements CacheService {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}");
    private static final Pattern CONF = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*G", Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");
    /** The seed's sizes: ConfSize 1G-10G (Create and Update). */
    public static final List<Double> CAPACITIES = IntStream.rangeClosed(1, 10).mapToObj(i -> (double) i).toList();
    static final String VERSION_SOLD = "1.6";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the CapitalOnline adapter implements: its API's six actions (docs/support-matrix.md). */
    public static final Capabilities CAPABILITIES = Capabilities.builder("capitalonline")
            .verb(Verb.CREATE, "CreateMemcachedInstance (memcached, 1-10 GB; VdcId/PipeId/site from the settings)")
            .verb(Verb.LIST, "MemcachedInstanceList")
            .verb(Verb.DESCRIBE, "DescribeMemcachedInstance")
            .verb(Verb.RESIZE, "UpdateMemcachedInstance (ConfSize)")
            .verb(Verb.CLEAR, "ClearMemcachedInstance")
            .verb(Verb.WAIT, "DescribeMemcachedInstance (no task API)")
            .verb(Verb.DELETE, "DeleteMemcachedInstance (no recycle bin)")
            .verb(Verb.CONNECT, "memcached text protocol at Address:Port")
            .build();

    private final String region;
    private final ModelClient api;
    private final DslOutput output;
    private final Duration defaultTimeout;
    private final Duration pollInterval;
    private final Map<String, String> options;
    private final SpecCatalogue catalogue;

    public CapitalOnlineCacheService(String region, ModelClient api, DslOutput output, Duration defaultTimeout,
                                     Duration pollInterval, Map<String, String> options) {
        this.region = Objects.requireNonNull(region, "region == null");
        this.api = Objects.requireNonNull(api, "api == null");
        this.output = Objects.requireNonNull(output, "output == null");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout == null");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval == null");
        this.options = options == null ? Map.of() : Map.copyOf(options);
        this.catalogue = new Catalogue(region);
    }

    /** Memcached 1-10 GB, one version; nothing else. */
    private record Catalogue(String region) implements SpecCatalogue {
        @Override
        public String provider() {
            return "capitalonline";
        }

        @Override
        public String unsupported(Spec spec) {
            return spec == Spec.MEMCACHED ? null : "spec " + spec.id() + " is not sold on capitalonline (its cache "
                    + "API is Memcached only; allowed: memcached)";
        }

        @Override
        public List<String> versions(Spec spec) {
            return spec == Spec.MEMCACHED ? List.of(VERSION_SOLD) : List.of();
        }

        @Override
        public SpecOffer offer(Spec spec, String version) {
            if (spec != Spec.MEMCACHED || !VERSION_SOLD.equals(version)) return null;
            return new SpecOffer(spec, version, "capitalonline", "ConfSize", CAPACITIES, List.of(1), List.of(0),
                    "seed");
        }

        @Override
        public List<String> zones() {
            return List.of();
        }
    }

    @Override
    public String provider() {
        return "capitalonline";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public SpecCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    @Override
    public boolean looksLikeId(String ref) {
        return ID.matcher(ref).matches();
    }

    // ---------------------------------------------------------------- create

    @Override
    public Instance create(String name, ResolvedSpec spec, Secret password, WaitOptions wait) {
        if (password != null) {
            throw new DslException("create: capitalonline memcached instances have no password; leave out password:");
        }
        String vdc = options.get(ProviderSettings.VDC_ID);
        String pipe = options.get(ProviderSettings.PIPE_ID);
        if (vdc == null || pipe == null) {
            throw new DslException("create: capitalonline needs the VDC and pipe (network segment) new instances go "
                    + "into: ProviderSettings.capitalOnline(credentials, vdcId, pipeId)");
        }
        String site = spec.zone() != null ? spec.zone() : options.get(ProviderSettings.SITE);
        if (site == null) {
            throw new DslException("create: capitalonline needs a site (RegionId) such as CN_Beijing_H: pass zone: "
                    + "'CN_Beijing_H', or set the provider settings' option site");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        if (name != null) p.put("InstanceName", name);
        p.put("ConfSize", confSize(spec.capacityGb()));
        p.put("VdcId", vdc);
        p.put("PipeId", pipe);
        p.put("Amount", 1);
        p.put("RegionId", site);
        JsonNode r = EffectCheck.created(this, name, output).run(() -> api.call("CreateMemcachedInstance", p), found -> {
            com.fasterxml.jackson.databind.node.ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            n.putObject("Data").putArray("InstanceIds").add(found.instance().getId());
            return n;
        });
        if (r == null) {
            return Instance.builder().id(InstanceStatus.DRY_RUN).name(name).provider("capitalonline")
                    .spec(Spec.MEMCACHED.id()).version(spec.version()).capacityGb(spec.capacityGb()).shards(1)
                    .replicas(0).status(InstanceStatus.DRY_RUN).region(region).zone(site).build();
        }
        String id = r.path("Data").path("InstanceIds").path(0).asText(null);
        if (id == null) throw new IllegalStateException("CreateMemcachedInstance returned no instance id: " + r);
        String label = name == null ? id : name + " (" + id + ")";
        output.info("create " + label + ": ordered (memcached " + confSize(spec.capacityGb()) + " in " + site + ")");
        if (!wait.enabled()) return find(id).orElseGet(() -> Instance.builder().id(id).name(name)
                .provider("capitalonline").spec(Spec.MEMCACHED.id()).capacityGb(spec.capacityGb()).shards(1)
                .status(InstanceStatus.CREATING).region(region).zone(site).build());
        return waitRunning("create", id, label, wait.timeout());
    }

    private static String confSize(double gb) {
        return SpecResolver.gb(gb) + "G";
    }

    // ---------------------------------------------------------------- read

    @Override
    public List<Instance> list() {
        JsonNode r = api.call("MemcachedInstanceList", Map.of());
        List<Instance> out = new ArrayList<>();
        for (JsonNode i : r.path("Data").path("InstanceList")) out.add(toInstance(i));
        return out;
    }

    @Override
    public Optional<Instance> find(String id) {
        try {
            JsonNode r = api.call("DescribeMemcachedInstance", Map.of("InstanceId", id));
            JsonNode data = r.path("Data");
            if (data.isMissingNode() || data.path("InstanceId").asText("").isEmpty()) return Optional.empty();
            return Optional.of(toInstance(data));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Instance> findByName(String name) {
        return list().stream().filter(i -> name.equals(i.getName())).toList();
    }

    // ---------------------------------------------------------------- resize, clear, delete

    @Override
    public Instance resize(Instance current, Double capacityGb, Integer shards, Integer replicas, WaitOptions wait) {
        String label = Polling.label(current);
        if (capacityGb == null) {
            throw new DslException("resize: capitalonline memcached instances change capacity only (1 shard, no "
                    + "replicas)");
        }
        SpecResolver.checkCapacity("resize", catalogue.offer(Spec.MEMCACHED, VERSION_SOLD), capacityGb);
        if (Double.compare(capacityGb, current.getCapacityGb()) == 0) {
            output.info("resize " + label + ": nothing to change");
            return current;
        }
        JsonNode r = EffectCheck.resized(this, current, capacityGb, current.getShards(), current.getReplicas(), output)
                .run(() -> api.call("UpdateMemcachedInstance", Map.of("InstanceId", current.getId(),
                        "ConfSize", confSize(capacityGb))), found -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        if (r == null) return current.toBuilder().capacityGb(capacityGb).status(InstanceStatus.DRY_RUN).build();
        output.info("resize " + label + ": ordered " + confSize(capacityGb));
        if (!wait.enabled()) return find(current.getId()).orElse(current);
        return Polling.poll("resize", label, () -> find(current.getId()),
                i -> InstanceStatus.RUNNING.equals(i.getStatus()) && Double.compare(i.getCapacityGb(), capacityGb) == 0,
                "running with " + confSize(capacityGb), wait.timeout(), pollInterval, output).orElseThrow();
    }

    @Override
    public Task clear(Instance current, Secret password, WaitOptions wait) {
        if (password != null) {
            throw new DslException("clear: " + current.getId() + " is memcached, which has no password; clear it "
                    + "without password:");
        }
        String label = Polling.label(current);
        JsonNode r = api.call("ClearMemcachedInstance", Map.of("InstanceId", current.getId()));
        if (r == null) return null;
        String taskId = r.path("Data").path("TaskId").asText("clear-" + current.getId());
        output.info("clear " + label + ": ClearMemcachedInstance submitted (task " + taskId + ")");
        Task submitted = StatusTasks.submitted(taskId, current, "capitalonline", "clear", Instant.now().toString());
        if (!wait.enabled()) return submitted;
        waitRunning("clear", current.getId(), label, wait.timeout());
        return StatusTasks.done(submitted, "running");
    }

    @Override
    public Instance delete(Instance current, boolean purge, WaitOptions wait) {
        String label = Polling.label(current);
        if (!purge) {
            throw new DslException("delete: capitalonline deletes instances at once (no recycle bin to isolate "
                    + label + " in), so purge: false is not supported");
        }
        JsonNode r = api.call("DeleteMemcachedInstance", Map.of("InstanceId", current.getId()));
        if (r == null) return current.toBuilder().status(InstanceStatus.DRY_RUN).build();
        output.info("delete " + label + ": DeleteMemcachedInstance submitted");
        if (!wait.enabled()) return current.toBuilder().status(InstanceStatus.DELETING).build();
        waitGone("delete", current, wait.timeout());
        return current.toBuilder().status(InstanceStatus.DELETED).rawStatus(null).build();
    }

    // ---------------------------------------------------------------- waits

    @Override
    public Instance waitFor(String verb, Instance instance, String status, Duration timeout) {
        if (InstanceStatus.DELETED.equals(status)) {
            waitGone(verb, instance, timeout);
            return instance.toBuilder().status(InstanceStatus.DELETED).build();
        }
        String label = Polling.label(instance);
        if (InstanceStatus.RUNNING.equals(status)) return waitRunning(verb, instance.getId(), label, timeout);
        return Polling.poll(verb, label, () -> find(instance.getId()), i -> status.equals(i.getStatus()), status,
                timeout, pollInterval, output).orElseThrow();
    }

    @Override
    public Task waitFor(String verb, Task task, Duration timeout) {
        if (task.isDone()) return task;
        if (task.getInstanceId() != null) {
            waitRunning(verb, task.getInstanceId(), task.getInstanceId(), timeout);
        }
        return StatusTasks.done(task, "running");
    }

    /** DescribeMemcachedInstance until {@code running} ({@link CapitalOnlineMemcachedWaiters}). */
    private Instance waitRunning(String verb, String id, String label, Duration timeout) {
        Polling.Progress progress = new Polling.Progress(verb, label, output);
        try {
            DescribeMemcachedInstanceData d = CapitalOnlineMemcachedWaiters.create(
                            (CapitalOnlineMemcachedClient) api.client())
                    .withInterval(pollInterval)
                    .withProgress((attempt, elapsed, state) -> {
                        String raw = state instanceof Optional<?> o && o.isPresent()
                                && o.get() instanceof DescribeMemcachedInstanceData x ? x.status() : null;
                        String now = raw == null ? "not listed" : status(raw);
                        progress.saw(now, InstanceStatus.RUNNING.equals(now), elapsed);
                    })
                    .waitForInstanceStatus(id, CapitalOnlineMemcachedWaiters.RUNNING, timeout);
            return toInstance(MAPPER.valueToTree(d));
        } catch (WaiterTimeoutException e) {
            throw progress.timedOut(timeout, InstanceStatus.RUNNING);
        } catch (TaskFailedException e) {
            throw new DslException(verb + ": " + label + " failed (" + e.getMessage() + ")");
        }
    }

    private void waitGone(String verb, Instance instance, Duration timeout) {
        Polling.poll(verb, Polling.label(instance), () -> find(instance.getId()), null, InstanceStatus.DELETED,
                timeout, pollInterval, output);
    }

    // ---------------------------------------------------------------- raw

    @Override
    public RawApi raw(String apiName) {
        return "memcached".equals(apiName) ? new RawApi("capitalonline.memcached", api) : null;
    }

    @Override
    public List<String> rawApis() {
        return List.of("memcached");
    }

    @Override
    public void close() {
        api.close();
    }

    // ---------------------------------------------------------------- mapping

    /** CapitalOnline's status words -> neutral statuses. */
    public static String status(String raw) {
        if (raw == null) return InstanceStatus.UNKNOWN;
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "running" -> InstanceStatus.RUNNING;
            case "creating" -> InstanceStatus.CREATING;
            case "updating", "clearing", "changing" -> InstanceStatus.CHANGING;
            case "deleting" -> InstanceStatus.DELETING;
            case "deleted" -> InstanceStatus.DELETED;
            default -> InstanceStatus.UNKNOWN; // error, ...: see rawStatus
        };
    }

    Instance toInstance(JsonNode d) {
        Matcher conf = CONF.matcher(d.path("InstanceConf").asText(""));
        double gb = conf.find() ? Double.parseDouble(conf.group(1)) : 0;
        Matcher v = VERSION.matcher(d.path("Version").asText(""));
        String raw = d.path("Status").asText(null);
        Map<String, Object> vendor = new LinkedHashMap<>();
        putText(vendor, "vdcName", d, "AppName");
        putText(vendor, "siteName", d, "SiteName");
        putText(vendor, "billMethod", d, "BillMethod");
        putText(vendor, "confName", d, "ConfName");
        putText(vendor, "goodsId", d, "GoodsId");
        String zone = d.path("SiteId").asText("");
        return Instance.builder()
                .id(d.path("InstanceId").asText())
                .name(d.path("InstanceName").asText(null))
                .provider("capitalonline")
                .spec(Spec.MEMCACHED.id())
                .version(v.find() ? v.group(1) : null)
                .capacityGb(gb)
                .shards(1)
                .replicas(0)
                .status(status(raw))
                .rawStatus(raw)
                .host(d.path("Address").asText(null))
                .port(d.path("Port").asInt(0))
                .region(region)
                .zone(zone.isEmpty() ? d.path("SiteName").asText(null) : zone)
                .createdAt(d.path("CreateTime").asText(null))
                .vendor(vendor)
                .build();
    }

    private static void putText(Map<String, Object> into, String key, JsonNode s, String field) {
        String v = s.path(field).asText("");
        if (!v.isEmpty()) into.put(key, v);
    }
}
