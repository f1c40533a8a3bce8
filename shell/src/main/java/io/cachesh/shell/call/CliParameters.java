package io.cachesh.shell.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.dsl.ModelArgs;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import io.cachesh.shell.config.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns {@code --Name value} words into the request parameters of one action, converted by the model's types:
 * integers, floats, booleans ({@code --Flag} alone means true), lists ({@code --InstanceIds a b}, the flag repeated,
 * or a JSON array), structures and maps as JSON. Names match the model's wire names in any case, and Huawei's
 * snake_case ones also in lowerCamel ({@code --instance_id} or {@code --instanceId}). A wrong name or value is one
 * line naming the parameter and what is allowed.
 */
public final class CliParameters {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiModel model;
    private final ShapeModel input;
    private final String label;

    public CliParameters(ApiModel model, String action) {
        this.model = model;
        this.input = model.shape(model.operations().get(action).input());
        this.label = "call " + ApiNames.nameOf(model) + " " + action;
    }

    /** The parameters the words give, by wire name, in the order given. */
    public Map<String, Object> parse(List<String> words) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        List<String> current = null;
        for (String word : words) {
            if (word.startsWith("--") && word.length() > 2) {
                String name = word.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                current = raw.computeIfAbsent(member(name), k -> new ArrayList<>());
                if (inline != null) current.add(inline);
            } else if (current == null) {
                throw new UsageException(label + ": unexpected '" + word + "' (parameters are given as --Name value)");
            } else {
                current.add(word);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        raw.forEach((wire, values) -> out.put(wire, convert(wire, input.members().get(wire), values)));
        return out;
    }

    /** The wire name of the member {@code name} means, or a usage error with "did you mean" and the allowed names. */
    String member(String name) {
        for (String m : input.members().keySet()) {
            if (m.equalsIgnoreCase(name)) return m;
        }
        for (String m : input.members().keySet()) {
            if (squash(m).equals(squash(name))) return m;
        }
        String near = ModelArgs.closest(name, input.members().keySet());
        throw new UsageException(label + ": unknown parameter --" + name
                + (near == null ? "" : " (did you mean --" + near + "?)") + " (parameters: "
                + (input.members().isEmpty() ? "none" : input.members().keySet().stream().map(m -> "--" + m)
                .collect(Collectors.joining(", "))) + ")");
    }

    private static String squash(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private Object convert(String wire, MemberModel member, List<String> values) {
        String flag = "--" + wire;
        if (member.isList()) {
            if (values.size() == 1 && values.get(0).strip().startsWith("[")) return json(flag, values.get(0));
            List<Object> items = new ArrayList<>();
            for (String v : values) items.add(scalar(flag, member.member(), v));
            return items;
        }
        if (values.isEmpty()) {
            if ("boolean".equals(member.type())) return true;
            throw new UsageException(label + ": " + flag + " needs a value (" + describe(member) + ")");
        }
        if (values.size() > 1) {
            throw new UsageException(label + ": " + flag + " takes one value, got " + values.size() + " ("
                    + String.join(" ", values) + ")");
        }
        return scalar(flag, member, values.get(0));
    }

    private Object scalar(String flag, MemberModel member, String v) {
        if (member == null) return v;
        Object value = switch (String.valueOf(member.type())) {
            case "integer" -> {
                try {
                    yield Long.parseLong(v.strip());
                } catch (NumberFormatException e) {
                    throw new UsageException(label + ": " + flag + " must be an integer, got '" + v + "'"
                            + allowed(member));
                }
            }
            case "float" -> {
                try {
                    yield Double.parseDouble(v.strip());
                } catch (NumberFormatException e) {
                    throw new UsageException(label + ": " + flag + " must be a number, got '" + v + "'");
                }
            }
            case "boolean" -> switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new UsageException(label + ": " + flag + " must be true or false, got '" + v + "'");
            };
            case "structure", "map" -> {
                Object parsed = json(flag, v);
                if (!(parsed instanceof Map)) {
                    throw new UsageException(label + ": " + flag + " must be a JSON object here, e.g. " + flag
                            + " '{\"Key\":\"value\"}', got '" + v + "'");
                }
                yield parsed;
            }
            case "any" -> json(flag, v);
            default -> v;
        };
        if (!member.allowedValues().isEmpty()
                && member.allowedValues().stream().noneMatch(a -> String.valueOf(a).equals(String.valueOf(value)))) {
            throw new UsageException(label + ": " + flag + " must be one of "
                    + member.allowedValues().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ", got '" + v + "'");
        }
        return value;
    }

    private Object json(String flag, String v) {
        try {
            return JSON.readValue(v, Object.class);
        } catch (JsonProcessingException e) {
            throw new UsageException(label + ": " + flag + " must be JSON here, e.g. " + flag
                    + " '{\"Key\":\"value\"}' (" + e.getOriginalMessage() + ")");
        }
    }

    private static String allowed(MemberModel member) {
        return member.allowedValues().isEmpty() ? "" : " (allowed: " + member.allowedValues().stream()
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(MemberModel member) {
        return member.type() + allowed(member);
    }
}
