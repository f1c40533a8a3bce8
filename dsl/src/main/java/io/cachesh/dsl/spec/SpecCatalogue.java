package io.cachesh.dsl.spec;

import java.util.List;

/** What one provider sells in one region: the allowed values of the spec vocabulary. */
public interface SpecCatalogue {

    /** Provider name, {@code tencent}. */
    String provider();

    /** Region the catalogue describes. */
    String region();

    /** Null when the provider supports {@code spec}, otherwise why not (one line). */
    String unsupported(Spec spec);

    /** Versions sold for {@code spec}, oldest first (the last one is the default). */
    List<String> versions(Spec spec);

    /** The offer for {@code spec} at {@code version}; null when not sold. */
    SpecOffer offer(Spec spec, String version);

    /** Zones of the region, empty when unknown (then any zone is passed through to the vendor). */
    List<String> zones();
}
