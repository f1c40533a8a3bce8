package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.protocol.Json;
import java.util.Map;

/** Maintenance windows. */
final class MaintenanceActions extends TencentActionGroup {

    MaintenanceActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeMaintenanceWindow", this::describeMaintenanceWindow);
    }

    private ObjectNode describeMaintenanceWindow(TencentRequest r, Params p) {
        MaintenanceWindow window = MaintenanceWindow.of(instance(r, p.requireString("InstanceId")));
        ObjectNode out = Json.object();
        out.put("StartTime", window.startTime());
        out.put("EndTime", window.endTime());
        return out;
    }
}
