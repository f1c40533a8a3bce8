package io.cachesh.shell.magic;

import io.cachesh.client.core.ClientConfig;
import io.cachesh.shell.config.UsageException;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * The JShell behind {@code %java} cells: local execution (snippets run in this JVM, so they see the shell's
 * classes), the shell's class path for compilation, and a {@code config} variable with the session's
 * {@link ClientConfig}, redefined when the session's endpoint, credentials or region change.
 */
public final class JShellCells implements AutoCloseable {

    /** jshell's default imports, and the client packages. */
    static final List<String> IMPORTS = List.of("java.io", "java.math", "java.net", "java.nio.file", "java.util",
            "java.util.concurrent", "java.util.function", "java.util.regex", "java.util.stream", "java.time",
            "io.cachesh.client.core", "io.cachesh.client.auth", "io.cachesh.client.error",
            "io.cachesh.client.tencent.redis", "io.cachesh.client.tencent.redis.model");

    private final String id = "jshell-" + UUID.randomUUID();
    private JShell shell;
    private ClientConfig config;

    /**
     * Evaluates the snippets of a cell; prints {@code name ==> value} for declarations (as jshell does) and returns
     * the value text of a final expression, or null.
     */
    public synchronized Object eval(String source, ClientConfig sessionConfig, PrintWriter out) {
        JShell js = shell();
        if (sessionConfig != null && sessionConfig != config) {
            JShellBridge.put(id + ".config", sessionConfig);
            run(js, "io.cachesh.client.core.ClientConfig config = (io.cachesh.client.core.ClientConfig) "
                    + "io.cachesh.shell.magic.JShellBridge.get(\"" + id + ".config\");", null);
            config = sessionConfig;
        }
        String remaining = source;
        Object last = null;
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (!info.completeness().isComplete()) {
                throw new UsageException("java: incomplete snippet: " + firstLine(remaining.strip()));
            }
            last = run(js, info.source(), out);
            remaining = info.remaining();
        }
        if (out != null) out.flush();
        return last;
    }

    private Object run(JShell js, String snippet, PrintWriter out) {
        Object value = null;
        for (SnippetEvent event : js.eval(snippet)) {
            if (event.causeSnippet() != null) continue; // an update of an earlier snippet
            Snippet s = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                String diags = js.diagnostics(s).map(d -> message(d, s.source())).collect(Collectors.joining("; "));
                throw new UsageException("java: " + (diags.isEmpty() ? "rejected: " + firstLine(s.source()) : diags));
            }
            if (event.exception() != null) throw failure(event.exception());
            if (s.kind() == Snippet.Kind.EXPRESSION || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                value = event.value();
            } else if (s instanceof VarSnippet v) {
                if (out != null && event.value() != null) out.println(v.name() + " ==> " + event.value());
                value = null;
            } else {
                value = null;
            }
        }
        return value;
    }

    private static RuntimeException failure(Exception e) {
        if (e instanceof EvalException ee) {
            String type = ee.getExceptionClassName();
            String simple = type.substring(type.lastIndexOf('.') + 1);
            return new JavaCellException(simple + (ee.getMessage() == null ? "" : ": " + firstLine(ee.getMessage())));
        }
        if (e instanceof UnresolvedReferenceException ure) {
            return new UsageException("java: unresolved reference in " + firstLine(ure.getSnippet().source()));
        }
        return new JavaCellException(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String message(Diag d, String source) {
        String msg = firstLine(d.getMessage(Locale.ROOT));
        long pos = d.getStartPosition();
        return pos >= 0 && pos <= source.length() ? msg + " (at '" + firstLine(source.substring((int) pos)) + "')" : msg;
    }

    private JShell shell() {
        if (shell != null) return shell;
        try {
            JShell js = JShell.builder().executionEngine("local").build();
            for (String entry : classPath()) js.addToClasspath(entry);
            for (String pkg : IMPORTS) js.eval("import " + pkg + ".*;");
            shell = js;
            return js;
        } catch (LinkageError | IllegalStateException e) {
            throw new UsageException("%java needs a JDK with the jdk.jshell module: " + e.getMessage());
        }
    }

    /** The JVM's class path, with the {@code Class-Path} of a manifest-only jar (Surefire, IDEs) expanded. */
    static List<String> classPath() {
        Set<String> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            out.add(entry);
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) out.addAll(manifestClassPath(p));
        }
        return List.copyOf(out);
    }

    private static List<String> manifestClassPath(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (cp == null || cp.isBlank()) return List.of();
            Set<String> out = new LinkedHashSet<>();
            for (String item : cp.trim().split("\\s+")) {
                try {
                    URI uri = jar.toUri().resolve(item);
                    Path p = Path.of(uri);
                    if (Files.exists(p)) out.add(p.toString());
                } catch (RuntimeException ignored) {
                    // not a file URI
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }

    @Override
    public synchronized void close() {
        if (shell != null) {
            try {
                shell.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
            shell = null;
        }
        JShellBridge.removeAll(id);
        config = null;
    }

    /** An exception thrown by a {@code %java} snippet, as {@code Type: message}. */
    public static final class JavaCellException extends RuntimeException {
        JavaCellException(String message) {
            super("java: " + message, null, false, false);
        }
    }
}
