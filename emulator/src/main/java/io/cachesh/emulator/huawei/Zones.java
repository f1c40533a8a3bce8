package io.cachesh.emulator.huawei;

import java.util.List;
import java.util.Optional;

/** The availability zones of the emulator's region ({@link HuaweiContext#REGION}), with stable ids. */
final class Zones {

    record Zone(String id, String code, String name) {
    }

    static final List<Zone> ALL = List.of(
            new Zone("effdcbc7d4d64a02aa1fa26b42f56533", "cn-north-4a", "AZ1"),
            new Zone("a0865121f83b41cbafce65930a22a6e8", "cn-north-4b", "AZ2"),
            new Zone("2dcb154ac2724a6d92e9bcc859657c1e", "cn-north-4c", "AZ3"),
            new Zone("15dcd3f789cb4fc088dbdece9c5eb547", "cn-north-4g", "AZ7"));

    private Zones() {
    }

    /** By code ({@code cn-north-4a}) or id. */
    static Optional<Zone> find(String codeOrId) {
        return ALL.stream().filter(z -> z.code().equals(codeOrId) || z.id().equals(codeOrId)).findFirst();
    }
}
