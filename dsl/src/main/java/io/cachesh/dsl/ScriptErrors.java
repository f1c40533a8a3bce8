package io.cachesh.dsl;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.MetaProperty;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.typehandling.GroovyCastException;

/**
 * Turns what escapes a script into what the user should read: DSL errors get the script line they came from, and
 * Groovy's own runtime errors (missing property or method, failed cast) become one-line {@link DslException}s with
 * a "did you mean" instead of class names. Vendor errors and the script's own exceptions pass unchanged.
 */
public final class ScriptErrors {

    private static final Pattern CAST = Pattern.compile("with class '([\\w.$\\[\\];]+)' to class '([\\w.$\\[\\];]+)'");

    private ScriptErrors() {
    }

    /**
     * The error to throw for {@code e}, which escaped the script compiled as {@code compiledName} (the file name given
     * to the Groovy compiler); {@code shownName} is how the user named the file, null for a cell.
     */
    static RuntimeException locate(RuntimeException e, String compiledName, String shownName, Binding binding) {
        int line = line(e, compiledName);
        DslException dsl = find(e);
        if (dsl != null) return dsl.at(shownName, line);
        String message = translate(e, binding);
        if (message == null) return e;
        return new DslException(message, e).at(shownName, line);
    }

    private static DslException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DslException d) return d;
        }
        return null;
    }

    /** The first line of the script in the stack of {@code e} or its causes, 0 when none. */
    static int line(Throwable e, String compiledName) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (compiledName.equals(f.getFileName()) && f.getLineNumber() > 0) return f.getLineNumber();
            }
        }
        return 0;
    }

    /** A one-line message for Groovy's runtime errors, null for anything else. */
    static String translate(Throwable e, Binding binding) {
        if (e instanceof MissingPropertyException mpe) {
            String name = mpe.getProperty();
            Class<?> type = mpe.getType();
            if (type == null || Script.class.isAssignableFrom(type) || Closure.class.isAssignableFrom(type)) {
                List<String> known = new ArrayList<>(DslVocabulary.verbNames());
                known.addAll(DslVocabulary.providers());
                known.add("params");
                if (binding != null) {
                    for (Object k : binding.getVariables().keySet()) known.add(String.valueOf(k));
                }
                String near = didYouMean(name, known);
                return "unknown name '" + name + "'" + (near.isEmpty() ? " (quote it if it is text: '" + name + "')"
                        : near);
            }
            List<String> properties = properties(type);
            return noun(type) + " has no property '" + name + "'" + didYouMean(name, properties)
                    + (properties.isEmpty() ? "" : " (properties: " + String.join(", ", properties) + ")");
        }
        if (e instanceof MissingMethodException mme) {
            String name = mme.getMethod();
            Class<?> type = mme.getType();
            if (type == null || Script.class.isAssignableFrom(type) || Closure.class.isAssignableFrom(type)) {
                List<String> verbs = DslVocabulary.verbNames();
                return "unknown verb '" + name + "'" + didYouMean(name, verbs) + " (allowed: "
                        + String.join(", ", verbs) + ")";
            }
            List<String> methods = methods(type);
            boolean exists = methods.contains(name);
            return noun(type) + (exists ? ": " + name + " does not take (" + args(mme.getArguments()) + ")"
                    : " has no method '" + name + "'" + didYouMean(name, methods));
        }
        if (e instanceof GroovyCastException) {
            Matcher m = CAST.matcher(String.valueOf(e.getMessage()));
            if (m.find()) {
                return "cannot use " + article(m.group(1)) + " as " + simple(m.group(2));
            }
            return "a value has the wrong type";
        }
        return null;
    }

    /** {@code , did you mean 'capacity'?} or "" when nothing is close. */
    public static String didYouMean(String name, Collection<String> candidates) {
        String near = closest(name, candidates);
        return near == null ? "" : ", did you mean '" + near + "'?";
    }

    /**
     * The candidate nearest to {@code name} (case-insensitive edit distance) when it is a likely typo: at most one
     * edit per three characters, and at least one; null otherwise (short words suggest nothing useful).
     */
    public static String closest(String name, Collection<String> candidates) {
        if (name == null) return null;
        String a = name.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(name)) return null;
            int d = ModelArgs.editDistance(a, c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(1, name.length() / 3) ? best : null;
    }

    private static String args(Object[] args) {
        List<String> out = new ArrayList<>();
        if (args != null) for (Object a : args) out.add(Args.got(a));
        return String.join(", ", out);
    }

    private static List<String> properties(Class<?> type) {
        TreeSet<String> out = new TreeSet<>();
        for (MetaProperty p : InvokerHelper.getMetaClass(type).getProperties()) {
            if (java.lang.reflect.Modifier.isStatic(p.getModifiers())) continue;
            if (!p.getName().equals("class") && !p.getName().equals("metaClass")) out.add(p.getName());
        }
        return List.copyOf(out);
    }

    private static List<String> methods(Class<?> type) {
        TreeSet<String> out = new TreeSet<>();
        InvokerHelper.getMetaClass(type).getMethods().forEach(m -> {
            if (m.isPublic() && !m.getName().contains("$")) out.add(m.getName());
        });
        return List.copyOf(out);
    }

    /** A word for a type the user knows: {@code Instance}, {@code a list}, {@code text}. */
    private static String noun(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) return "a list";
        if (Map.class.isAssignableFrom(type)) return "a map";
        if (CharSequence.class.isAssignableFrom(type)) return "text";
        if (Number.class.isAssignableFrom(type)) return "a number";
        return type.getSimpleName();
    }

    private static String article(String className) {
        try {
            return noun(Class.forName(className, false, ScriptErrors.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return simple(className);
        }
    }

    private static String simple(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }
}
