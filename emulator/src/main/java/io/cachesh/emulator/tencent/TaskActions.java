package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Asynchronous tasks: DescribeTaskInfo, DescribeTaskList. */
final class TaskActions extends TencentActionGroup {

    TaskActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeTaskInfo", this::describeTaskInfo);
        actions.put("DescribeTaskList", this::describeTaskList);
    }

    private ObjectNode describeTaskInfo(TencentRequest r, Params p) {
        long taskId = p.requireInteger("TaskId");
        Task t = fleet.task(taskId).orElseThrow(() -> new TencentException("InvalidParameter.InvalidParameter",
                "业务参数错误: task " + taskId + " does not exist."));
        ObjectNode out = Json.object();
        out.put("Status", t.status().wire());
        out.put("StartTime", time(t.startTime()));
        out.put("TaskType", t.label());
        out.put("InstanceId", t.instanceId());
        out.put("TaskMessage", t.message());
        return out;
    }

    private ObjectNode describeTaskList(TencentRequest r, Params p) {
        long limit = paging(p, "Limit", 20, 0, 100);
        long offset = offset(p);
        String instanceId = p.string("InstanceId");
        String instanceName = p.string("InstanceName");
        List<String> types = p.strings("TaskTypes");
        List<Long> results = p.integers("Result");
        List<Task> matches = new ArrayList<>();
        for (Task t : fleet.tasks()) {
            Instance i = t.instanceId() == null ? null : fleet.instance(t.instanceId()).orElse(null);
            if (i != null && !i.region().equals(r.region())) continue;
            if (instanceId != null && !instanceId.isEmpty() && !instanceId.equals(t.instanceId())) continue;
            if (instanceName != null && !instanceName.isEmpty() && (i == null || !i.name().equals(instanceName))) continue;
            if (!types.isEmpty() && !types.contains(t.type())) continue;
            if (!results.isEmpty() && !results.contains((long) t.status().result())) continue;
            matches.add(t);
        }
        ObjectNode out = Json.object();
        out.put("TotalCount", matches.size());
        ArrayNode tasks = out.putArray("Tasks");
        matches.stream().skip(offset).limit(limit).forEach(t -> {
            Instance i = t.instanceId() == null ? null : fleet.instance(t.instanceId()).orElse(null);
            tasks.addObject().put("TaskId", t.id()).put("StartTime", time(t.startTime()))
                    .put("EndTime", time(t.endTime())).put("TaskType", t.type())
                    .put("InstanceName", i == null ? "" : i.name()).put("InstanceId", t.instanceId())
                    .put("ProjectId", i == null ? 0 : i.projectId())
                    .put("Progress", t.status().done() ? 1.0 : t.status().result() == 1 ? 0.5 : 0.0)
                    .put("Result", t.status().result());
        });
        return out;
    }
}
