package io.cachesh.shell.repl;

import io.cachesh.dsl.DslVocabulary;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the shell completes and documents, in the shell's own terms: DSL verbs with their named
 * arguments, spec names, providers, and the API models behind raw access ({@code tencent.redis.*}).
 */
public record Vocabulary(List<Verb> verbs, List<String> specs, List<String> providers, Map<String, ApiModel> apis) {

    /** A DSL verb: {@code create}, {@code list}...; {@code usage} is its call shape. */
    public record Verb(String name, String doc, String example, List<Arg> args, String usage) {
        public Verb {
            Objects.requireNonNull(name, "name == null");
            args = args == null ? List.of() : List.copyOf(args);
        }

        public Optional<Arg> arg(String argName) {
            return args.stream().filter(a -> a.name().equals(argName)).findFirst();
        }
    }

    /** A named argument of a verb: type ({@code string}, {@code secret}...) and allowed values (empty when free). */
    public record Arg(String name, String type, String doc, List<String> allowed) {
        public Arg {
            Objects.requireNonNull(name, "name == null");
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }
    }

    public Vocabulary {
        verbs = List.copyOf(verbs);
        specs = List.copyOf(specs);
        providers = List.copyOf(providers);
        apis = new LinkedHashMap<>(apis);
    }

    /** The DSL's vocabulary and the API models of its raw namespaces; cheap enough to call when the prompt appears. */
    public static Vocabulary load() {
        List<Verb> verbs = new ArrayList<>();
        Map<String, ApiModel> apis = new LinkedHashMap<>();
        for (var v : DslVocabulary.verbs()) {
            if (v.name().contains(".")) {
                // raw access (tencent.redis): completed from the model of that service (tencent-redis)
                String service = v.name().replace('.', '-');
                if (Models.SERVICES.contains(service)) apis.put(v.name(), Models.load(service));
                continue;
            }
            List<Arg> args = new ArrayList<>();
            for (var a : v.args()) args.add(new Arg(a.name(), a.type(), a.doc(), a.allowed()));
            verbs.add(new Verb(v.name(), v.doc(), v.example(), args, v.usage()));
        }
        return new Vocabulary(verbs, DslVocabulary.specNames(), DslVocabulary.providers(), apis);
    }

    /** The DSL namespace of a model's raw operations: {@code tencent-redis} -> {@code tencent.redis}. */
    public static String namespace(ApiModel model) {
        return model.service().replace('-', '.');
    }

    public Optional<Verb> verb(String name) {
        return verbs.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** Every region any model knows, in model order. */
    public List<String> regions() {
        Set<String> out = new LinkedHashSet<>();
        for (ApiModel m : apis.values()) out.addAll(m.regions());
        return List.copyOf(out);
    }

    /** Raw operation names of a namespace in lowerCamel ({@code describeInstances}). */
    public List<String> operations(String namespace) {
        ApiModel model = apis.get(namespace);
        if (model == null) return List.of();
        return model.operations().keySet().stream().map(Vocabulary::lowerCamel).toList();
    }

    /** The vendor action ({@code DescribeInstances}) for a lowerCamel name in a namespace. */
    public Optional<String> action(String namespace, String operation) {
        ApiModel model = apis.get(namespace);
        if (model == null) return Optional.empty();
        return model.operations().keySet().stream().filter(a -> lowerCamel(a).equals(operation)).findFirst();
    }

    public static String lowerCamel(String name) {
        if (name == null || name.isEmpty()) return name;
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
