package io.cachesh.shell.call;

import io.cachesh.dsl.DslVocabulary;
import io.cachesh.dsl.ModelArgs;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import io.cachesh.shell.config.UsageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The API names {@code cachesh call} takes, spelt as the REPL's raw access spells them ({@code tencent.redis},
 * {@code tencent.cmem}, {@code tencent.redisLegacy}, {@code huawei.dcs}, {@code capitalonline.memcached}), plus
 * any model without a REPL name (as {@code vendor.rest-of-service-id}); each model's service id ({@code tencent-redis-legacy})
 * and the dotted form of it ({@code tencent.redis-legacy}, {@code huawei.dcs-v2}) are accepted as aliases.
 * Iterable as picocli completion candidates (picocli creates one for every command line, so it is cheap to create).
 */
public final class ApiNames implements Iterable<String> {

    /** Built on first use: loading every model costs half a second, which {@code cachesh --version} must not pay. */
    private static final class Canonical {
        static final Map<String, String> NAMES = canonical();
    }

    private static Map<String, String> canonical() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String provider : DslVocabulary.providers()) {
            for (String api : DslVocabulary.rawApis(provider)) {
                names.put(provider + "." + api, DslVocabulary.rawModel(provider, api).service());
            }
        }
        for (String service : Models.SERVICES) {
            if (!names.containsValue(service)) names.put(dotted(service), service);
        }
        return names;
    }

    /** {@code huawei-dcs-v1 -> huawei.dcs-v1}: the vendor, a dot, the rest. */
    static String dotted(String service) {
        int dash = service.indexOf('-');
        return dash < 0 ? service : service.substring(0, dash) + "." + service.substring(dash + 1);
    }

    /** The names to offer, in provider order. */
    public static List<String> names() {
        return List.copyOf(Canonical.NAMES.keySet());
    }

    /** The REPL-style name of a model: {@code tencent-redis-legacy -> tencent.redisLegacy}. */
    public static String nameOf(ApiModel model) {
        for (Map.Entry<String, String> e : Canonical.NAMES.entrySet()) {
            if (e.getValue().equals(model.service())) return e.getKey();
        }
        return dotted(model.service());
    }

    /** The model a name means, or a usage error naming the allowed names. */
    public static ApiModel model(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : Canonical.NAMES.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) return Models.load(e.getValue());
        }
        for (String service : Models.SERVICES) {
            if (service.equals(wanted) || dotted(service).equals(wanted)) return Models.load(service);
        }
        String near = ModelArgs.closest(name, Canonical.NAMES.keySet());
        throw new UsageException("call: unknown API '" + name + "'" + (near == null ? "" : " (did you mean " + near + "?)")
                + " (allowed: " + String.join(", ", Canonical.NAMES.keySet()) + ")");
    }

    /** The action a name means (wire name, lowerCamel or Java name, any case), or a usage error naming them. */
    public static String action(ApiModel model, String name) {
        String action = ModelArgs.action(model, name);
        if (action != null) return action;
        String near = ModelArgs.closest(name, model.operations().keySet());
        throw new UsageException("call " + nameOf(model) + ": unknown action '" + name + "'"
                + (near == null ? "" : " (did you mean " + near + "?)") + "; list them with: cachesh call "
                + nameOf(model));
    }

    /** Every action name of every model (completion candidates). */
    public static List<String> allActions() {
        TreeSet<String> actions = new TreeSet<>();
        for (ApiModel m : Models.all()) actions.addAll(m.operations().keySet());
        return new ArrayList<>(actions);
    }

    @Override
    public Iterator<String> iterator() {
        return names().iterator();
    }

    /** Completion candidates for the action argument: the actions of every model. */
    public static final class Actions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return allActions().iterator();
        }
    }
}
