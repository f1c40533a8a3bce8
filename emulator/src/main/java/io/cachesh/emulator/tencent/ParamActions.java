package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import io.cachesh.emulator.protocol.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Instance parameters: CONFIG SET on the real server where redis knows the parameter, recorded otherwise. */
final class ParamActions extends TencentActionGroup {

    ParamActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeInstanceParams", this::describeInstanceParams);
        actions.put("ModifyInstanceParams", this::modifyInstanceParams);
    }

    private ObjectNode describeInstanceParams(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        RedisProcess process = i.dataPlane();
        ObjectNode out = Json.object();
        out.put("TotalCount", TencentParams.ALL.size());
        ArrayNode enums = out.putArray("InstanceEnumParam");
        ArrayNode ints = out.putArray("InstanceIntegerParam");
        ArrayNode texts = out.putArray("InstanceTextParam");
        ArrayNode multis = out.putArray("InstanceMultiParam");
        for (TencentParams.Param param : TencentParams.ALL.values()) {
            String current = i.param(param.name());
            if (current == null) current = param.defaultValue();
            if (param.redis() && process != null && !TencentParams.REPORT_STORED.contains(param.name())) {
                try {
                    String live = param.fromRedis(process.configGet(param.name()));
                    if (live != null) current = live;
                } catch (IOException e) {
                    // fall back to the recorded value
                }
            }
            ObjectNode n = Json.object();
            n.put("ParamName", param.name());
            n.put("ValueType", param.kind().name().toLowerCase(Locale.ROOT));
            n.put("NeedRestart", "false");
            n.put("DefaultValue", param.defaultValue());
            n.put("CurrentValue", current);
            n.put("Tips", param.tips());
            n.put("Status", 2);
            switch (param.kind()) {
                case ENUM -> {
                    param.values().forEach(n.putArray("EnumValue")::add);
                    enums.add(n);
                }
                case INTEGER -> {
                    n.put("Min", Long.toString(param.min()));
                    n.put("Max", Long.toString(param.max()));
                    n.put("Unit", param.unit());
                    ints.add(n);
                }
                case MULTI -> {
                    param.values().forEach(n.putArray("EnumValue")::add);
                    multis.add(n);
                }
                case TEXT -> {
                    param.values().forEach(n.putArray("TextValue")::add);
                    texts.add(n);
                }
            }
        }
        return out;
    }

    private ObjectNode modifyInstanceParams(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        List<JsonNode> list = p.list("InstanceParams");
        if (list.isEmpty()) throw TencentException.missing("InstanceParams");
        Map<TencentParams.Param, String> changes = new LinkedHashMap<>();
        for (int k = 0; k < list.size(); k++) {
            JsonNode item = list.get(k);
            String key = item.path("Key").asText(null);
            JsonNode valueNode = item.get("Value");
            if (key == null || key.isEmpty()) throw TencentException.missing("InstanceParams." + k + ".Key");
            if (valueNode == null || valueNode.isNull()) throw TencentException.missing("InstanceParams." + k + ".Value");
            TencentParams.Param param = TencentParams.ALL.get(key);
            if (param == null) {
                throw new TencentException("InvalidParameter", "参数错误: `" + key + "` (InstanceParams." + k
                        + ".Key) is not a modifiable parameter; known: " + String.join(", ", TencentParams.ALL.keySet()) + ".");
            }
            String value = valueNode.asText();
            String problem = param.problem(value);
            if (problem != null) throw TencentException.invalidValue("InstanceParams." + k + ".Value (" + key + ")", value, problem);
            changes.put(param, value);
        }
        requireRunning(i);
        Task task = fleet.submit(i.id(), "034", "修改实例参数", () -> {
            RedisProcess process = i.dataPlane();
            for (Map.Entry<TencentParams.Param, String> c : changes.entrySet()) {
                if (c.getKey().redis() && process != null) process.configSet(c.getKey().name(), c.getKey().redisValue(c.getValue()));
                i.param(c.getKey().name(), c.getValue());
            }
            return "";
        });
        ObjectNode out = Json.object();
        out.put("Changed", true);
        out.put("TaskId", task.id());
        return out;
    }

    /** Parameters applied with CONFIG SET when an instance's redis-server starts. */
    public static Map<String, String> redisConfig(Instance instance) {
        Map<String, String> config = new LinkedHashMap<>();
        for (TencentParams.Param param : TencentParams.ALL.values()) {
            if (!param.redis()) continue;
            String value = instance.param(param.name());
            config.put(param.name(), param.redisValue(value == null ? param.defaultValue() : value));
        }
        return config;
    }
}
