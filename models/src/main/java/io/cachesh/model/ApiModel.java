package io.cachesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API surface of one vendor, transcribed from a seed document. The single source of truth for
 * codegen (typed classes and clients), the emulator (validation and response shapes) and the shell
 * (completion and inline docs).
 *
 * @param service          stable id, also the resource name: {@code tencent-redis}
 * @param vendor           {@code tencent}, {@code huawei}, {@code capitalonline}
 * @param clientName       Java name prefix for generated types: {@code TencentRedis}
 * @param javaPackage      package of the generated client: {@code io.cachesh.client.tencent.redis}
 * @param version          the vendor's API version string sent on the wire: {@code 2018-04-12}
 * @param protocol         wire protocol id: {@code tc3-json} (Tencent API 3.0), later {@code tencent-v2-form}, {@code huawei-rest}
 * @param signingName      the service name in the signature scope: {@code redis}
 * @param endpoint         default host (no scheme)
 * @param regionalEndpoints region id to host
 * @param defaultRateLimit requests per second for operations without their own {@code rateLimit}
 * @param seed             seed file this model was transcribed from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiModel(
        String service,
        String vendor,
        String clientName,
        String javaPackage,
        String version,
        String protocol,
        String signingName,
        String endpoint,
        Map<String, String> regionalEndpoints,
        Integer defaultRateLimit,
        String seed,
        String doc,
        Map<String, OperationModel> operations,
        Map<String, ShapeModel> shapes,
        Map<String, ErrorModel> errors) {

    public ApiModel {
        regionalEndpoints = regionalEndpoints == null ? Map.of() : new LinkedHashMap<>(regionalEndpoints);
        operations = operations == null ? Map.of() : new LinkedHashMap<>(operations);
        shapes = shapes == null ? Map.of() : new LinkedHashMap<>(shapes);
        errors = errors == null ? Map.of() : new LinkedHashMap<>(errors);
    }

    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    /** The shape with this name; a model referring to a missing shape is a bug caught by {@link ModelChecker}. */
    public ShapeModel shape(String name) {
        ShapeModel shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException(service + ": no shape named " + name);
        }
        return shape;
    }

    /**
     * The member a dotted path names, starting at {@code shapeName}: {@code "TaskId"} is a member of the shape,
     * {@code "data.dealId"} the {@code dealId} member of the structure in its {@code data} member. Empty when a
     * step is missing or goes through something other than a structure.
     */
    public Optional<MemberModel> memberAt(String shapeName, String path) {
        if (shapeName == null || path == null || path.isEmpty()) return Optional.empty();
        ShapeModel shape = shapes.get(shapeName);
        MemberModel member = null;
        for (String step : path.split("\\.", -1)) {
            if (shape == null) return Optional.empty();
            member = shape.members().get(step);
            if (member == null) return Optional.empty();
            shape = member.isStructure() && member.shape() != null ? shapes.get(member.shape()) : null;
        }
        return Optional.ofNullable(member);
    }

    public int rateLimit(OperationModel op) {
        if (op.rateLimit() != null) return op.rateLimit();
        return defaultRateLimit == null ? 20 : defaultRateLimit;
    }

    /** Host for a region, falling back to the default endpoint. */
    public String endpointFor(String region) {
        if (region != null && regionalEndpoints.containsKey(region)) return regionalEndpoints.get(region);
        return endpoint;
    }

    public List<String> regions() {
        return List.copyOf(regionalEndpoints.keySet());
    }
}
