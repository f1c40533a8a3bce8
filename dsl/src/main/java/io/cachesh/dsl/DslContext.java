package io.cachesh.dsl;

import io.cachesh.client.auth.Secret;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import java.time.Duration;
import io.cachesh.dsl.tencent.TencentCacheService;
import io.cachesh.model.ApiModel;
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
        this.top = new CacheSpec(this, defaultProvider, def == null ? ProviderSettings.DEFAULT_REGION : def.region());
    }

    synchronized CacheService service(String verb, String provider, String region) {
        ProviderSettings s = settings.get(provider);
        if (s == null) {
            throw new DslException(verb + ": provider " + provider + " is not configured in this session (configured: "
                    + String.join(", ", settings.keySet()) + ")");
        }
        return services.computeIfAbsent(provider + "@" + region, k -> {
            ProviderSettings regional = s.withRegion(region);
            ApiModel model = Models.load("tencent-redis");
            ModelClient client = new ModelClient(model, () -> TencentRedisClient.create(clientCustomizer.apply(
                    ClientConfig.builder().credentials(regional.credentials()).region(region)
                            .endpoint(regional.endpoint())).build()),
                    () -> dryRun, output);
            // the emulator finishes tasks in well under a second; the real cloud takes tens of seconds
            Duration poll = regional.endpoint() == null ? Duration.ofSeconds(2) : Duration.ofMillis(200);
            return new TencentCacheService(region, client, output, regional.taskTimeout(), poll, passwords);
        });
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
            throw new DslException(verb + ": unknown provider '" + provider + "' (allowed: "
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
        passwords.clear();
        planSecrets.clear();
    }
}
