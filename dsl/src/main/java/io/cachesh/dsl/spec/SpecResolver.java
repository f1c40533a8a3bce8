package io.cachesh.dsl.spec;

import io.cachesh.dsl.DslException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a {@link SpecRequest} against a provider's {@link SpecCatalogue} before any API call; impossible
 * combinations fail with one line naming the argument and the allowed values.
 */
public final class SpecResolver {

    private SpecResolver() {
    }

    public static ResolvedSpec resolve(String verb, SpecRequest request, SpecCatalogue catalogue) {
        Spec spec = request.spec();
        String why = catalogue.unsupported(spec);
        if (why != null) throw new DslException(verb + ": " + why);
        List<String> versions = catalogue.versions(spec);
        if (versions.isEmpty()) {
            throw new DslException(verb + ": " + spec.id() + " is not sold on " + catalogue.provider() + " in "
                    + catalogue.region());
        }
        String version = request.version() == null ? versions.get(versions.size() - 1)
                : matchVersion(verb, spec, request.version(), versions, catalogue);
        SpecOffer offer = catalogue.offer(spec, version);
        String where = where(offer);

        double capacity;
        if (request.capacityGb() == null) {
            capacity = offer.capacitiesGb().get(0);
        } else {
            capacity = request.capacityGb();
            checkCapacity(verb, offer, capacity);
        }

        int shards;
        if (!spec.isCluster()) {
            if (request.shards() != null && request.shards() != 1) {
                throw new DslException(verb + ": shards applies only to redis.cluster (" + spec.id()
                        + " has 1 shard), got " + request.shards());
            }
            shards = 1;
        } else if (request.shards() == null) {
            shards = offer.shards().contains(3) ? 3 : offer.shards().get(0);
        } else {
            shards = request.shards();
            checkInt(verb, "shards", shards, offer.shards(), where);
        }

        int replicas;
        if (request.replicas() == null) {
            replicas = defaultReplicas(spec, offer.replicas());
        } else {
            replicas = request.replicas();
            checkInt(verb, "replicas", replicas, offer.replicas(), where);
        }

        String zone = request.zone();
        if (zone != null && !catalogue.zones().isEmpty() && !catalogue.zones().contains(zone)) {
            throw new DslException(verb + ": zone must be one of " + String.join(", ", catalogue.zones()) + " for "
                    + catalogue.provider() + " in " + catalogue.region() + ", got '" + zone + "'");
        }
        return new ResolvedSpec(offer, capacity, shards, replicas, zone);
    }

    /** Fails unless {@code capacityGb} is sold for the offer. */
    public static void checkCapacity(String verb, SpecOffer offer, double capacityGb) {
        for (double allowed : offer.capacitiesGb()) {
            if (Double.compare(allowed, capacityGb) == 0) return;
        }
        throw new DslException(verb + ": capacity must be one of " + gbList(offer.capacitiesGb()) + " GB"
                + (offer.spec().isCluster() ? " per shard" : "") + " for " + offer.spec().id() + " " + offer.version()
                + " on " + offer.provider() + ", got " + gb(capacityGb));
    }

    /** Fails unless {@code value} is one of {@code allowed}. */
    public static void checkInt(String verb, String arg, int value, List<Integer> allowed, String where) {
        if (allowed.contains(value)) return;
        throw new DslException(verb + ": " + arg + " must be one of "
                + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")) + where + ", got " + value);
    }

    public static String where(SpecOffer offer) {
        return " for " + offer.spec().id() + " " + offer.version() + " on " + offer.provider();
    }

    private static int defaultReplicas(Spec spec, List<Integer> allowed) {
        int wanted = spec == Spec.REDIS_RW ? 2 : spec == Spec.REDIS_STANDALONE ? 0 : 1;
        if (allowed.contains(wanted)) return wanted;
        return allowed.stream().filter(r -> r >= wanted).findFirst().orElse(allowed.get(0));
    }

    private static String matchVersion(String verb, Spec spec, String wanted, List<String> versions,
                                       SpecCatalogue catalogue) {
        for (String v : versions) {
            if (v.equals(wanted) || v.equals(wanted + ".0")) return v;
        }
        throw new DslException(verb + ": version must be one of " + String.join(", ", versions) + " for " + spec.id()
                + " on " + catalogue.provider() + ", got '" + wanted + "'");
    }

    public static String gbList(List<Double> values) {
        return values.stream().map(SpecResolver::gb).collect(Collectors.joining(", "));
    }

    public static String gb(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
