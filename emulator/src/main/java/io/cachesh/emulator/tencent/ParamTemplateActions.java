package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parameter templates (fleet-wide state, see {@link ParamTemplates}) and the parameter-change history
 * (tencent-redis-api3-and-legacy-v2.txt:18280-18628, 22478-23279, 24300-24516, 25144-25338). ApplyParamsTemplate
 * runs {@code CONFIG SET} on the real redis-server of each target instance for every parameter redis knows, like
 * ModifyInstanceParams. DescribeInstanceParamRecords lists the template applications and, found by comparing the
 * parameters when the history is read, the changes ModifyInstanceParams made (see {@link ParamChangeHistory}).
 */
final class ParamTemplateActions extends TencentActionGroup {

    /** What CreateParamTemplate uses without ProductType or a source template: the seed's example (Redis 4.0 standard). */
    static final int DEFAULT_PRODUCT_TYPE = 6;

    ParamTemplateActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("ApplyParamsTemplate", this::applyParamsTemplate);
        actions.put("CreateParamTemplate", this::createParamTemplate);
        actions.put("DeleteParamTemplate", this::deleteParamTemplate);
        actions.put("DescribeInstanceParamRecords", this::describeInstanceParamRecords);
        actions.put("DescribeParamTemplateInfo", this::describeParamTemplateInfo);
        actions.put("DescribeParamTemplates", this::describeParamTemplates);
        actions.put("ModifyParamTemplate", this::modifyParamTemplate);
    }

    // ---- templates ------------------------------------------------------------------------------------------------

    private ObjectNode createParamTemplate(TencentRequest r, Params p) {
        String name = p.requireString("Name");
        String description = p.string("Description", "");
        Map<String, String> params = new LinkedHashMap<>();
        Long productType = p.integer("ProductType");
        int type = productType == null ? DEFAULT_PRODUCT_TYPE : productType.intValue();
        if (p.has("TemplateId")) {
            ParamTemplates.Template source = template(r, p.requireString("TemplateId"));
            params.putAll(source.params());
            if (productType == null) type = source.productType();
        }
        params.putAll(paramList(p));
        String id;
        synchronized (this) {
            ParamTemplates all = ParamTemplates.of(fleet);
            do {
                id = "crs-cfg-" + randomId();
            } while (all.containsId(id));
            ParamTemplates.Template t = new ParamTemplates.Template(id, r.region(), name, description, type, params,
                    time(fleet.clock().instant()));
            ParamTemplates.update(fleet, ts -> ts.with(t));
        }
        ObjectNode out = object();
        out.put("TemplateId", id);
        return out;
    }

    private ObjectNode deleteParamTemplate(TencentRequest r, Params p) {
        ParamTemplates.Template t = template(r, p.requireString("TemplateId"));
        ParamTemplates.update(fleet, ts -> ts.without(t.id()));
        return object();
    }

    private ObjectNode modifyParamTemplate(TencentRequest r, Params p) {
        ParamTemplates.Template t = template(r, p.requireString("TemplateId"));
        String name = p.has("Name") ? p.requireString("Name") : t.name();
        String description = p.string("Description", t.description());
        Map<String, String> params = new LinkedHashMap<>(t.params());
        params.putAll(paramList(p));
        ParamTemplates.Template next = new ParamTemplates.Template(t.id(), t.region(), name, description, t.productType(),
                params, t.createTime());
        ParamTemplates.update(fleet, ts -> ts.with(next));
        return object();
    }

    private ObjectNode describeParamTemplates(TencentRequest r, Params p) {
        List<Long> types = p.integers("ProductTypes");
        List<String> names = p.strings("TemplateNames");
        List<String> ids = p.strings("TemplateIds");
        ObjectNode out = object();
        ArrayNode items = out.putArray("Items");
        int total = 0;
        for (ParamTemplates.Template t : ParamTemplates.of(fleet).templates()) {
            if (!t.region().equals(r.region())) continue;
            if (!types.isEmpty() && !types.contains((long) t.productType())) continue;
            if (!names.isEmpty() && !names.contains(t.name())) continue;
            if (!ids.isEmpty() && !ids.contains(t.id())) continue;
            ObjectNode n = items.addObject();
            n.put("TemplateId", t.id());
            n.put("Name", t.name());
            n.put("Description", t.description());
            n.put("ProductType", t.productType());
            total++;
        }
        out.put("TotalCount", total);
        return out;
    }

    private ObjectNode describeParamTemplateInfo(TencentRequest r, Params p) {
        ParamTemplates.Template t = template(r, p.requireString("TemplateId"));
        Map<String, String> values = t.fullParams();
        ObjectNode out = object();
        out.put("TotalCount", values.size());
        out.put("TemplateId", t.id());
        out.put("Name", t.name());
        out.put("ProductType", t.productType());
        out.put("Description", t.description());
        ArrayNode items = out.putArray("Items");
        for (TencentParams.Param param : TencentParams.ALL.values()) {
            ObjectNode n = items.addObject();
            n.put("Name", param.name());
            n.put("ParamType", param.kind().name().toLowerCase(Locale.ROOT));
            n.put("Default", param.defaultValue());
            n.put("Description", param.tips());
            n.put("CurrentValue", values.get(param.name()));
            n.put("NeedReboot", 0);
            boolean integer = param.kind() == TencentParams.Kind.INTEGER;
            n.put("Max", integer ? Long.toString(param.max()) : "");
            n.put("Min", integer ? Long.toString(param.min()) : "");
            if (integer) n.putNull("EnumValue");
            else param.values().forEach(n.putArray("EnumValue")::add);
        }
        return out;
    }

    // ---- applying -------------------------------------------------------------------------------------------------

    private ObjectNode applyParamsTemplate(TencentRequest r, Params p) {
        List<String> ids = p.strings("InstanceIds");
        if (ids.isEmpty()) throw TencentException.missing("InstanceIds");
        ParamTemplates.Template t = template(r, p.requireString("TemplateId"));
        List<Instance> targets = new ArrayList<>();
        for (String id : ids) {
            Instance i = instance(r, id);
            switch (i.status()) {
                case RUNNING -> {
                }
                case PROCESSING, TO_BE_INITIALIZED -> throw new TencentException("ResourceUnavailable.InstanceLockedError",
                        "redis 已经被其它流程锁定: " + i.id() + " is in a workflow; retry when it is running.");
                default -> throw new TencentException("ResourceUnavailable.InstanceStateError",
                        "实例状态错误: " + i.id() + " has status " + i.status().code() + ".");
            }
            if (i.typeId() != t.productType()) {
                throw new TencentException("ResourceUnavailable.InstanceConfError", "实例配置错误: template " + t.id()
                        + " is for ProductType " + t.productType() + " but " + i.id() + " has TypeId " + i.typeId() + ".");
            }
            if (!targets.contains(i)) targets.add(i);
        }
        Map<String, String> values = t.fullParams();
        ObjectNode out = object();
        ArrayNode taskIds = out.putArray("TaskIds");
        for (Instance i : targets) taskIds.add(apply(i, t, values).id());
        return out;
    }

    /** One task per instance: CONFIG SET each parameter redis knows, store all, record what changed. */
    private Task apply(Instance i, ParamTemplates.Template t, Map<String, String> values) {
        synchronized (ParamChangeHistory.LOCK) {
            ParamChangeHistory h = ParamChangeHistory.observe(fleet, i);
            Map<String, String> current = ParamChangeHistory.current(i);
            long[] taskId = new long[1];
            Task task = fleet.submit(i.id(), ParamChangeHistory.TASK_TYPE, "应用参数模板", () -> applyNow(i, taskId[0], values));
            taskId[0] = task.id();
            List<ParamChangeHistory.Entry> entries = new ArrayList<>(h.entries());
            String now = time(fleet.clock().instant());
            values.forEach((k, v) -> {
                if (!Objects.equals(current.get(k), v)) {
                    entries.add(new ParamChangeHistory.Entry(task.id(), k, current.get(k), v, ParamChangeHistory.CHANGING, now));
                }
            });
            ParamChangeHistory.put(i, h.withEntries(entries).withOwnTask(task.id()));
            fleet.changed();
            return task;
        }
    }

    private String applyNow(Instance i, long taskId, Map<String, String> values) throws IOException {
        synchronized (ParamChangeHistory.LOCK) {
            ParamChangeHistory h = ParamChangeHistory.observe(fleet, i);
            Map<String, String> before = ParamChangeHistory.current(i);
            List<ParamChangeHistory.Entry> entries = new ArrayList<>(h.entries().stream().filter(e -> e.taskId() != taskId).toList());
            String now = time(fleet.clock().instant());
            RedisProcess process = i.dataPlane();
            IOException failure = null;
            int status = ParamChangeHistory.DONE;
            for (Map.Entry<String, String> e : values.entrySet()) {
                TencentParams.Param param = TencentParams.ALL.get(e.getKey());
                if (param == null) continue;
                try {
                    if (param.redis() && process != null && failure == null) process.configSet(param.name(), param.redisValue(e.getValue()));
                } catch (IOException ex) {
                    failure = ex;
                }
                if (failure != null) status = ParamChangeHistory.FAILED;
                else i.param(param.name(), e.getValue());
                if (!Objects.equals(before.get(param.name()), e.getValue())) {
                    entries.add(new ParamChangeHistory.Entry(taskId, param.name(), before.get(param.name()), e.getValue(), status, now));
                }
            }
            ParamChangeHistory.put(i, h.withEntries(entries).withSeen(ParamChangeHistory.current(i)));
            fleet.changed();
            if (failure != null) throw failure;
            return "";
        }
    }

    private ObjectNode describeInstanceParamRecords(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long offset = p.integer("Offset", 0);
        Long limit = p.integer("Limit");
        if (offset < 0) throw TencentException.invalidValue("Offset", offset, "must not be negative");
        if (limit != null && limit < 1) throw TencentException.invalidValue("Limit", limit, "must be at least 1");
        List<ParamChangeHistory.Entry> all;
        synchronized (ParamChangeHistory.LOCK) {
            all = ParamChangeHistory.observe(fleet, i).newestFirst();
        }
        ObjectNode out = object();
        out.put("TotalCount", all.size());
        ArrayNode list = out.putArray("InstanceParamHistory");
        long end = limit == null ? all.size() : Math.min(all.size(), offset + limit);
        for (long k = offset; k < end; k++) {
            ParamChangeHistory.Entry e = all.get((int) k);
            ObjectNode n = list.addObject();
            n.put("ParamName", e.paramName());
            n.put("PreValue", e.preValue());
            n.put("NewValue", e.newValue());
            n.put("Status", e.status());
            n.put("ModifyTime", e.modifyTime());
        }
        return out;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private ParamTemplates.Template template(TencentRequest r, String id) {
        ParamTemplates.Template t = ParamTemplates.of(fleet).find(r.region(), id);
        if (t == null) {
            throw new TencentException("InvalidParameter", "参数错误: parameter template `" + id + "` does not exist in this region.");
        }
        return t;
    }

    /** ParamList as name to value, checked like ModifyInstanceParams checks InstanceParams. */
    private static Map<String, String> paramList(Params p) {
        Map<String, String> out = new LinkedHashMap<>();
        List<JsonNode> list = p.list("ParamList");
        for (int k = 0; k < list.size(); k++) {
            JsonNode item = list.get(k);
            String key = item.path("Key").asText("");
            JsonNode valueNode = item.get("Value");
            if (key.isEmpty()) throw TencentException.missing("ParamList." + k + ".Key");
            if (valueNode == null || valueNode.isNull()) throw TencentException.missing("ParamList." + k + ".Value");
            TencentParams.Param param = TencentParams.ALL.get(key);
            if (param == null) {
                throw new TencentException("InvalidParameter", "参数错误: `" + key + "` (ParamList." + k
                        + ".Key) is not a modifiable parameter; known: " + String.join(", ", TencentParams.ALL.keySet()) + ".");
            }
            String value = valueNode.asText();
            String problem = param.problem(value);
            if (problem != null) throw TencentException.invalidValue("ParamList." + k + ".Value (" + key + ")", value, problem);
            out.put(key, value);
        }
        return out;
    }

    private String randomId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 8; k++) s.append(alphabet.charAt(ctx.random().nextInt(alphabet.length())));
        return s.toString();
    }
}
