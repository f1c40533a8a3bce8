package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Kernel minor versions (v2 5.2.22 ShowInstanceVersion, 5.2.23 UpgradeInstanceMinorVersion). DCS numbers its kernel
 * releases in four parts ({@code 6.0.1.0}); the emulator's catalogue has two per engine version, instances start on
 * the older one. An upgrade ({@code latest} or a listed newer version) is a background task ({@code task_id}, followed
 * by ShowJobInfo): the instance is UPGRADING and its redis-server is restarted (data saved and reloaded), as a
 * kernel upgrade restarts the processes. The emulator has no Proxy Cluster instances: the proxy fields are null and a
 * proxy target is refused.
 */
final class MinorVersionActions extends HuaweiActionGroup {

    static final String KEY = "huawei.minorVersion";

    /** Per engine version, the kernel releases oldest first. */
    static final Map<String, List<String>> RELEASES = Map.of(
            "4.0", List.of("4.0.14.5", "4.0.14.6"),
            "5.0", List.of("5.0.14.4", "5.0.14.5"),
            "6.0", List.of("6.0.1.0", "6.0.1.1"));

    record Version(String engine) {
    }

    MinorVersionActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ShowInstanceVersion", this::show);
        actions.v2("UpgradeInstanceMinorVersion", this::upgrade);
    }

    private static List<String> releases(Instance i) {
        return RELEASES.getOrDefault(i.version(), List.of(i.version() + ".0.0"));
    }

    static String current(Instance i) {
        List<String> releases = releases(i);
        String stored = i.extensions().get(KEY, Version.class, () -> new Version(null)).engine();
        return stored != null && releases.contains(stored) ? stored : releases.get(0);
    }

    private static String latest(Instance i) {
        List<String> releases = releases(i);
        return releases.get(releases.size() - 1);
    }

    private ObjectNode show(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        ObjectNode out = object();
        out.put("engine_minor_version", current(i));
        out.put("latest_engine_minor_version", latest(i));
        out.putNull("proxy_minor_version");
        out.putNull("latest_proxy_minor_version");
        out.put("engine_minor_version_upgradable", !current(i).equals(latest(i)));
        out.put("proxy_minor_version_upgradable", false);
        return out;
    }

    private ObjectNode upgrade(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String proxy = r.string("proxy_minor_version");
        if (proxy != null && !proxy.isEmpty()) {
            throw HuaweiException.invalid("proxy_minor_version", i.id() + " is not a Proxy Cluster instance; it has no "
                    + "proxies to upgrade.");
        }
        String wanted = r.string("engine_minor_version");
        if (wanted == null || wanted.isEmpty()) throw HuaweiException.invalid("engine_minor_version", "It is required.");
        String target = "latest".equals(wanted) ? latest(i) : wanted;
        List<String> releases = releases(i);
        if (!releases.contains(target)) {
            throw HuaweiException.invalid("engine_minor_version", "`" + wanted + "` is not a kernel release of Redis "
                    + i.version() + " (" + String.join(", ", releases) + ").");
        }
        String current = current(i);
        if (target.equals(current)) {
            throw new HuaweiException("DCS.4053", "111400053", 400, "the upgrade instance version equals to current version: "
                    + current + ".");
        }
        if (releases.indexOf(target) < releases.indexOf(current)) {
            throw HuaweiException.invalid("engine_minor_version", "`" + target + "` is older than the current " + current + ".");
        }
        requireRunning(i);
        Task task = busyTask(i, "UPGRADING", "UpgradeMinorVersion", () -> {
            if (i.dataPlane() != null) {
                fleet.stopDataPlane(i, true);
                try {
                    fleet.startDataPlane(i);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot restart redis-server: " + e.getMessage(), e);
                }
            }
            i.extensions().put(KEY, new Version(target));
            return "";
        });
        ObjectNode out = object();
        out.put("task_id", job(task, "upgradeMinorVersion"));
        return out;
    }
}
