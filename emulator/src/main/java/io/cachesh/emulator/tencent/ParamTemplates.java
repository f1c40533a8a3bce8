package io.cachesh.emulator.tencent;

import io.cachesh.emulator.fleet.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parameter templates of the account, fleet-wide state in {@link Fleet#extensions()} under {@link #KEY}. A
 * template holds the values set on it ({@code ParamList}); every other parameter of {@link TencentParams} has its
 * default there, so a template always describes (and applies) a full parameter set.
 */
record ParamTemplates(List<Template> templates) {

    static final String KEY = "tencent.paramTemplates";

    /** One template; {@code region} is where it was created (templates are regional like the instances). */
    record Template(String id, String region, String name, String description, int productType,
                    Map<String, String> params, String createTime) {

        Template {
            params = params == null ? Map.of() : new LinkedHashMap<>(params);
        }

        /** The value of every known parameter: the template's own, else the default. */
        Map<String, String> fullParams() {
            Map<String, String> all = TencentParams.defaults();
            params.forEach((k, v) -> {
                if (all.containsKey(k)) all.put(k, v);
            });
            return all;
        }
    }

    ParamTemplates {
        templates = templates == null ? List.of() : List.copyOf(templates);
    }

    static ParamTemplates of(Fleet fleet) {
        return fleet.extensions().get(KEY, ParamTemplates.class, () -> new ParamTemplates(List.of()));
    }

    static ParamTemplates update(Fleet fleet, UnaryOperator<ParamTemplates> change) {
        ParamTemplates next = fleet.extensions().update(KEY, ParamTemplates.class, () -> new ParamTemplates(List.of()), change);
        fleet.changed();
        return next;
    }

    /** The template {@code id} in {@code region}, or null. */
    Template find(String region, String id) {
        for (Template t : templates) {
            if (t.id().equals(id) && t.region().equals(region)) return t;
        }
        return null;
    }

    boolean containsId(String id) {
        return templates.stream().anyMatch(t -> t.id().equals(id));
    }

    ParamTemplates with(Template template) {
        List<Template> next = new ArrayList<>();
        boolean replaced = false;
        for (Template t : templates) {
            if (t.id().equals(template.id())) {
                next.add(template);
                replaced = true;
            } else {
                next.add(t);
            }
        }
        if (!replaced) next.add(template);
        return new ParamTemplates(next);
    }

    ParamTemplates without(String id) {
        return new ParamTemplates(templates.stream().filter(t -> !t.id().equals(id)).toList());
    }
}
