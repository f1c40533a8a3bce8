package io.cachesh.dsl;

import io.cachesh.client.auth.Secret;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Named arguments of one verb call, checked against {@link DslVocabulary}; errors are one line. */
final class Args {

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private final String verb;
    private final Map<String, Object> values;

    private Args(String verb, Map<String, Object> values) {
        this.verb = verb;
        this.values = values;
    }

    static Args of(String verb, Map<?, ?> named) {
        VerbDoc doc = DslVocabulary.verb(verb).orElseThrow();
        Map<String, Object> values = new LinkedHashMap<>();
        if (named != null) {
            for (Map.Entry<?, ?> e : named.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (doc.arg(key) == null) {
                    throw new DslException(verb + ": unknown argument '" + key + "'"
                            + ScriptErrors.didYouMean(key, doc.argNames()) + " (allowed: "
                            + String.join(", ", doc.argNames()) + ")");
                }
                values.put(key, e.getValue());
            }
        }
        return new Args(verb, values);
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    String string(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof CharSequence s) return s.toString();
        throw new DslException(verb + ": " + name + " must be text, got " + got(v));
    }

    Secret secret(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof Secret s) return s;
        if (v instanceof CharSequence s) return Secret.of(s.toString());
        throw new DslException(verb + ": " + name + " must be text, got " + got(v));
    }

    Double number(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof CharSequence s) {
            try {
                return new BigDecimal(s.toString().trim()).doubleValue();
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new DslException(verb + ": " + name + " must be a number, got " + got(v));
    }

    Integer whole(String name) {
        Double d = number(name);
        if (d == null) return null;
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new DslException(verb + ": " + name + " must be a whole number, got " + got(values.get(name)));
        }
        return d.intValue();
    }

    Object raw(String name) {
        return values.get(name);
    }

    /**
     * A text or a list of texts ({@code add: 'sg-1'}, {@code add: ['sg-1', 'sg-2']}); empty when absent. Whitelist
     * entries ({@code whitelist(other)} of another block or provider) count as their ids.
     */
    java.util.List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) return java.util.List.of();
        if (v instanceof CharSequence s) return java.util.List.of(s.toString());
        if (v instanceof io.cachesh.dsl.result.WhitelistEntry w) return java.util.List.of(w.getId());
        if (v instanceof java.util.Collection<?> c) {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (Object o : c) {
                if (o instanceof io.cachesh.dsl.result.WhitelistEntry w) {
                    out.add(w.getId());
                    continue;
                }
                if (!(o instanceof CharSequence s)) {
                    throw new DslException(verb + ": " + name + " must be text or a list of texts, got " + got(v));
                }
                out.add(s.toString());
            }
            return out;
        }
        throw new DslException(verb + ": " + name + " must be text or a list of texts, got " + got(v));
    }

    /** A map of names to plain values ({@code set: ['maxmemory-policy': 'allkeys-lru', timeout: 300]}) as text. */
    Map<String, String> stringMap(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) {
            throw new DslException(verb + ": " + name + " must be a map like [name: 'value'], got " + got(v));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            Object x = e.getValue();
            if (!(x instanceof CharSequence || x instanceof Number || x instanceof Boolean)) {
                throw new DslException(verb + ": " + name + "." + e.getKey() + " must be text, a number or a boolean, got "
                        + got(x));
            }
            out.put(String.valueOf(e.getKey()), x instanceof BigDecimal b ? b.toPlainString() : String.valueOf(x));
        }
        return out;
    }

    int wholeOr(String name, int defaultValue, int min, int max) {
        Integer v = whole(name);
        if (v == null) return defaultValue;
        if (v < min || v > max) {
            throw new DslException(verb + ": " + name + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    boolean bool(String name, boolean defaultValue) {
        Object v = values.get(name);
        if (v == null) return defaultValue;
        if (v instanceof Boolean b) return b;
        if (v instanceof CharSequence s && (s.toString().equals("true") || s.toString().equals("false"))) {
            return Boolean.parseBoolean(s.toString());
        }
        throw new DslException(verb + ": " + name + " must be true or false, got " + got(v));
    }

    String oneOf(String name, List<String> allowed) {
        String v = values.get(name) == null ? null : String.valueOf(values.get(name));
        if (v == null) return null;
        if (!(values.get(name) instanceof CharSequence) || !allowed.contains(v)) {
            throw new DslException(verb + ": " + name + " must be one of " + String.join(", ", allowed) + ", got "
                    + got(values.get(name)) + ScriptErrors.didYouMean(v, allowed));
        }
        return v;
    }

    Duration duration(String name, Duration defaultValue) {
        Object v = values.get(name);
        if (v == null) return defaultValue;
        Duration d = parseDuration(v);
        if (d == null || d.isZero() || d.isNegative()) {
            throw new DslException(verb + ": " + name + " must be a duration like 30s, 5m or 1h, got " + got(v));
        }
        return d;
    }

    WaitOptions waitOptions(Duration defaultTimeout) {
        return waitOptions(defaultTimeout, true);
    }

    /** {@code wait:} as given, else {@code waitByDefault} (false in a session run with {@code --no-wait}). */
    WaitOptions waitOptions(Duration defaultTimeout, boolean waitByDefault) {
        return new WaitOptions(bool("wait", waitByDefault), duration("timeout", defaultTimeout));
    }

    /** {@code '5m'}, {@code '90s'}, {@code '1h30m'}, {@code '500ms'}, a number of seconds or a Duration; else null. */
    static Duration parseDuration(Object v) {
        if (v instanceof Duration d) return d;
        if (v instanceof Number n) return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        if (!(v instanceof CharSequence)) return null;
        String s = v.toString().trim();
        if (s.isEmpty()) return null;
        if (s.chars().allMatch(Character::isDigit)) return Duration.ofSeconds(Long.parseLong(s));
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) return null;
        Duration d = Duration.ZERO;
        if (m.group(1) != null) d = d.plusHours(Long.parseLong(m.group(1)));
        if (m.group(2) != null) d = d.plusMinutes(Long.parseLong(m.group(2)));
        if (m.group(3) != null) d = d.plusSeconds(Long.parseLong(m.group(3)));
        if (m.group(4) != null) d = d.plusMillis(Long.parseLong(m.group(4)));
        return d;
    }

    /** How a bad value is quoted in messages: {@code 'big'}, {@code 3}, {@code true}, {@code a List [1, 2]}. */
    static String got(Object v) {
        if (v == null) return "nothing";
        if (v instanceof Secret) return "a secret";
        if (v instanceof CharSequence s) return "'" + s + "'";
        if (v instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
        if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
        if (v instanceof java.util.Collection<?>) return "a list " + v;
        if (v instanceof Map<?, ?>) return "a map " + v;
        if (v instanceof groovy.lang.Closure<?>) return "a closure";
        // never echo an arbitrary toString: it can be Java internals (java.lang.Object@44bc2449) or a secret
        return "a value of type " + v.getClass().getSimpleName();
    }
}
