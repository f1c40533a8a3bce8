package io.cachesh.dsl;

import io.cachesh.client.auth.Secret;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import java.time.Duration;
import io.cachesh.client.capitalonline.memcached.CapitalOnlineMemcachedClient;
import io.cachesh.client.huawei.dcs.HuaweiDcsClient;
import io.cachesh.client.huawei.dcsv1.HuaweiDcsV1Client;
import io.cachesh.client.tencent.cmem.TencentCmemClient;
import io.cachesh.client.tencent.redislegacy.TencentRedisLegacyClient;
import io.cachesh.dsl.capitalonline.CapitalOnlineCacheService;
import io.cachesh.dsl.huawei.HuaweiCacheService;
import io.cachesh.dsl.huawei.HuaweiMemcachedService;
import io.cachesh.dsl.tencent.TencentCacheService;
import io.cachesh.model.Models;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Session state shared by every script of a session: settings, services (clients) per provider and region. */
final class DslContext implements AutoCloseable {

    final Map<String, ProviderSettings> settings;
    final DslOutput output;
    volatile boolean dryRun;
    /** False when verbs should return once their change is submitted unless a call says {@code wait: true}. */
    volatile boolean waitByDefault = true;
    final CacheSpec top;
    private final Map<String, CacheService> services = new LinkedHashMap<>();
    private final Map<String, Secret> passwords = new ConcurrentHashMap<>();
    /** Passwords given to ensure inside plan { } blocks, by target name, for a later apply(plan). Never shown. */
    final Map<String, Secret> planSecrets = new ConcurrentHashMap<>();
    /** The plan { } or apply { } block running now, or null. */
    volatile PlanRecorder recorder;
    final java.util.function.UnaryOperator<ClientConfig.Builder> clientCustomizer;

    DslContext(Map<String, ProviderSettings> settings, String defaultProvider, DslOutput output, boolean dryRun) {
        this(settings, defaultProvider, output, dryRun, null);
    }

    DslContext(Map<String, ProviderSettings> settings, String defaultProvider, DslOutput output, boolean dryRun,
               java.util.function.UnaryOperator<ClientConfig.Builder> clientCustomizer) {
        this.clientCustomizer = clientCustomizer == null ? b -> b : clientCustomizer;
        this.settings = settings;
        this.output = output;
        this.dryRun = dryRun;
        ProviderSettings def = settings.get(defaultProvider);
        this.top = new CacheSpec(this, defaultProvider, def == null ? ProviderSettings.defaultRegion(defaultProvider)
                : def.region());
    }

    synchronized CacheService service(String verb, String provider, String region) {
        ProviderSettings s = settingsFor(provider);
        if (s == null) {
            throw new DslException(verb + ": provider " + provider + " is not configured in this session (configured: "
                    + String.join(", ", settings.keySet()) + ")" + configureHint(provider));
        }
        return services.computeIfAbsent(provider + "@" + region, k -> newService(s.withRegion(region)));
    }

    private static String configureHint(String provider) {
        return switch (provider) {
            case "huawei" -> "; add ProviderSettings.huawei(credentials, projectId)";
            case "capitalonline" -> "; add ProviderSettings.capitalOnline(credentials, vdcId, pipeId)";
            default -> "";
        };
    }

    /**
     * The settings of {@code provider}: the configured ones, or, when the session points at the local emulator
     * (a loopback endpoint) and the provider is not configured, the same endpoint and key pair with the emulator's
     * defaults (Huawei project {@value #EMULATOR_HUAWEI_PROJECT_ID} and the seed's example VPC and subnet ids, a
     * CapitalOnline VDC, pipe and site of its own), so
     * {@code provider huawei} works in a shell started on the emulator. Null when neither applies.
     */
    ProviderSettings settingsFor(String provider) {
        ProviderSettings s = settings.get(provider);
        if (s != null || !DslVocabulary.providers().contains(provider)) return s;
        for (ProviderSettings other : settings.values()) {
            if (other.endpoint() != null && isLoopback(other.endpoint())) {
                return derived.computeIfAbsent(provider, p -> other.forProvider(p, switch (p) {
                    case "huawei" -> Map.of(ProviderSettings.PROJECT_ID, EMULATOR_HUAWEI_PROJECT_ID,
                            ProviderSettings.VPC_ID, "5e37b3be-950a-48e1-b498-65b63d336481",
                            ProviderSettings.SUBNET_ID, "a4112635-3ec0-471c-95c3-5cf49b9533af",
                            HuaweiMemcachedService.SECURITY_GROUP_ID, "1477393a-29c9-4de5-843f-18ef51257c8e");
                    case "capitalonline" -> Map.of(ProviderSettings.VDC_ID, "cachesh-emulator-vdc",
                            ProviderSettings.PIPE_ID, "cachesh-emulator-pipe", ProviderSettings.SITE, "CN_Beijing_H");
                    default -> Map.of();
                }));
            }
        }
        return null;
    }

