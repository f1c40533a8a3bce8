package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Instance;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Instance tags (v2 5.7): ShowTags, BatchCreateOrDeleteTags, ListTagsOfTenant. The tags live in the instance's own tag
 * map ({@link Instance#tags()}), the one CreateInstance fills and ShowInstance / ListInstances ({@code tags=k=v}) read,
 * so every API sees the same tags and they are persisted with the instance.
 *
 * <p>Rules (5.7.2, and ResourceTag of 5.1.1 which the model applies): {@code action} is {@code create} or
 * {@code delete}; a key is not empty and unique in the request (and per instance: create overwrites the value); a value
 * is required for create, optional for delete (given: the tag goes only when its value matches). The model's
 * ResourceTag limits (key at most 36, value at most 43 characters) are checked before this group runs.
 */
final class TagActions extends HuaweiActionGroup {

    TagActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ShowTags", this::showTags);
        actions.v2("BatchCreateOrDeleteTags", this::batchCreateOrDelete);
        actions.v2("ListTagsOfTenant", this::listTenantTags);
    }

    private ObjectNode showTags(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        ObjectNode out = object();
        ArrayNode tags = out.putArray("tags");
        // Instance.tags() is an unordered copy: answer by key, the same order every time
        new TreeMap<>(i.tags()).forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
        return out;
    }

    private ObjectNode batchCreateOrDelete(HuaweiRequest r) {
        Instance i = instance(r.requireString("instance_id"));
        String action = r.requireString("action");
        if (!action.equals("create") && !action.equals("delete")) {
            throw invalidBody("action", "It must be create or delete, not `" + action + "`.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> keysWithoutValue = new LinkedHashSet<>();
        for (JsonNode tag : r.list("tags")) {
            String key = tag.path("key").asText("");
            if (key.isBlank()) throw invalidBody("tags", "A tag key must not be empty.");
            if (tags.containsKey(key) || keysWithoutValue.contains(key)) {
                throw invalidBody("tags", "The tag key `" + key + "` appears twice; keys are unique per instance.");
            }
            JsonNode value = tag.get("value");
            if (value == null || value.isNull()) {
                if (action.equals("create")) throw invalidBody("tags", "The tag `" + key + "` needs a value to be created.");
                keysWithoutValue.add(key);
            } else {
                tags.put(key, value.asText());
            }
        }
        if (tags.isEmpty() && keysWithoutValue.isEmpty()) throw invalidBody("tags", "It must hold at least one tag.");
        if (action.equals("create")) {
            tags.forEach(i::tag);
        } else {
            Map<String, String> current = i.tags();
            keysWithoutValue.forEach(k -> untag(i, k));
            tags.forEach((k, v) -> {
                if (v.equals(current.get(k))) untag(i, k);
            });
        }
        fleet.changed();
        return null;
    }

    private ObjectNode listTenantTags(HuaweiRequest r) {
        Map<String, Set<String>> byKey = new TreeMap<>();
        for (Instance i : fleet.instances()) {
            if (!VENDOR.equals(i.vendor())) continue;
            i.tags().forEach((k, v) -> byKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        ObjectNode out = object();
        ArrayNode tags = out.putArray("tags");
        byKey.forEach((k, values) -> {
            ObjectNode tag = tags.addObject();
            tag.put("key", k);
            ArrayNode vs = tag.putArray("values");
            values.stream().sorted().forEach(vs::add);
        });
        return out;
    }

    /** {@code DCS.4063} "Invalid {0} parameter in the request." (a body parameter). */
    static HuaweiException invalidBody(String parameter, String detail) {
        return new HuaweiException("DCS.4063", "111400063", 400, "Invalid " + parameter + " parameter in the request. " + detail);
    }

    static void untag(Instance i, String key) {
        i.untag(key);
    }
}
