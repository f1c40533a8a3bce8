package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.protocol.Json;
import java.util.Map;

/** What is sold where: DescribeProductInfo from products.json. */
final class ProductActions extends TencentActionGroup {

    ProductActions(TencentContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeProductInfo", this::describeProductInfo);
    }

    private ObjectNode describeProductInfo(TencentRequest r, Params p) {
        ObjectNode out = Json.object();
        out.set("RegionSet", catalog.regionSet());
        return out;
    }
}