    /** The emulator's default Huawei project id ({@code Emulator.DEFAULT_HUAWEI_PROJECT_ID}). */
    static final String EMULATOR_HUAWEI_PROJECT_ID = "0000000000000000000000000000cach";
    private final Map<String, ProviderSettings> derived = new ConcurrentHashMap<>();

    private static boolean isLoopback(String endpoint) {
        try {
            String host = java.net.URI.create(endpoint).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                    || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private CacheService newService(ProviderSettings regional) {
        String region = regional.region();
        // the emulator finishes tasks in well under a second; the real cloud takes tens of seconds
        Duration poll = regional.endpoint() == null ? Duration.ofSeconds(2) : Duration.ofMillis(200);
        return switch (regional.provider()) {
            case "huawei" -> {
                if (regional.projectId() == null) {
                    throw new DslException("provider: huawei needs a project id (ProviderSettings.huawei(credentials, "
                            + "projectId); the console lists it under My Credentials > API Credentials)");
                }
                ClientConfig config = clientCustomizer.apply(ClientConfig.builder().credentials(regional.credentials())
                        .region(region).projectId(regional.projectId()).endpoint(regional.endpoint())).build();
                ModelClient dcs = new ModelClient(Models.load("huawei-dcs-v2"),
                        () -> HuaweiDcsClient.create(config), () -> dryRun, output);
                ModelClient dcsV1 = new ModelClient(Models.load("huawei-dcs-v1"),
                        () -> HuaweiDcsV1Client.create(config), () -> dryRun, output);
                yield new HuaweiCacheService(region, dcs, dcsV1, output, regional.taskTimeout(), poll, passwords,
                        regional.options());
            }
            case "capitalonline" -> {
                ClientConfig config = clientCustomizer.apply(ClientConfig.builder().credentials(regional.credentials())
                        .region(region).endpoint(regional.endpoint())).build();
                ModelClient memcached = new ModelClient(Models.load("capitalonline-memcached"),
                        () -> CapitalOnlineMemcachedClient.create(config), () -> dryRun, output);
                yield new CapitalOnlineCacheService(region, memcached, output, regional.taskTimeout(), poll,
                        regional.options());
            }
            default -> {
                ModelClient client = new ModelClient(Models.load("tencent-redis"), () -> TencentRedisClient.create(
                        clientCustomizer.apply(ClientConfig.builder().credentials(regional.credentials()).region(region)
                                .endpoint(regional.endpoint())).build()),
                        () -> dryRun, output);
                ModelClient cmem = new ModelClient(Models.load("tencent-cmem"), () -> TencentCmemClient.create(
                        clientCustomizer.apply(ClientConfig.builder().credentials(regional.credentials()).region(region)
                                .endpoint(regional.endpoint())).build()),
                        () -> dryRun, output);
                ModelClient legacy = new ModelClient(Models.load("tencent-redis-legacy"),
                        () -> TencentRedisLegacyClient.create(clientCustomizer.apply(ClientConfig.builder()
                                .credentials(regional.credentials()).region(region).endpoint(regional.endpoint()))
                                .build()),
                        () -> dryRun, output);
                yield new TencentCacheService(region, client, output, regional.taskTimeout(), poll, passwords,
                        cmem, legacy);
            }
        };
    }

    /** Installs an adapter for one provider and region (tests; adapters built outside the session). */
    synchronized void register(String provider, String region, CacheService service) {
        services.put(provider + "@" + region, service);
    }

    /** The password this session created the instance with, set, or was given for it; null when unknown. */
    Secret password(String instanceId) {
        return instanceId == null ? null : passwords.get(instanceId);
    }

    void checkProvider(String verb, String provider) {
        if (!DslVocabulary.providers().contains(provider)) {
            throw new DslException(verb + ": unknown provider '" + provider + "'"
                    + ScriptErrors.didYouMean(provider, DslVocabulary.providers()) + " (allowed: "
                    + String.join(", ", DslVocabulary.providers()) + ")");
        }
    }

    void checkRegion(String verb, String provider, String region) {
        List<String> regions = DslVocabulary.regions(provider);
        if (!regions.isEmpty() && !regions.contains(region)) {
            throw new DslException(verb + ": region must be one of " + String.join(", ", regions) + " for " + provider
                    + ", got '" + region + "'");
        }
    }

    @Override
    public synchronized void close() {
        for (CacheService s : services.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                output.warn("closing " + s.provider() + " client failed: " + e.getMessage());
            }
        }
        services.clear();
        derived.clear();
        passwords.clear();
        planSecrets.clear();
    }
}
