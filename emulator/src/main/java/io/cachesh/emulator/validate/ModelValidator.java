package io.cachesh.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.OperationModel;
import io.cachesh.model.ShapeModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks request input against an {@link ApiModel}, generic over vendors: required members, unknown members, JSON
 * types, enums, numeric ranges, string lengths, list sizes and patterns, recursively through lists, maps and
 * structures. Numbers and booleans sent as strings ({@code "10"}, {@code "true"}) are accepted and coerced, because
 * the vendors' own documented examples send them so. JSON {@code null} counts as absent.
 */
public final class ModelValidator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiModel model;
    private final boolean strictTypes;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** A lenient validator, for requests: numbers and booleans may arrive as strings. */
    public ModelValidator(ApiModel model) {
        this(model, false);
    }

    /**
     * @param strictTypes true to refuse numbers and booleans written as strings (for checking what the emulator itself
     *                    answers against the model)
     */
    public ModelValidator(ApiModel model, boolean strictTypes) {
        this.model = Objects.requireNonNull(model, "model == null");
        this.strictTypes = strictTypes;
    }

    public ApiModel model() {
        return model;
    }

    /** Validates the input of {@code operation}; an operation the model lacks is a programming error. */
    public ValidationResult validate(String operation, JsonNode input) {
        OperationModel op = model.operation(operation)
                .orElseThrow(() -> new IllegalArgumentException(model.service() + ": no operation " + operation));
        return validateShape(op.input(), input);
    }

    /** Validates {@code input} as an instance of the named structure. */
    public ValidationResult validateShape(String shapeName, JsonNode input) {
        List<Violation> violations = new ArrayList<>();
        JsonNode in = input == null || input.isNull() || input.isMissingNode() ? NODES.objectNode() : input;
        JsonNode value = structure(model.shape(shapeName), in, "", violations);
        return new ValidationResult(violations, value);
    }

    private JsonNode structure(ShapeModel shape, JsonNode node, String prefix, List<Violation> out) {
        if (!node.isObject()) {
            out.add(type(prefix.isEmpty() ? "(request body)" : prefix, "object", node));
            return node;
        }
        ObjectNode result = NODES.objectNode();
        for (String required : shape.required()) {
            JsonNode v = node.get(required);
            if (v == null || v.isNull()) {
                String path = join(prefix, required);
                out.add(new Violation(Violation.Kind.MISSING, path,
                        "The request is missing a required parameter `" + path + "`."));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = join(prefix, field.getKey());
            MemberModel member = shape.members().get(field.getKey());
            if (member == null) {
                out.add(new Violation(Violation.Kind.UNKNOWN, path, "The parameter `" + path + "` is not recognized."));
                continue;
            }
            if (field.getValue().isNull()) continue;
            result.set(field.getKey(), member(member, field.getValue(), path, out));
        }
        return result;
    }

    private JsonNode member(MemberModel m, JsonNode v, String path, List<Violation> out) {
        switch (m.type()) {
            case "string":
            case "timestamp": {
                if (!v.isTextual()) {
                    out.add(type(path, "string", v));
                    return v;
                }
                String s = v.asText();
                int length = s.codePointCount(0, s.length());
                if (m.minLength() != null && length < m.minLength()) {
                    out.add(value(path, v, "must be at least " + m.minLength() + " characters long"));
                } else if (m.maxLength() != null && length > m.maxLength()) {
                    out.add(value(path, v, "must be at most " + m.maxLength() + " characters long"));
                }
                if (m.pattern() != null && !patterns.computeIfAbsent(m.pattern(), Pattern::compile).matcher(s).matches()) {
                    out.add(value(path, v, "must match the pattern " + m.pattern()));
                }
                checkEnum(m, v, path, out);
                return v;
            }
            case "integer":
            case "float": {
                BigDecimal number = strictTypes && !v.isNumber() ? null : number(v, "integer".equals(m.type()));
                if (number == null) {
                    out.add(type(path, m.type(), v));
                    return v;
                }
                JsonNode coerced = "integer".equals(m.type()) ? NODES.numberNode(number.longValueExact())
                        : NODES.numberNode(number.doubleValue());
                if (m.min() != null && number.compareTo(new BigDecimal(m.min().toString())) < 0
                        || m.max() != null && number.compareTo(new BigDecimal(m.max().toString())) > 0) {
                    out.add(value(path, v, "must be " + range(m)));
                }
                checkEnum(m, coerced, path, out);
                return coerced;
            }
            case "boolean": {
                if (v.isBoolean()) return v;
                if (!strictTypes && v.isTextual() && ("true".equals(v.asText()) || "false".equals(v.asText()))) {
                    return NODES.booleanNode(Boolean.parseBoolean(v.asText()));
                }
                out.add(type(path, "boolean", v));
                return v;
            }
            case "list": {
                if (!v.isArray()) {
                    out.add(type(path, "list", v));
                    return v;
                }
                if (m.minItems() != null && v.size() < m.minItems()) {
                    out.add(value(path, null, "must have at least " + m.minItems() + " elements, got " + v.size()));
                } else if (m.maxItems() != null && v.size() > m.maxItems()) {
                    out.add(value(path, null, "must have at most " + m.maxItems() + " elements, got " + v.size()));
                }
                ArrayNode items = NODES.arrayNode();
                for (int i = 0; i < v.size(); i++) {
                    JsonNode item = v.get(i);
                    String itemPath = path + "." + i;
                    if (item.isNull()) {
                        out.add(type(itemPath, m.member().type(), item));
                        continue;
                    }
                    items.add(member(m.member(), item, itemPath, out));
                }
                return items;
            }
            case "map": {
                if (!v.isObject()) {
                    out.add(type(path, "map", v));
                    return v;
                }
                ObjectNode result = NODES.objectNode();
                v.fields().forEachRemaining(e -> {
                    JsonNode value = e.getValue();
                    // maps of strings (parameter lists) take numbers too, as the seeds' own examples send them
                    if (!strictTypes && "string".equals(m.member().type()) && value.isNumber()) {
                        value = NODES.textNode(value.asText());
                    }
                    result.set(e.getKey(), member(m.member(), value, path + "." + e.getKey(), out));
                });
                return result;
            }
            case "structure":
                return structure(model.shape(m.shape()), v, path, out);
            case "any":
            default:
                return v;
        }
    }

    private void checkEnum(MemberModel m, JsonNode v, String path, List<Violation> out) {
        if (m.allowedValues().isEmpty()) return;
        String actual = v.isNumber() ? v.decimalValue().stripTrailingZeros().toPlainString() : v.asText();
        for (Object allowed : m.allowedValues()) {
            String candidate = allowed instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                    : String.valueOf(allowed);
            if (candidate.equals(actual)) return;
        }
        out.add(value(path, v, "must be one of: " + m.allowedValues().stream().map(String::valueOf)
                .collect(Collectors.joining(", "))));
    }

    private static BigDecimal number(JsonNode v, boolean integral) {
        BigDecimal n;
        if (v.isNumber()) {
            n = v.decimalValue();
        } else if (v.isTextual()) {
            try {
                n = new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        if (integral) {
            try {
                n.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return n;
    }

    private static String range(MemberModel m) {
        if (m.min() != null && m.max() != null) return "between " + m.min() + " and " + m.max();
        if (m.min() != null) return "at least " + m.min();
        return "at most " + m.max();
    }

    private static Violation type(String path, String expected, JsonNode actual) {
        return new Violation(Violation.Kind.TYPE, path, "The value type of parameter `" + path + "` is invalid: expected "
                + expected + ", got " + kind(actual) + ".");
    }

    private static Violation value(String path, JsonNode actual, String rule) {
        String shown = actual == null ? "" : " `" + (actual.isTextual() ? actual.asText() : actual.toString()) + "`";
        return new Violation(Violation.Kind.VALUE, path,
                "The value" + shown + " of parameter `" + path + "` is invalid: it " + rule + ".");
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) return "string";
        if (v.isIntegralNumber()) return "integer";
        if (v.isNumber()) return "float";
        if (v.isBoolean()) return "boolean";
        if (v.isArray()) return "list";
        if (v.isObject()) return "object";
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
