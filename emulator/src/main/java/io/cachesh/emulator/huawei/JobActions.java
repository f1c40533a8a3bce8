package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Task;

/** ShowJobInfo (v2 5.12): the state of an asynchronous operation's {@code job_id}. */
final class JobActions extends HuaweiActionGroup {

    JobActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ShowJobInfo", this::showJobInfo);
    }

    /** {@code status}: RUNNING until the task delay has passed, then SUCCESS or FAILED (with {@code fail_reason}). */
    private ObjectNode showJobInfo(HuaweiRequest r) {
        String jobId = r.requireString("job_id");
        HuaweiContext.Job job = ctx.findJob(jobId)
                .orElseThrow(() -> new HuaweiException("DCS.4133", 400, "Instance job is not found: " + jobId + "."));
        Task task = fleet.task(job.taskId())
                .orElseThrow(() -> new HuaweiException("DCS.4133", 400, "Instance job is not found: " + jobId + "."));
        ObjectNode out = object();
        out.put("job_id", jobId);
        out.put("job_type", job.jobType());
        out.put("status", switch (task.status()) {
            case PREPARING, RUNNING -> "RUNNING";
            case SUCCEED -> "SUCCESS";
            case FAILED -> "FAILED";
        });
        out.put("begin_time", time(task.startTime()));
        out.put("end_time", task.endTime() == null ? "" : time(task.endTime()));
        out.put("fail_reason", task.status() == io.cachesh.emulator.fleet.TaskStatus.FAILED ? task.message() : "");
        return out;
    }
}
