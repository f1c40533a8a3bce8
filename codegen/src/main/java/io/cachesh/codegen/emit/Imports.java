package io.cachesh.codegen.emit;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The imports of one compilation unit. {@link #ref} returns the shortest name that is unambiguous: the simple
 * name when it is free, the fully qualified name when a type of this package (a shape named {@code List} or
 * {@code String}) or an earlier import already took it.
 */
public final class Imports {

    private final String packageName;
    private final Set<String> taken;
    private final Map<String, String> imported = new HashMap<>();

    /**
     * @param packageName package of the compilation unit
     * @param taken       simple names declared in that package or nested in the class being written
     */
    public Imports(String packageName, Set<String> taken) {
        this.packageName = packageName;
        this.taken = Set.copyOf(taken);
    }

    public String ref(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        String pkg = qualifiedName.substring(0, dot);
        String simple = qualifiedName.substring(dot + 1);
        if (pkg.equals(packageName)) return simple;
        if (taken.contains(simple)) return qualifiedName;
        String existing = imported.get(simple);
        if (existing != null) return existing.equals(qualifiedName) ? simple : qualifiedName;
        if (!pkg.equals("java.lang") && isJavaLang(simple)) return qualifiedName;
        imported.put(simple, qualifiedName);
        return simple;
    }

    private static boolean isJavaLang(String simple) {
        try {
            Class.forName("java.lang." + simple, false, Imports.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The import lines, sorted, with a trailing empty line; empty when nothing is imported. */
    public String block() {
        StringBuilder out = new StringBuilder();
        for (String qualified : new TreeSet<>(imported.values())) {
            if (!qualified.startsWith("java.lang.") || qualified.indexOf('.', "java.lang.".length()) >= 0) {
                out.append("import ").append(qualified).append(";\n");
            }
        }
        return out.length() == 0 ? "" : out.append('\n').toString();
    }
}
