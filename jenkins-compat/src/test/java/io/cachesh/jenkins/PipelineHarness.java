package io.cachesh.jenkins;

import com.cloudbees.groovy.cps.Continuable;
import com.cloudbees.groovy.cps.CpsTransformer;
import com.cloudbees.groovy.cps.ObjectInputStreamWithLoader;
import com.cloudbees.groovy.cps.Outcome;
import com.cloudbees.groovy.cps.impl.CpsCallableInvocation;
import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilerConfiguration;

/**
 * Runs a Jenkinsfile and a shared library's {@code vars/*.groovy} (and {@code src/}) the way Jenkins' Pipeline: Groovy
 * plugin does, in miniature: Groovy 2.4 with the CPS transform, the program run in a {@link Continuable}, and at every
 * step the whole program (its locals, closures, the library's globals) written with Java serialization and read back
 * before the step's result is handed in, as Jenkins writes {@code program.dat}. A local that cannot be serialized
 * fails the run at the step, as it fails a build; a CPS-transformed closure called from non-CPS code (e.g. a closure
 * given to {@code sort}) fails it too (JENKINS-31314's mismatch check, made fatal here).
 */
public final class PipelineHarness {

    /** A stub step: gets the call, returns the step's value (or throws, failing the step in the program). */
    @FunctionalInterface
    public interface Step {
        Object run(StepCall call) throws Exception;
    }

    /** What a run did: its value, every step called (in order), how many times the program was serialized. */
    public record Run(Object value, List<StepCall> steps, int serializations, List<String> log) {
        public List<StepCall> steps(String name) {
            return steps.stream().filter(s -> s.name().equals(name)).toList();
        }
    }

    /** {@code error 'message'} and failed steps, as Jenkins' AbortException. */
    public static final class AbortException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AbortException(String message) {
            super(message);
        }
    }

    private final Path library;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Map<String, Object> env = new LinkedHashMap<>();
    private final List<String> mismatches = new ArrayList<>();

    public PipelineHarness(Path library) {
        this.library = library;
        CpsCallableInvocation.registerMismatchHandler((expectedReceiver, expectedMethod, actualReceiver, actualMethod) -> {
            // Continuable.suspend is the one intended "mismatch": the suspension itself
            if (expectedReceiver == Continuable.class && "suspend".equals(expectedMethod)) return;
            mismatches.add("expected to call " + describe(expectedReceiver) + "." + expectedMethod
                    + " but wound up catching " + describe(actualReceiver) + "." + actualMethod);
        });
    }

    private static String describe(Object o) {
        return o == null ? "null" : o instanceof Class<?> c ? c.getName() : o.getClass().getName();
    }

    public PipelineHarness step(String name, Step step) {
        steps.put(name, step);
        return this;
    }

    public PipelineHarness env(String name, Object value) {
        env.put(name, value);
        return this;
    }

    /** Runs the Jenkinsfile at {@code file} with the library's globals loaded. */
    public Run run(Path file) throws Throwable {
        return run(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    }

    public Run run(String source, String name) throws Throwable {
        mismatches.clear();
        CompilerConfiguration config = new CompilerConfiguration();
        config.addCompilationCustomizers(new CpsTransformer());
        config.setScriptBaseClass("io.cachesh.jenkins.PipelineScript");
        PipelineContext context = new PipelineContext(env);
        PipelineContext.start(context);
        GroovyShell shell = new GroovyShell(PipelineHarness.class.getClassLoader(), new Binding(), config);
        // the base class is Groovy compiled with the CPS transform too, so block steps run their bodies as CPS code
        try (InputStream base = PipelineHarness.class.getResourceAsStream("PipelineScript.groovy")) {
            shell.getClassLoader().parseClass(new String(base.readAllBytes(), StandardCharsets.UTF_8),
                    "PipelineScript.groovy");
        }
        if (library != null) {
            if (Files.isDirectory(library.resolve("src"))) shell.getClassLoader().addClasspath(library.resolve("src").toString());
            try (Stream<Path> vars = Files.list(library.resolve("vars"))) {
                for (Path v : vars.filter(p -> p.toString().endsWith(".groovy")).sorted().toList()) {
                    String global = v.getFileName().toString().replaceAll("\\.groovy$", "");
                    context.global(global, shell.parse(Files.readString(v, StandardCharsets.UTF_8), global + ".groovy"));
                }
            }
        }
        Script script = shell.parse(source, name.replaceAll("[^A-Za-z0-9_]", "_"));

        List<StepCall> called = new ArrayList<>();
        List<String> log = new ArrayList<>();
        int serializations = 0;
        Continuable program = new Continuable(script);
        Outcome outcome = program.run0(new Outcome(null, null));
        while (program.isResumable()) {
            if (!(outcome.getNormal() instanceof StepCall call)) {
                throw new AssertionError("the program suspended with " + outcome + ", not a step");
            }
            checkMismatches();
            program = roundTrip(program, shell.getClassLoader());  // what Jenkins does at every step
            serializations++;
            called.add(call);
            Outcome result;
            try {
                result = new Outcome(execute(call, log), null);
            } catch (Exception e) {
                result = new Outcome(null, e);
            }
            outcome = program.run0(result);
        }
        checkMismatches();
        return new Run(outcome.replay(), called, serializations, log);
    }

    private void checkMismatches() {
        if (!mismatches.isEmpty()) {
            throw new AssertionError("CPS mismatch (a CPS closure called from non-CPS code): " + mismatches.get(0));
        }
    }

    private Object execute(StepCall call, List<String> log) throws Exception {
        switch (call.name()) {
            case "echo" -> {
                log.add(call.text("message"));
                return null;
            }
            case "error" -> throw new AbortException(call.text("message"));
            case "node", "stage", "library" -> {
                return null;
            }
            default -> {
                Step step = steps.get(call.name());
                if (step == null) throw new AbortException("No such step in this harness: " + call.name());
                return step.run(call);
            }
        }
    }

    /** Java serialization to bytes and back, with the script's class loader, as Jenkins does with program.dat. */
    static Continuable roundTrip(Continuable program, ClassLoader loader) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(program);
            }
            try (ObjectInputStreamWithLoader in = new ObjectInputStreamWithLoader(
                    new ByteArrayInputStream(bytes.toByteArray()), loader)) {
                return (Continuable) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the program cannot be saved at this step: " + e, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the program cannot be read back: " + e, e);
        }
    }
}
