package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;

/**
 * ShowConfigHistoryDetail (v2 5.2.4): one parameter-change record of {@link ConfigHistoryLog}; an unknown
 * {@code history_id} is {@code DCS.4987}. The seed documents no 200 body, so the model's output shape is empty and
 * the front-end sends {@code {}}; the handler still answers the record (HistoryInfo's members plus
 * {@code redis_config} with each parameter's old and new value) so a shape added later carries it.
 */
final class ConfigHistoryDetailActions extends HuaweiActionGroup {

    ConfigHistoryDetailActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ShowConfigHistoryDetail", this::detail);
    }

    private ObjectNode detail(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String id = r.requireString("history_id");
        ConfigHistoryLog.Entry e = ConfigHistoryLog.find(ctx, i, id).orElseThrow(() -> new HuaweiException("DCS.4987",
                "DCS.4987", 400, "Query config update history data failed: no parameter change " + id + " on " + i.id()
                + " (see ListConfigHistories)."));
        ObjectNode out = object();
        out.put("history_id", e.historyId());
        out.put("type", e.type());
        out.put("created_at", e.createdAt());
        out.put("status", e.status());
        ArrayNode params = out.putArray("redis_config");
        for (ConfigHistoryLog.Change c : e.changes()) {
            params.addObject().put("param_name", c.name()).put("old_value", c.oldValue()).put("new_value", c.newValue());
        }
        return out;
    }
}
