package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.fleet.TaskStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Background tasks and the task centre (v2 5.12) over the fleet's task records of Huawei instances (the same tasks
 * ShowJobInfo follows): per-instance and project-wide lists with time filters and paging, progress with steps, and
 * deletion of finished tasks ({@link BackgroundTaskBook}). Plus the resize pre-check job (its check is real: the
 * target flavor must hold the redis-server's {@code used_memory}) and the instance-list export job's result.
 */
final class BackgroundTaskActions extends HuaweiActionGroup {

    static final String USER_NAME = "cachesh";
    static final String USER_ID = "cachesh0000000000000000000000user";
    private static final DateTimeFormatter FILTER = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);
    private static final DateTimeFormatter STEP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** Fleet task types to the seed's task names (5.12.1); other types are shown as they are. */
    private static final Map<String, String> NAMES = Map.of("ResizeInstance", "EXTEND", "AddWhitelist", "AddWhitelist");

    BackgroundTaskActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListBackgroundTask", r -> list(r, instance(r.requireString("instance_id"))));
        actions.v2("DeleteBackgroundTask", this::deleteBackground);
        actions.v2("ShowBackgroundTaskProgress", this::progress);
        actions.v2("ListCenterTask", r -> list(r, null));
        actions.v2("DeleteCenterTask", this::deleteCenter);
        actions.v2("StartInstanceResizeCheckJob", this::resizeCheck);
        actions.v2("ExportExcelJob", this::exportJob);
    }

    // ---- lists ----------------------------------------------------------------------------------------------------

    private ObjectNode list(HuaweiRequest r, Instance only) {
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw HuaweiException.invalid("offset", "It must be 0 or more.");
        if (limit < 1 || limit > 1000) throw HuaweiException.invalid("limit", "It must be 1-1000.");
        Instant from = filterTime(r, "start_time");
        Instant to = filterTime(r, "end_time");
        if (from != null && to != null && to.isBefore(from)) {
            throw new HuaweiException("DCS.4025", "111400025", 400, "The end time must be after the start time.");
        }
        Map<Long, Map.Entry<String, HuaweiContext.Job>> jobs = BackgroundTaskBook.jobsByTask(fleet);
        Map<String, JsonNode> details = BackgroundTaskBook.of(fleet).details();
        List<Task> tasks = BackgroundTaskBook.visible(fleet).stream()
                .filter(t -> only == null || only.id().equals(t.instanceId()))
                .filter(t -> from == null || !t.startTime().isBefore(from))
                .filter(t -> to == null || !t.startTime().isAfter(to))
                .toList();
        ObjectNode out = object();
        out.put("task_count", Integer.toString(tasks.size()));
        ArrayNode items = out.putArray("tasks");
        tasks.stream().skip(offset).limit(limit).forEach(t -> {
            ObjectNode n = items.addObject();
            n.put("id", BackgroundTaskBook.taskId(t));
            n.put("name", NAMES.getOrDefault(t.type(), t.type()));
            JsonNode d = details.get(Long.toString(t.id()));
            n.set("details", d == null ? object() : d.deepCopy());
            n.put("user_name", USER_NAME);
            n.put("user_id", USER_ID);
            n.put("params", t.instanceId() == null ? "" : "{\"instance_id\":\"" + t.instanceId() + "\"}");
            n.put("status", status(t));
            n.put("created_at", time(t.startTime()));
            n.put("updated_at", t.endTime() == null ? "" : time(t.endTime()));
            n.put("error_code", t.status() == TaskStatus.FAILED ? "DCS.5000" : "");
            n.put("enable_show", true);
            var job = jobs.get(t.id());
            if (job != null) n.put("job_id", job.getKey());
        });
        return out;
    }

    private static Instant filterTime(HuaweiRequest r, String member) {
        String v = r.string(member);
        if (v == null || v.isEmpty()) return null;
        try {
            return LocalDateTime.parse(v, FILTER).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw HuaweiException.invalid(member, "It must be a UTC time yyyyMMddHHmmss, e.g. 20200609160000: `" + v + "`.");
        }
    }

    static String status(Task t) {
        return switch (t.status()) {
            case PREPARING, RUNNING -> "RUNNING";
            case SUCCEED -> "SUCCESS";
            case FAILED -> "FAILED";
        };
    }

    // ---- one task -------------------------------------------------------------------------------------------------

    /** The visible task {@code taskId}, of instance {@code only} when given. */
    private Task task(String taskId, Instance only) {
        Optional<Long> fleetId = BackgroundTaskBook.fleetId(taskId);
        if (fleetId.isEmpty()) {
            throw new HuaweiException("DCS.4070", "111400070", 400, "Invalid task ID format: `" + taskId
                    + "` (32 hexadecimal characters, as ListBackgroundTask answers).");
        }
        return BackgroundTaskBook.visible(fleet).stream()
                .filter(t -> t.id() == fleetId.get())
                .filter(t -> only == null || only.id().equals(t.instanceId()))
                .findFirst()
                .orElseThrow(() -> new HuaweiException("DCS.4133", "111400133", 400, "Instance job is not found: task "
                        + taskId + (only == null ? "" : " of instance " + only.id()) + "."));
    }

    private ObjectNode deleteBackground(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        delete(task(r.requireString("task_id"), i));
        ObjectNode out = object();
        out.put("message", "");
        return out;
    }

    private ObjectNode deleteCenter(HuaweiRequest r) {
        delete(task(r.requireString("task_id"), null));
        return object();
    }

    private void delete(Task t) {
        if (t.status() == TaskStatus.PREPARING || t.status() == TaskStatus.RUNNING) {
            throw new HuaweiException("DCS.4017", "111400017", 400, "This DCS instance job task is still running: "
                    + BackgroundTaskBook.taskId(t) + " (" + t.type() + ") can be deleted once it has finished.");
        }
        BackgroundTaskBook.delete(fleet, t);
    }

    /**
     * Two steps like the seed's example: the pre-check (resource and instance status checks, done when the task was
     * accepted), then the task itself, WAITING, EXECUTING, FINISH or FAILED as the fleet task goes.
     */
    private ObjectNode progress(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        Task t = task(r.requireString("task_id"), i);
        Instant now = ctx.clock().instant();
        long delayMs = Math.max(1, fleet.taskDelay().toMillis());
        boolean finished = t.endTime() != null;
        long elapsed = Duration.between(t.startTime(), now).toMillis();
        ObjectNode out = object();
        out.put("progress", finished ? 100 : (int) Math.min(99, Math.max(0, elapsed * 100 / delayMs)));
        out.put("remain_time", finished ? 0 : (int) Math.max(0, (delayMs - elapsed + 999) / 1000));
        ArrayNode steps = out.putArray("step_details");
        String begin = STEP_TIME.format(t.startTime());
        ObjectNode check = steps.addObject();
        check.put("step_id", stepId(t, "check"));
        check.put("step_name", "前置检查");
        check.put("step_status", "FINISH");
        check.put("begin_time", begin);
        check.put("end_time", begin);
        check.put("error_code", "");
        ArrayNode checkSubs = check.putArray("sub_step_details");
        for (String name : new String[]{"资源检查", "实例状态检查"}) {
            ObjectNode s = checkSubs.addObject();
            s.put("sub_step_id", stepId(t, name));
            s.put("sub_step_name", name);
            s.put("sub_step_status", "FINISH");
            s.put("begin_time", begin);
            s.put("end_time", begin);
            s.put("detail", "");
            s.put("error_code", "");
        }
        String stepStatus = switch (t.status()) {
            case PREPARING -> "WAITING";
            case RUNNING -> "EXECUTING";
            case SUCCEED -> "FINISH";
            case FAILED -> "FAILED";
        };
        String end = finished ? STEP_TIME.format(t.endTime()) : "";
        String failure = t.status() == TaskStatus.FAILED ? "DCS.5000" : "";
        ObjectNode work = steps.addObject();
        work.put("step_id", stepId(t, "work"));
        work.put("step_name", NAMES.getOrDefault(t.type(), t.type()));
        work.put("step_status", stepStatus);
        work.put("begin_time", begin);
        work.put("end_time", end);
        work.put("error_code", failure);
        ObjectNode sub = work.putArray("sub_step_details").addObject();
        sub.put("sub_step_id", stepId(t, "label"));
        sub.put("sub_step_name", t.label() == null ? t.type() : t.label());
        sub.put("sub_step_status", stepStatus);
        sub.put("begin_time", begin);
        sub.put("end_time", end);
        sub.put("detail", t.message() == null ? "" : t.message());
        sub.put("error_code", failure);
        return out;
    }

    private static String stepId(Task t, String step) {
        return UUID.nameUUIDFromBytes((t.id() + "/" + step).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- jobs -----------------------------------------------------------------------------------------------------

    /**
     * The pre-check of a resize: the target flavor exists ({@code DCS.4927}), its capacity matches {@code new_capacity}
     * ({@code DCS.4012}); the job then fails when the redis-server's data does not fit the new capacity or the flavor
     * is the current one.
     */
    private ObjectNode resizeCheck(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        requireRunning(i);
        String specCode = r.string("spec_code");
        Long newCapacity = r.has("new_capacity") ? r.integer("new_capacity", 0) : null;
        if ((specCode == null || specCode.isEmpty()) && newCapacity == null) {
            throw HuaweiException.invalid("spec_code", "Give spec_code or new_capacity.");
        }
        HuaweiFlavors.Flavor current = flavors.bySpecCode(state(i).specCode()).orElse(null);
        HuaweiFlavors.Flavor target;
        if (specCode != null && !specCode.isEmpty()) {
            target = flavors.bySpecCode(specCode).orElseThrow(() -> new HuaweiException("DCS.4927", "111400009", 400,
                    "The param spec_code is invalid: `" + specCode + "` is not a flavor of this emulator (see ListFlavors)."));
            if (newCapacity != null && !HuaweiFlavors.sameCapacity(target, newCapacity)) {
                throw new HuaweiException("DCS.4012", "111400012", 400, "Invalid capacity parameter in the request: "
                        + newCapacity + " GB does not match " + target.specCode() + " (" + target.capacityText() + " GB).");
            }
        } else {
            if (current == null) throw HuaweiException.invalid("spec_code", "The instance's flavor is unknown; give spec_code.");
            target = flavors.sameKind(current, BigDecimal.valueOf(newCapacity)).orElseThrow(() -> new HuaweiException(
                    "DCS.4012", "111400012", 400, "Invalid capacity parameter in the request: no " + current.cacheMode()
                    + " flavor of " + newCapacity + " GB."));
        }
        long usedBytes = usedBytes(i);
        Task task = fleet.submit(i.id(), "StartInstanceResizeCheckJob", "resizeCheck", () -> {
            if (current != null && current.specCode().equals(target.specCode())) {
                throw new IllegalStateException("The instance already has flavor " + target.specCode() + ".");
            }
            if (usedBytes > target.capacityMb() * 1024 * 1024) {
                throw new IllegalStateException("The data (" + usedBytes / (1024 * 1024) + " MB used) does not fit in "
                        + target.capacityText() + " GB.");
            }
            return "";
        });
        ObjectNode out = object();
        out.put("job_id", job(task, "resizeCheckJob"));
        return out;
    }

    private static long usedBytes(Instance i) {
        if (i.dataPlane() == null) return 0;
        try {
            return Math.max(0, i.dataPlane().usedMemoryBytes());
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * The result of an export job ({@code job_id} from ExportInstancesTask, or the latest export job without one):
     * status, and the file and its link once it succeeded.
     */
    private ObjectNode exportJob(HuaweiRequest r) {
        String jobId = r.string("job_id");
        Map<Long, Map.Entry<String, HuaweiContext.Job>> jobs = BackgroundTaskBook.jobsByTask(fleet);
        Map.Entry<String, HuaweiContext.Job> found = null;
        if (jobId != null && !jobId.isEmpty()) {
            HuaweiContext.Job job = ctx.findJob(jobId).orElseThrow(() -> new HuaweiException("DCS.4133", "111400133", 400,
                    "Instance job is not found: " + jobId + "."));
            found = Map.entry(jobId, job);
        } else {
            for (var e : jobs.values()) {
                if (e.getValue().jobType().toLowerCase(Locale.ROOT).contains("export")) found = e;
            }
            if (found == null) {
                throw new HuaweiException("DCS.4133", "111400133", 400, "Instance job is not found: no instance-list "
                        + "export job yet (ExportInstancesTask).");
            }
        }
        String id = found.getKey();
        Task t = fleet.task(found.getValue().taskId()).orElseThrow(() -> new HuaweiException("DCS.4133", "111400133", 400,
                "Instance job is not found: " + id + "."));
        ObjectNode out = object();
        out.put("status", status(t));
        boolean ok = t.status() == TaskStatus.SUCCEED;
        out.put("file_name", ok ? "/tmp/Export/" + id + ".xls" : "");
        out.put("link", ok ? "https://dcs-export.obs." + HuaweiContext.REGION + ".myhuaweicloud.com/" + ctx.projectId() + "/" + id : "");
        if (t.status() == TaskStatus.FAILED) {
            out.put("err_code", "DCS.5000");
            out.put("err_msg", t.message());
        } else {
            out.putNull("err_code");
            out.putNull("err_msg");
        }
        return out;
    }
}
