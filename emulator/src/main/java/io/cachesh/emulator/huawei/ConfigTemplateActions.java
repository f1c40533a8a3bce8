package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Parameter templates (v2 5.14), fleet-wide. System templates: one per engine version and cache mode, named like the
 * seed's {@code Default-Redis-4.0-single-generic-DRAM} and numbered so that its ids hold ({@code "6"} is Redis 4.0
 * single, {@code "11"} Redis 5.0 single as in the create example); their parameters are the defaults of
 * {@link ConfigActions#PARAMS}. User templates (UUID ids) copy a source template's parameters and override them;
 * values are checked against the parameter table. Errors are the seed's {@code 111400063} "Invalid {0} parameter in
 * the request." (the code of every example in 5.14).
 */
final class ConfigTemplateActions extends HuaweiActionGroup {

    static final String KEY = "huawei.configTemplates";
    private static final String[] MODES = {"single", "ha", "cluster", "proxy", "ha_rw_split"};

    /** A template; {@code params} are redis parameter names to values. */
    record Template(String id, String name, String type, String engine, String engineVersion, String cacheMode,
                    String productType, String storageType, String description, String createdAt, Map<String, String> params) {
        Template {
            params = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        }
    }

    /** The user templates. */
    record UserTemplates(List<Template> templates) {
        UserTemplates {
            templates = templates == null ? List.of() : List.copyOf(templates);
        }
    }

    static final List<Template> SYSTEM = system();

    ConfigTemplateActions(HuaweiContext ctx) {
        super(ctx);
    }

    @Override
    protected void register(HuaweiDcsProvider.Registry actions) {
        actions.v2("ListConfigTemplates", this::list);
        actions.v2("CreateCustomTemplate", this::create);
        actions.v2("ShowConfigTemplate", this::show);
        actions.v2("UpdateConfigTemplate", this::update);
        actions.v2("DeleteConfigTemplate", this::delete);
    }

    private static List<Template> system() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ConfigActions.Param p : ConfigActions.PARAMS) defaults.put(p.name(), p.defaultValue());
        List<Template> out = new ArrayList<>();
        int id = 1;
        for (String mode : new String[]{"single", "ha", "proxy"}) out.add(sys(id++, "Redis", "3.0", mode, defaults));
        out.add(sys(id++, "Memcached", "", "single", Map.of()));
        out.add(sys(id++, "Memcached", "", "ha", Map.of()));
        for (String version : HuaweiFlavors.ENGINE_VERSIONS) {
            for (String mode : MODES) out.add(sys(id++, "Redis", version, mode, defaults));
        }
        return List.copyOf(out);
    }

    private static Template sys(int id, String engine, String version, String mode, Map<String, String> params) {
        String name = "Default-" + engine + (version.isEmpty() ? "" : "-" + version) + "-" + mode + "-generic-DRAM";
        return new Template(Integer.toString(id), name, "sys", engine, version, mode, "generic", "DRAM", null, null, params);
    }

    static HuaweiException invalid(String member, String detail) {
        return new HuaweiException("111400063", "111400063", 400, "Invalid " + member + " parameter in the request: " + detail);
    }

    private UserTemplates users() {
        return fleet.extensions().get(KEY, UserTemplates.class, () -> new UserTemplates(List.of()));
    }

    private List<Template> all(String type) {
        return "sys".equals(type) ? SYSTEM : users().templates();
    }

    private Optional<Template> find(String id, String type) {
        return all(type).stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private Template require(String id, String type) {
        return find(id, type).orElseThrow(() -> invalid("template_id", "no " + type + " template " + id
                + " (see ListConfigTemplates with type=" + type + ")."));
    }

    private static ObjectNode describe(ObjectNode n, Template t) {
        n.put("template_id", t.id());
        n.put("cache_mode", t.cacheMode());
        if (t.description() == null) n.putNull("description");
        else n.put("description", t.description());
        n.put("engine", t.engine());
        n.put("engine_version", t.engineVersion());
        n.put("name", t.name());
        n.put("product_type", t.productType());
        n.put("storage_type", t.storageType());
        n.put("type", t.type());
        if (t.createdAt() != null) n.put("created_at", t.createdAt());
        return n;
    }

    private ObjectNode list(HuaweiRequest r) {
        String type = r.requireString("type");
        String name = r.string("name");
        String engine = r.string("engine");
        String version = r.string("engine_version");
        String mode = r.string("cache_mode");
        long offset = r.integer("offset", 0);
        long limit = r.integer("limit", 10);
        List<Template> matching = all(type).stream()
                .filter(t -> name == null || name.isEmpty()
                        || t.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)))
                .filter(t -> engine == null || engine.isEmpty() || t.engine().equalsIgnoreCase(engine))
                .filter(t -> version == null || version.isEmpty() || t.engineVersion().equals(version))
                .filter(t -> mode == null || mode.isEmpty() || t.cacheMode().equals(mode))
                .toList();
        ObjectNode out = object();
        out.put("template_num", matching.size());
        ArrayNode items = out.putArray("templates");
        matching.stream().skip(offset).limit(limit).forEach(t -> describe(items.addObject(), t));
        return out;
    }

    private ObjectNode show(HuaweiRequest r) {
        return describe(object(), require(r.requireString("template_id"), r.requireString("type")));
    }

    /** Checks every given parameter against the table; numbers may come as JSON numbers (the seed's example). */
    private static Map<String, String> params(HuaweiRequest r, String engine) {
        JsonNode given = r.input().get("params");
        if (given == null || !given.isObject() || given.isEmpty()) throw invalid("params", "give at least one parameter.");
        if ("Memcached".equalsIgnoreCase(engine)) throw invalid("params", "Memcached templates have no Redis parameters.");
        Map<String, String> out = new LinkedHashMap<>();
        var it = given.fields();
        while (it.hasNext()) {
            var e = it.next();
            ConfigActions.Param p = ConfigActions.PARAMS.stream().filter(x -> x.name().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> invalid("params", "unknown parameter `" + e.getKey() + "` (see ListConfigurations)."));
            String value = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
            String problem = p.check(value);
            if (problem != null) throw invalid("params", p.name() + " = `" + value + "` " + problem + ".");
            out.put(p.name(), value);
        }
        return out;
    }

    private static void checkName(String name, List<Template> others, String exceptId) {
        if (name == null || name.isBlank() || name.length() > 64) throw invalid("name", "1-64 characters are required.");
        for (Template t : others) {
            if (!t.id().equals(exceptId) && t.name().equals(name)) throw invalid("name", "a user template named `" + name + "` exists.");
        }
    }

    private ObjectNode create(HuaweiRequest r) {
        Template source = require(r.requireString("template_id"), r.requireString("type"));
        String name = r.requireString("name");
        checkName(name, users().templates(), null);
        String engine = r.string("engine", source.engine());
        String version = r.string("engine_version", source.engineVersion());
        String mode = r.string("cache_mode", source.cacheMode());
        if (!engine.equalsIgnoreCase(source.engine())) {
            throw invalid("engine", "`" + engine + "` differs from the source template's " + source.engine() + ".");
        }
        if (!version.equals(source.engineVersion())) {
            throw invalid("engine_version", "`" + version + "` differs from the source template's " + source.engineVersion() + ".");
        }
        if (!mode.equals(source.cacheMode())) {
            throw invalid("cache_mode", "`" + mode + "` differs from the source template's " + source.cacheMode() + ".");
        }
        String description = r.string("description");
        if (description != null && description.length() > 1024) throw invalid("description", "at most 1024 characters.");
        Map<String, String> params = new LinkedHashMap<>(source.params());
        params.putAll(params(r, source.engine()));
        Template t = new Template(UUID.randomUUID().toString(), name, "user", source.engine(), source.engineVersion(),
                source.cacheMode(), source.productType(), source.storageType(), description, time(ctx.clock().instant()), params);
        fleet.extensions().update(KEY, UserTemplates.class, () -> new UserTemplates(List.of()), u -> {
            List<Template> next = new ArrayList<>(u.templates());
            next.add(t);
            return new UserTemplates(next);
        });
        fleet.changed();
        ObjectNode out = object();
        out.put("id", t.id());
        return out;
    }

    private Template requireUser(String id) {
        if (find(id, "sys").isPresent()) throw invalid("template_id", "system template " + id + " cannot be changed or deleted.");
        return require(id, "user");
    }

    private ObjectNode update(HuaweiRequest r) {
        Template t = requireUser(r.requireString("template_id"));
        String name = r.string("name", t.name());
        checkName(name, users().templates(), t.id());
        String description = r.has("description") ? r.string("description") : t.description();
        if (description != null && description.length() > 1024) throw invalid("description", "at most 1024 characters.");
        Map<String, String> params = new LinkedHashMap<>(t.params());
        params.putAll(params(r, t.engine()));
        Template next = new Template(t.id(), name, t.type(), t.engine(), t.engineVersion(), t.cacheMode(), t.productType(),
                t.storageType(), description, t.createdAt(), params);
        fleet.extensions().update(KEY, UserTemplates.class, () -> new UserTemplates(List.of()), u -> new UserTemplates(
                u.templates().stream().map(x -> x.id().equals(t.id()) ? next : x).toList()));
        fleet.changed();
        ObjectNode out = object();
        out.put("result", "success");
        return out;
    }

    private ObjectNode delete(HuaweiRequest r) {
        Template t = requireUser(r.requireString("template_id"));
        fleet.extensions().update(KEY, UserTemplates.class, () -> new UserTemplates(List.of()), u -> new UserTemplates(
                u.templates().stream().filter(x -> !x.id().equals(t.id())).toList()));
        fleet.changed();
        ObjectNode out = object();
        out.put("result", "success");
        return out;
    }

    /** A template's parameters (for a future CreateInstance {@code template_id}); empty when unknown. */
    static Map<String, String> parameters(io.cachesh.emulator.fleet.Fleet fleet, String id) {
        for (Template t : SYSTEM) if (t.id().equals(id)) return t.params();
        return fleet.extensions().get(KEY, UserTemplates.class, () -> new UserTemplates(List.of())).templates().stream()
                .filter(t -> t.id().equals(id)).findFirst().map(Template::params).orElse(Map.of());
    }
}
