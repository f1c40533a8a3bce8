package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ExportInstancesTask (v2 5.2.20): the instances matching the body's filters, exported by a background job. The
 * answer is the {@code job_id}; after the task delay the export is in the fleet's extensions under {@link #KEY}
 * (job id to {@link Export}: file name and CSV text), where ExportExcelJob (5.12.8) finds it, and ShowJobInfo follows
 * the job.
 */
final class InstanceExportActions extends HuaweiActionGroup {

    static final String KEY = "huawei.exports";
    static final List<String> COLUMNS = List.of("instance_id", "name", "status", "engine", "engine_version", "cache_mode",
            "capacity", "spec_code", "ip", "port", "az_codes", "charging_mode", "created_at");

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One export: {@code status} RUNNING until the job ran, then SUCCESS. */
    record Export(String status, String fileName, int rows, String csv) {
    }

    /** The exports by job id. */
    record Exports(Map<String, Export> byJobId) {
        Exports {
            byJobId = byJobId == null ? new LinkedHashMap<>() : new LinkedHashMap<>(byJobId);
        }
    }

    InstanceExportActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ExportInstancesTask", this::export);
    }

    static Export find(io.cachesh.emulator.fleet.Fleet fleet, String jobId) {
        return fleet.extensions().get(KEY, Exports.class, () -> new Exports(null)).byJobId().get(jobId);
    }

    private ObjectNode export(HuaweiRequest r) {
        String region = r.requireString("region");
        List<Instance> matches = new ArrayList<>();
        for (Instance i : fleet.instances()) if (HuaweiDcsProvider.owns(i) && matches(i, r)) matches.add(i);
        matches.sort(Comparator.comparing(Instance::createTime).reversed().thenComparing(Instance::id));
        String csv = csv(matches);
        String fileName = "DCS_instances_" + region.replaceAll("[^A-Za-z0-9_-]", "_") + "_"
                + FILE_TIME.format(ctx.clock().instant()) + ".csv";
        CompletableFuture<String> jobId = new CompletableFuture<>();
        Task task = fleet.submit(null, "ExportInstances", "ExportInstances", () -> {
            put(jobId.get(5, TimeUnit.SECONDS), new Export("SUCCESS", fileName, matches.size(), csv));
            return "";
        });
        String id = job(task, "exportInstances");
        put(id, new Export("RUNNING", fileName, matches.size(), null));
        jobId.complete(id);
        ObjectNode out = object();
        out.put("job_id", id);
        return out;
    }

    private void put(String jobId, Export export) {
        fleet.extensions().update(KEY, Exports.class, () -> new Exports(null), e -> {
            Map<String, Export> next = new LinkedHashMap<>(e.byJobId());
            Export before = next.get(jobId);
            // the job may finish before the RUNNING record is written: keep the finished one
            if (before == null || !"SUCCESS".equals(before.status())) next.put(jobId, export);
            return new Exports(next);
        });
        fleet.changed();
    }

    private boolean matches(Instance i, HuaweiRequest r) {
        HuaweiState s = state(i);
        List<String> included = r.strings("included_instances");
        if (!included.isEmpty() && !included.contains(i.id())) return false;
        if (!blank(r, "name") && !i.name().contains(r.string("name"))) return false;
        if (!blank(r, "capacity") && !s.capacity().equals(r.string("capacity"))) return false;
        if (!blank(r, "instance_id") && !i.id().equals(r.string("instance_id"))) return false;
        if (!blank(r, "ip") && !HuaweiNodes.HOST.equals(r.string("ip"))) return false;
        if (!blank(r, "available_zone")) {
            String az = r.string("available_zone");
            boolean inZone = s.azCodes().stream().anyMatch(code -> code.equals(az)
                    || Zones.find(code).map(z -> z.id().equals(az)).orElse(false));
            if (!inZone) return false;
        }
        if (!blank(r, "status") && !status(i).equals(r.string("status"))) return false;
        if (!blank(r, "product_type") && !"generic".equals(r.string("product_type"))) return false;
        if (!blank(r, "cache_mode") && !s.cacheMode().equals(r.string("cache_mode"))) return false;
        if (!blank(r, "engine") && !"redis".equalsIgnoreCase(r.string("engine"))) return false;
        if (!blank(r, "engine_version") && !i.version().equals(r.string("engine_version"))) return false;
        if (!blank(r, "cpu_type") && !s.cpuType().startsWith(r.string("cpu_type"))) return false;
        if (!blank(r, "enterprise_project_id") && !"0".equals(r.string("enterprise_project_id"))) return false;
        if (!blank(r, "charging_mode") && !Integer.toString(s.chargingMode()).equals(r.string("charging_mode"))) return false;
        if (!blank(r, "tags")) {
            for (String one : r.string("tags").split(",")) {
                String[] kv = one.split("=", 2);
                String value = i.tags().get(kv[0].trim());
                if (value == null || kv.length == 2 && !value.equals(kv[1].trim())) return false;
            }
        }
        return true;
    }

    private static boolean blank(HuaweiRequest r, String member) {
        String v = r.string(member);
        return v == null || v.isEmpty();
    }

    private String csv(List<Instance> instances) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Instance i : instances) {
            HuaweiState s = state(i);
            List<String> row = List.of(i.id(), i.name(), status(i), "Redis", i.version(), s.cacheMode(), s.capacity(),
                    s.specCode(), HuaweiNodes.HOST, Integer.toString(i.dataPort()), String.join(";", s.azCodes()),
                    Integer.toString(s.chargingMode()), time(i.createTime()));
            List<String> quoted = new ArrayList<>();
            for (String cell : row) {
                String c = cell == null ? "" : cell;
                quoted.add(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
            }
            out.append(String.join(",", quoted)).append('\n');
        }
        return out.toString();
    }
}
