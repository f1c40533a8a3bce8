package io.cachesh.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads the API models shipped in this module ({@code io/cachesh/models/<service>.json}), once each. */
public final class Models {

    /** Every model shipped, by service id. Add a line here with each new model file. */
    public static final List<String> SERVICES = List.of("tencent-redis", "huawei-dcs-v2", "huawei-dcs-v1",
            "tencent-cmem", "tencent-redis-legacy", "capitalonline-memcached");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, ApiModel> CACHE = new ConcurrentHashMap<>();

    private Models() {
    }

    public static ApiModel load(String service) {
        return CACHE.computeIfAbsent(service, Models::read);
    }

    public static List<ApiModel> all() {
        return SERVICES.stream().map(Models::load).toList();
    }

    /** Reads a model from any stream (tests use small models of their own). */
    public static ApiModel read(InputStream in) throws IOException {
        return MAPPER.readValue(in, ApiModel.class);
    }

    private static ApiModel read(String service) {
        String resource = "/io/cachesh/models/" + service + ".json";
        try (InputStream in = Models.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no model " + service + " (known: " + SERVICES + ")");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + resource, e);
        }
    }
}
