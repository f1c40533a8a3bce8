package io.cachesh.codegen.naming;

import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.ShapeModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The only place where Java names are derived from model names. Vendor names may be Java keywords
 * ({@code Class}), clash with methods every generated class has ({@code Builder}, {@code hashCode}) or contain
 * characters Java does not allow ({@code Foo-Bar}, {@code 2FA}); each maps to a legal, stable, unique name.
 */
public final class NamingStrategy {

    static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super",
            "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while",
            "true", "false", "null", "var", "yield", "record", "sealed", "permits", "non-sealed", "_");

    /** Methods of every generated value class (or of Object) that a member accessor must not take. */
    static final Set<String> RESERVED_MEMBERS = Set.of(
            "builder", "toBuilder", "build", "toString", "hashCode", "equals", "getClass", "notify",
            "notifyAll", "wait", "clone", "finalize");

    /** Simple names a shape class cannot take: the nested builder of every value class. */
    static final Set<String> RESERVED_TYPES = Set.of("Builder");

    public String clientInterface(ApiModel model) {
        return model.clientName() + "Client";
    }

    public String clientClass(ApiModel model) {
        return "Default" + model.clientName() + "Client";
    }

    public String operationsClass(ApiModel model) {
        return model.clientName() + "Operations";
    }

    public String modelPackage(ApiModel model) {
        return model.javaPackage() + ".model";
    }

    /** Java class name per shape name, unique within the model. */
    public Map<String, String> shapeClasses(ApiModel model) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String shape : model.shapes().keySet()) {
            String name = upperCamel(shape);
            if (RESERVED_TYPES.contains(name)) name = name + "Shape";
            names.put(shape, unique(name, used));
        }
        return names;
    }

    /** Java member name (field, accessor, builder setter) per wire name, unique within the shape. */
    public Map<String, String> memberNames(ShapeModel shape) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String wire : shape.members().keySet()) {
            String name = lowerCamel(wire);
            if (KEYWORDS.contains(name) || RESERVED_MEMBERS.contains(name)) name = name + "Value";
            names.put(wire, unique(name, used));
        }
        return names;
    }

    /**
     * Nested constant-holder class per member with {@code enum} values (its own, or its list elements'), unique
     * within the shape: the member's name in UpperCamel, singular for lists ({@code ProductVersions ->
     * ProductVersion}, STYLE rule 5), the plural when the singular is taken, and {@code <Name>Value} when the name
     * is in {@code avoid} (the enclosing class, {@code Builder}, and every type the shape's file names simply).
     */
    public Map<String, String> enumClasses(ShapeModel shape, Set<String> avoid) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(avoid);
        for (Map.Entry<String, MemberModel> e : shape.members().entrySet()) {
            MemberModel m = e.getValue();
            boolean list = m.isList() && m.member() != null;
            MemberModel values = list ? m.member() : m;
            if (!hasEnumConstants(values)) continue;
            String plain = upperCamel(e.getKey());
            String name = list ? singular(plain) : plain;
            if (used.contains(name)) name = plain;
            if (used.contains(name)) name = plain + "Value";
            names.put(e.getKey(), unique(name, used));
        }
        return names;
    }

    /** Whether a member's {@code enum} values get constants: a string, integer or float type, every value fitting it. */
    public static boolean hasEnumConstants(MemberModel values) {
        if (values.allowedValues().isEmpty() || !ENUM_TYPES.contains(values.type())) return false;
        for (Object v : values.allowedValues()) {
            if (v == null) return false;
            if ("integer".equals(values.type()) && !(v instanceof Integer || v instanceof Long
                    || v instanceof java.math.BigInteger && ((java.math.BigInteger) v).bitLength() < 64)) return false;
            if ("float".equals(values.type()) && !(v instanceof Number)) return false;
        }
        return true;
    }

    /** Member types whose {@code enum} values get constants (as {@code String}, {@code long}, {@code double}). */
    public static final Set<String> ENUM_TYPES = Set.of("string", "timestamp", "integer", "float");

    /**
     * Constant name per enum value, unique within the holder: words of a string in UPPER_SNAKE
     * ({@code curDeadline -> CUR_DEADLINE}, {@code Redis-4.0 -> REDIS_4_0}), numbers as {@code VALUE_2},
     * {@code VALUE_MINUS_2}, {@code VALUE_0_5}; {@code EMPTY} for an empty string; {@code VALUE_<name>} for
     * anything that would start with a digit.
     */
    public Map<Object, String> enumConstants(List<Object> values) {
        Map<Object, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (Object value : values) {
            if (names.containsKey(value)) continue;
            String name;
            if (value instanceof Number n) {
                String text = n.toString();
                name = "VALUE_" + (text.startsWith("-") ? "MINUS_" + text.substring(1) : text).replaceAll("[^A-Za-z0-9]+", "_");
            } else {
                String text = String.valueOf(value);
                List<String> words = words(text);
                name = text.isEmpty() ? "EMPTY" : words.isEmpty() ? "VALUE_" + names.size()
                        : String.join("_", words).toUpperCase(Locale.ROOT);
                if (Character.isDigit(name.charAt(0))) name = "VALUE_" + name;
            }
            String candidate = name;
            for (int i = 2; !used.add(candidate); i++) candidate = name + "_" + i;
            names.put(value, candidate);
        }
        return names;
    }

    /** {@code ProductVersions -> ProductVersion}, {@code Policies -> Policy}, {@code Addresses -> Address}; {@code Status} stays. */
    static String singular(String name) {
        if (name.endsWith("ies") && name.length() > 3) return name.substring(0, name.length() - 3) + "y";
        if (name.endsWith("sses") || name.endsWith("uses") || name.endsWith("xes")) return name.substring(0, name.length() - 2);
        if (name.endsWith("ss") || name.endsWith("us") || name.endsWith("is") || !name.endsWith("s") || name.length() < 2) {
            return name;
        }
        return name.substring(0, name.length() - 1);
    }

    /** Client method per operation name: {@code DescribeInstances -> describeInstances}. */
    public String operationMethod(String operation) {
        String name = lowerCamel(operation);
        return KEYWORDS.contains(name) || "close".equals(name) ? name + "Action" : name;
    }

    public String iterableMethod(String operation) {
        return lowerCamel(operation) + "Iterable";
    }

    /** Constant name per operation name, unique within the model: {@code DescribeDBSecurityGroups -> DESCRIBE_DB_SECURITY_GROUPS}. */
    public Map<String, String> operationConstants(ApiModel model) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>(Set.of("ALL"));
        for (String op : model.operations().keySet()) {
            names.put(op, unique(String.join("_", words(op)).toUpperCase(Locale.ROOT), used));
        }
        return names;
    }

    /** {@code InstanceId -> instanceId}, {@code VPCId -> vpcId}, {@code Foo-Bar -> fooBar}, {@code 2FA -> n2fa}. */
    public static String lowerCamel(String name) {
        List<String> words = words(name);
        if (words.isEmpty()) return "member";
        StringBuilder out = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT));
        for (int i = 1; i < words.size(); i++) out.append(capitalize(words.get(i)));
        return Character.isDigit(out.charAt(0)) ? "n" + out : out.toString();
    }

    /** {@code instance_set -> InstanceSet}; keeps the vendor's casing inside words. */
    public static String upperCamel(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) out.append(capitalize(part));
        }
        if (out.length() == 0) return "Shape";
        return Character.isDigit(out.charAt(0)) ? "N" + out : out.toString();
    }

    /**
     * Words of a vendor name: split at non-alphanumerics, at lower-to-upper changes and before the last capital
     * of an acronym ({@code DBSecurity -> DB, Security}); digits stay with the word before them.
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            int start = 0;
            for (int i = 1; i < part.length(); i++) {
                char prev = part.charAt(i - 1);
                char c = part.charAt(i);
                boolean lowerToUpper = (Character.isLowerCase(prev) || Character.isDigit(prev)) && Character.isUpperCase(c);
                boolean acronymEnd = Character.isUpperCase(prev) && Character.isUpperCase(c)
                        && i + 1 < part.length() && Character.isLowerCase(part.charAt(i + 1));
                if (lowerToUpper || acronymEnd) {
                    words.add(part.substring(start, i));
                    start = i;
                }
            }
            if (start < part.length()) words.add(part.substring(start));
        }
        return words;
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int i = 2; !used.add(candidate); i++) candidate = name + i;
        return candidate;
    }
}
