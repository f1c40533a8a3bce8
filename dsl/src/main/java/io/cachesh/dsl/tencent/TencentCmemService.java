package io.cachesh.dsl.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.client.auth.Secret;
import io.cachesh.client.error.ApiException;
import io.cachesh.dsl.CacheService;
import io.cachesh.dsl.Capabilities;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.DslOutput;
import io.cachesh.dsl.ModelClient;
import io.cachesh.dsl.Polling;
import io.cachesh.dsl.RawApi;
import io.cachesh.dsl.UnsupportedVerbException;
import io.cachesh.dsl.Verb;
import io.cachesh.dsl.WaitOptions;
import io.cachesh.dsl.result.Backup;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Task;
import io.cachesh.dsl.spec.ResolvedSpec;
import io.cachesh.dsl.spec.Spec;
import io.cachesh.dsl.spec.SpecCatalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tencent's Memcached, CMEM (legacy v2 API, model {@code tencent-cmem}: DescribeCmem and ClearCmem only), as seen
 * by {@code provider tencent}: {@link TencentCacheService} lists CMEM instances with the Redis ones
 * ({@code list(spec: 'memcached')}) and hands verbs on them to this adapter
 * ({@link CacheService#forInstance}). Instance ids are the numeric {@code cmemId}; ClearCmem addresses instances
 * by name. CMEM has no create API: instances are created in the console.
 */
public final class TencentCmemService implements CacheService {

    /** The provider label of messages and of the support matrix column. */
    public static final String LABEL = "tencent memcached (CMEM)";
    /** The seed's three CMEM regions, by the region ids the DSL uses. */
    static final Set<String> REGIONS = Set.of("ap-guangzhou", "ap-shanghai", "na-siliconvalley", "na-toronto",
            "na-ashburn");

    public static final Capabilities CAPABILITIES = Capabilities.builder(LABEL)
            .verb(Verb.LIST, "DescribeCmem (with the Redis instances of provider tencent; list(spec: 'memcached'))")
            .verb(Verb.DESCRIBE, "DescribeCmem (memory size not reported: capacityGb 0)")
            .verb(Verb.CLEAR, "ClearCmem, by name; at most 5 per instance per day")
            .verb(Verb.WAIT, "DescribeCmem")
            .verb(Verb.CONNECT, "memcached text protocol at wanIp:port")
            .build();
    private static final int PAGE = 100;

    private final String region;
    private final ModelClient api;
    private final DslOutput output;
    private final Duration defaultTimeout;
    private final Duration pollInterval;
    private final Supplier<SpecCatalogue> catalogue;

    TencentCmemService(String region, ModelClient api, DslOutput output, Duration defaultTimeout,
                       Duration pollInterval, Supplier<SpecCatalogue> catalogue) {
        this.region = Objects.requireNonNull(region, "region == null");
        this.api = Objects.requireNonNull(api, "api == null");
        this.output = output;
        this.defaultTimeout = defaultTimeout;
        this.pollInterval = pollInterval;
        this.catalogue = catalogue;
    }

    /** True when CMEM serves {@code region} (the seed's Guangzhou, Shanghai and North America). */
    static boolean serves(String region) {
        return REGIONS.contains(region);
    }

    /** True for a CMEM instance id (the numeric cmemId). */
    static boolean isCmemId(String ref) {
        return ref != null && !ref.isEmpty() && ref.length() <= 19 && ref.chars().allMatch(Character::isDigit);
    }

    @Override
    public String provider() {
        return "tencent";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public SpecCatalogue catalogue() {
        return catalogue.get();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public UnsupportedVerbException unsupported(Verb verb) {
        return new UnsupportedVerbException(verb, LABEL);
    }

    @Override
    public boolean looksLikeId(String ref) {
        return isCmemId(ref);
    }

    @Override
    public Instance create(String name, ResolvedSpec spec, Secret password, WaitOptions wait) {
        throw new DslException("create: " + TencentCatalogue.CMEM_CREATE);
    }

    @Override
    public List<Instance> list() {
        if (!serves(region)) return List.of();
        List<Instance> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode r = api.call("DescribeCmem", Map.of("limit", PAGE, "offset", offset));
            JsonNode data = r.path("data");
            for (JsonNode c : data) out.add(toInstance(c));
            long total = r.path("totalCount").asLong(out.size());
            if (data.size() < PAGE || out.size() >= total) break;
            offset += PAGE;
        }
        return out;
    }

    @Override
    public Optional<Instance> find(String id) {
        return list().stream().filter(i -> i.getId().equals(id)).findFirst();
    }

    @Override
    public List<Instance> findByName(String name) {
        return list().stream().filter(i -> name.equals(i.getName())).toList();
    }

    /** ClearCmem (flush_all on the server), synchronous; the vendor allows 5 per instance per day. */
    @Override
    public Task clear(Instance current, Secret password, WaitOptions wait) {
        if (password != null) {
            throw new DslException("clear: " + current.getId() + " is memcached, which has no password; clear it "
                    + "without password:");
        }
        String label = Polling.label(current);
        JsonNode r;
        try {
            r = api.call("ClearCmem", Map.of("cmemName", current.getName()));
        } catch (ApiException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            if (message.contains("5次") || message.toLowerCase(java.util.Locale.ROOT).contains("per day")) {
                throw new DslException("clear: " + label + " has been cleared 5 times today, the most CMEM allows per "
                        + "instance per day (ClearCmem: " + message + ")");
            }
            throw e;
        }
        if (r == null) return null;
        output.info("clear " + label + ": cleared (ClearCmem)");
        return new Task("cmem-clear-" + current.getId() + "-" + System.currentTimeMillis(), current.getId(),
                "tencent", "clear", Task.SUCCEEDED, "0", Instant.now().toString(), "ClearCmem", Map.of());
    }

    @Override
    public Instance waitFor(String verb, Instance instance, String status, Duration timeout) {
        String label = Polling.label(instance);
        if (InstanceStatus.DELETED.equals(status)) {
            Polling.poll(verb, label, () -> find(instance.getId()), null, status, timeout, pollInterval, output);
            return instance.toBuilder().status(InstanceStatus.DELETED).build();
        }
        return Polling.poll(verb, label, () -> find(instance.getId()), i -> status.equals(i.getStatus()), status,
                timeout, pollInterval, output).orElseThrow();
    }

    @Override
    public Task waitFor(String verb, Task task, Duration timeout) {
        return task; // ClearCmem is synchronous
    }

    @Override
    public RawApi raw(String apiName) {
        return null;
    }

    @Override
    public List<String> rawApis() {
        return List.of();
    }

    @Override
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    @Override
    public void close() {
        // the client is closed by TencentCacheService
    }

    Instance toInstance(JsonNode c) {
        int status = c.path("status").asInt(Integer.MIN_VALUE);
        Map<String, Object> vendor = new LinkedHashMap<>();
        vendor.put("api", "cmem");
        vendor.put("cmemId", c.path("cmemId").asLong());
        vendor.put("expire", c.path("expire").asInt(0) == 1);
        vendor.put("autoRenew", c.path("autoRenew").asInt(0) == 1);
        if (c.hasNonNull("projectId")) vendor.put("projectId", c.path("projectId").asLong());
        return Instance.builder()
                .id(c.path("cmemId").asText())
                .name(c.path("cmemName").asText(null))
                .provider("tencent")
                .spec(Spec.MEMCACHED.id())
                .capacityGb(0)
                .shards(1)
                .replicas(0)
                // the seed documents status 1 only ("can be renamed, cleared..."): other values are shown as changing
                .status(status == 1 ? InstanceStatus.RUNNING : InstanceStatus.CHANGING)
                .rawStatus(status == Integer.MIN_VALUE ? null : String.valueOf(status))
                .host(c.path("wanIp").asText(null))
                .port(c.path("port").asInt(0))
                .region(region)
                .vendor(vendor)
                .build();
    }
}
