package io.cachesh.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Hostile values: ids, strings, numbers and JSON of the wrong type, shaped after the API models. */
public final class Hostile {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Hostile() {
    }

    /** Strings an attacker or a confused script would send as ids and names. */
    public static final List<String> NASTY = List.of(
            "../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2F",
            "%252e%252e", "a\u0000b", "\u0000", "crs-\u0000../x", "crs-12345678\u0000", "💥🔥", "中文实例名称",
            "\u202Eevil", "\uFEFFcrs-1", "e\u0301", "' OR '1'='1", "\"; DROP TABLE x; --", "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>", "%s%s%s%n", "{{7*7}}", "$(id)", "`id`", "crs-..", ".", "..", "/", "//", "?",
            "#", "&Action=DeleteInstance", "a&b=c", "a=b", "x\r\nX-Injected: 1", " ", "", "null", "undefined", "NaN",
            "Infinity", "-1", "0", "1e999", "0x7fffffff", "99999999999999999999999999", "true", "[]", "{}",
            "\"quoted\"", "\\", "%", "%zz", "%00", "a".repeat(70), "b".repeat(5000), "crs-abcdefgh", "ins-00000000",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff");

    /** Hostile strings: the list above and random unicode (never text that itself looks like a leak marker). */
    public static String string(Gen g) {
        return g.filtered(() -> g.oneOf(
                () -> g.of(NASTY),
                () -> g.anyChars(40),
                () -> g.chars('\u0000', '\u001f', 1, 5),
                () -> g.chars('\u4e00', '\u4fff', 1, 10)), s -> !Leaks.looksLikeLeak(s));
    }

    /** Numbers no API accepts. */
    public static final List<JsonNode> NUMBERS = List.of(F.numberNode(-1), F.numberNode(Long.MIN_VALUE),
            F.numberNode(Long.MAX_VALUE), F.numberNode(new BigInteger("99999999999999999999999999999999")),
            F.numberNode(new BigDecimal("1e400")), F.numberNode(-0.5), F.numberNode(3.14159), F.numberNode(1e308),
            F.numberNode(new BigDecimal("-1e-400")), F.numberNode(Integer.MIN_VALUE));

    /** A JSON value of a different kind than {@code type} (string, integer, float, boolean, list, structure, ...). */
    public static JsonNode wrongType(String type, RandomGenerator random) {
        List<JsonNode> wrong = switch (type == null ? "any" : type) {
            case "string", "timestamp" -> List.of(obj(), arr(), F.booleanNode(true), F.numberNode(12.5));
            case "integer" -> List.of(obj(), arr(), F.textNode("twelve"), F.booleanNode(false), F.numberNode(1.5),
                    F.textNode(""));
            case "float" -> List.of(obj(), arr(), F.textNode("x1.5"), F.booleanNode(true));
            case "boolean" -> List.of(obj(), arr(), F.textNode("maybe"), F.numberNode(7));
            case "list" -> List.of(obj(), F.textNode("not-a-list"), F.numberNode(3), F.booleanNode(true));
            case "structure", "map" -> List.of(arr(), F.textNode("not-an-object"), F.numberNode(5), F.booleanNode(true));
            default -> List.of(F.textNode("\u0000"), obj());
        };
        return wrong.get(random.nextInt(wrong.size()));
    }

    private static ObjectNode obj() {
        ObjectNode o = F.objectNode();
        o.put("nested", "../..");
        return o;
    }

    private static ArrayNode arr() {
        ArrayNode a = F.arrayNode();
        a.add(F.objectNode());
        a.add("x");
        return a;
    }

    /** A value of the member's own JSON kind, but hostile (strings from {@link #NASTY}, numbers out of range). */
    public static JsonNode hostileValue(ApiModel model, MemberModel m, RandomGenerator random, int depth) {
        String type = m.type() == null ? "string" : m.type();
        switch (type) {
            case "integer", "float":
                return NUMBERS.get(random.nextInt(NUMBERS.size()));
            case "boolean":
                return F.textNode(NASTY.get(random.nextInt(NASTY.size())));
            case "list": {
                ArrayNode a = F.arrayNode();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    a.add(m.member() == null ? F.textNode(nasty(random)) : hostileValue(model, m.member(), random, depth + 1));
                }
                if (random.nextInt(8) == 0) for (int i = 0; i < 300; i++) a.add(nasty(random));
                return a;
            }
            case "structure": {
                ObjectNode o = F.objectNode();
                ShapeModel s = m.shape() == null ? null : model.shapes().get(m.shape());
                if (s == null || depth > 3) return o;
                for (Map.Entry<String, MemberModel> e : s.members().entrySet()) {
                    if (random.nextBoolean()) o.set(e.getKey(), hostileValue(model, e.getValue(), random, depth + 1));
                }
                return o;
            }
            case "map": {
                ObjectNode o = F.objectNode();
                o.put(nasty(random), nasty(random));
                return o;
            }
            default:
                return F.textNode(nasty(random));
        }
    }

    public static String nasty(RandomGenerator random) {
        return NASTY.get(random.nextInt(NASTY.size()));
    }

    /** Malformed JSON texts (and valid JSON that is not an object). */
    public static final List<String> BAD_JSON = List.of("{", "}", "{\"a\":", "{\"a\" 1}", "{'a':1}", "[1,2", "nul",
            "{\"a\":1}}", "{\"a\":1,}", "\u0000{}", "{\"a\":\"\\u12\"}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":-}",
            "\"just a string\"", "42", "true", "null", "[]", "[{}]", "{\"Limit\":1e99999}", "{\"a\":[[[[[[[[[[[[[[[[[[[[[",
            "{}garbage", "\uFEFF{}", "{\"a\":\"\ud800\"}", "{" + "\"k\":{".repeat(3000) + "}".repeat(3000) + "}",
            "[" + "[".repeat(5000) + "]".repeat(5000) + "]");
}
