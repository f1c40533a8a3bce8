package io.cachesh.shell.render;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.cachesh.client.error.ApiException;
import io.cachesh.dsl.DslException;
import io.cachesh.dsl.DslTimeoutException;
import io.cachesh.dsl.RunbookFailedException;
import io.cachesh.shell.config.UsageException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;
import picocli.CommandLine;

/**
 * One-line messages and exit codes for failures: vendor errors with code and RequestId (exit 1), wait timeouts
 * (exit 1), DSL and usage errors (exit 2; with the script line, {@code line 3: ...} or {@code x.groovy:3: ...}), Groovy compile errors with line and column (exit 2), anything else by its first
 * message line (exit 1). Never a stack trace.
 */
public final class ErrorMessages {

    public static final int RUNTIME = 1;
    public static final int USAGE = 2;

    private ErrorMessages() {
    }

    /** The failure the user should see, with wrappers (reflection, futures, Groovy invokers) taken off. */
    public static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        for (int i = 0; i < 16 && cur != null; i++) {
            if (cur instanceof RunbookFailedException) return cur;
            if (cur instanceof ApiException || cur instanceof DslException || cur instanceof UsageException
                    || cur instanceof MultipleCompilationErrorsException) {
                return cur;
            }
            cur = cur.getCause();
        }
        cur = t;
        while ((cur instanceof InvocationTargetException || cur instanceof ExecutionException
                || cur instanceof CompletionException || cur instanceof UndeclaredThrowableException
                || cur instanceof InvokerInvocationException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    public static int exitCode(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof RunbookFailedException failed) return failed.exitCode(); // `fail` in a runbook: 3 or its own
        if (e instanceof DslTimeoutException) return RUNTIME; // the request was valid; the cloud was slow
        if (e instanceof DslException || e instanceof UsageException || e instanceof MultipleCompilationErrorsException
                || e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return RUNTIME;
    }

    /** One line, without the {@code error: } prefix. */
    public static String message(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof MultipleCompilationErrorsException compile) return compileMessage(compile);
        if (e instanceof InterruptedException) return "interrupted";
        String message = e.getMessage();
        if (message == null || message.isBlank()) return e.getClass().getSimpleName();
        String line = message.strip().lines().findFirst().orElse("").strip();
        // the session records the script line of DSL errors (and turns Groovy's own runtime errors into DSL errors)
        if (e instanceof DslException dsl) {
            return dsl.getLocatedMessage().strip().lines().findFirst().orElse("").strip();
        }
        if (e instanceof ApiException || e instanceof UsageException || e instanceof RunbookFailedException) return line;
        // Groovy's runtime errors name the generated script class (Cell1, Script1, the runbook): drop it
        Class<?> type = e instanceof MissingPropertyException mpe ? mpe.getType()
                : e instanceof MissingMethodException mme ? mme.getType() : null;
        if (type != null && Script.class.isAssignableFrom(type)) {
            String name = java.util.regex.Pattern.quote(type.getName());
            line = line.replaceAll(" for class: " + name + "$", "").replaceAll("\\b" + name + "\\.", "");
        }
        if (e instanceof NullPointerException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof ArithmeticException || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException
                || e instanceof UnsupportedOperationException) {
            return e.getClass().getSimpleName() + ": " + line;
        }
        return line;
    }

    private static String compileMessage(MultipleCompilationErrorsException e) {
        List<? extends Message> errors = e.getErrorCollector().getErrors();
        if (errors == null || errors.isEmpty()) return "compile error: " + firstLine(e.getMessage());
        Message first = errors.get(0);
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        if (first instanceof SyntaxErrorMessage syntax) {
            SyntaxException cause = syntax.getCause();
            String text = firstLine(cause.getOriginalMessage());
            return "syntax error at line " + cause.getLine() + ", column " + cause.getStartColumn() + ": " + text + more;
        }
        if (first instanceof ExceptionMessage ex) return "compile error: " + firstLine(ex.getCause().getMessage()) + more;
        if (first instanceof SimpleMessage simple) return "compile error: " + firstLine(simple.getMessage()) + more;
        return "compile error: " + firstLine(e.getMessage()) + more;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("").strip();
    }
}
