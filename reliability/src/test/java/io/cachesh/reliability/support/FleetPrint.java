package io.cachesh.reliability.support;

import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.util.Map;
import java.util.TreeMap;

/** A fingerprint of the emulator's fleet: every instance's observable state, plus the number of tasks. */
public final class FleetPrint {

    private FleetPrint() {
    }

    public static Map<String, String> of(Emulator emulator) {
        Map<String, String> print = new TreeMap<>();
        for (Instance i : emulator.fleet().instances()) {
            String pw = i.password() == null ? "-" : Integer.toHexString(i.password().reveal().hashCode());
            print.put(i.vendor() + "/" + i.id(), String.join("|", i.name(), i.region(), i.status().name(),
                    String.valueOf(i.memSizeMb()), String.valueOf(i.shards()), String.valueOf(i.replicas()),
                    String.valueOf(i.typeId()), i.version(), pw, String.valueOf(i.noAuth()),
                    String.valueOf(i.projectId()), String.valueOf(i.autoRenew()), String.valueOf(i.dataPort()),
                    String.valueOf(i.params()), String.valueOf(i.tags()), String.valueOf(i.backups().size())));
        }
        print.put("#instances", String.valueOf(emulator.fleet().instances().size()));
        print.put("#tasks", String.valueOf(emulator.fleet().tasks().size()));
        return print;
    }
}
