package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.util.List;

/**
 * ListConfigHistories (v2 5.4.4): the parameter-change records of {@link ConfigHistoryLog}, newest first, paged.
 */
final class ConfigHistoryActions extends HuaweiActionGroup {

    ConfigHistoryActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListConfigHistories", this::list);
    }

    private ObjectNode list(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        if (offset < 0) throw HuaweiException.invalid("offset", "It must be 0 or more.");
        if (limit < 1 || limit > 1000) throw HuaweiException.invalid("limit", "It must be 1 to 1000.");
        List<ConfigHistoryLog.Entry> newestFirst = ConfigHistoryLog.all(ctx, i);
        ObjectNode out = object();
        out.put("history_num", newestFirst.size());
        ArrayNode items = out.putArray("histories");
        newestFirst.stream().skip(offset).limit(limit).forEach(e -> {
            ObjectNode n = items.addObject();
            n.put("history_id", e.historyId());
            n.put("type", e.type());
            n.put("created_at", e.createdAt());
            n.put("status", e.status());
        });
        return out;
    }
}
