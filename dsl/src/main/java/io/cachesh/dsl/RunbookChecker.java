package io.cachesh.dsl;

import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.Script;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * {@code cachesh check}: reads a runbook's syntax tree (Groovy's parser, no class generated, nothing run, no API
 * call) and reports unknown verbs, unknown or misspelt named arguments, literal values of the wrong type or outside
 * the allowed values, missing required arguments, wrong call shapes and unknown raw operations. Verbs, arguments,
 * types and allowed values come from {@link DslVocabulary}, the tables the verbs validate against at run time.
 * Only what a literal shows is checked: a value held in a variable is left to run time.
 */
public final class RunbookChecker {

    /** Names callable without a receiver besides the verbs: script helpers, Groovy's, and block delegates'. */
    private static final Set<String> KNOWN = known();

    private RunbookChecker() {
    }

    /** The problems of {@code source} (named {@code file} in the report), in source order; empty when clean. */
    public static List<RunbookProblem> check(String file, String source) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(RunbookScript.class.getName());
        CompilationUnit unit = new CompilationUnit(config, null, new GroovyClassLoader(RunbookChecker.class.getClassLoader()));
        SourceUnit su = unit.addSource(scriptName(file), source);
        try {
            unit.compile(Phases.CONVERSION);
        } catch (MultipleCompilationErrorsException e) {
            return syntaxProblems(file, e);
        } catch (CompilationFailedException e) {
            return List.of(new RunbookProblem(file, 1, 1, "syntax error: " + firstLine(e.getMessage())));
        }
        ModuleNode module = su.getAST();
        Visitor v = new Visitor(file, su, module);
        for (ClassNode c : module.getClasses()) v.visitClass(c);
        v.problems.sort(Comparator.comparingInt(RunbookProblem::line).thenComparingInt(RunbookProblem::column));
        return List.copyOf(v.problems);
    }

    private static String scriptName(String file) {
        String base = file.replaceAll(".*[/\\\\]", "").replaceAll("\\.groovy$", "").replaceAll("[^A-Za-z0-9_]", "_");
        return (base.isEmpty() || !Character.isJavaIdentifierStart(base.charAt(0)) ? "Runbook_" + base : base)
                + ".groovy";
    }

    private static List<RunbookProblem> syntaxProblems(String file, MultipleCompilationErrorsException e) {
        List<RunbookProblem> out = new ArrayList<>();
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage s) {
                SyntaxException x = s.getCause();
                out.add(new RunbookProblem(file, Math.max(1, x.getLine()), Math.max(1, x.getStartColumn()),
                        "syntax error: " + firstLine(x.getOriginalMessage())));
            } else {
                out.add(new RunbookProblem(file, 1, 1, "syntax error: " + firstLine(String.valueOf(m))));
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("").strip();
    }

    /** Commands of the connections that {@code connect(x) { }} blocks delegate to. */
    private static final Set<String> CONNECTION = java.util.stream.Stream.of(RedisConnection.class,
            MemcachedConnection.class).flatMap(c -> Arrays.stream(c.getMethods())).map(Method::getName)
            .collect(Collectors.toUnmodifiableSet());

    private static Set<String> known() {
        Set<String> names = new HashSet<>();
        for (Class<?> c : List.of(RunbookScript.class, Script.class, CacheSpec.class, RedisConnection.class,
                MemcachedConnection.class, Closure.class)) {
            for (Method m : c.getMethods()) names.add(m.getName());
        }
        List<Method> groovyMethods = new ArrayList<>(List.of(DefaultGroovyMethods.class.getMethods()));
        groovyMethods.addAll(List.of(org.codehaus.groovy.runtime.DefaultGroovyStaticMethods.class.getMethods()));
        for (Method m : groovyMethods) {
            Class<?>[] p = m.getParameterTypes();
            if (Modifier.isStatic(m.getModifiers()) && p.length > 0 && p[0] == Object.class) names.add(m.getName());
        }
        return Set.copyOf(names);
    }

    /** " (did you mean 'x'?)" or "". */
    private static String suggestion(String name, List<String> candidates) {
        String near = ScriptErrors.closest(name, candidates);
        return near == null ? "" : " (did you mean '" + near + "'?)";
    }

    private static final class Visitor extends ClassCodeVisitorSupport {
        final String file;
        final SourceUnit source;
        final List<RunbookProblem> problems = new ArrayList<>();
        /** Methods the script defines and names it declares: calling those is not a DSL mistake. */
        final Set<String> local = new HashSet<>();

        Visitor(String file, SourceUnit source, ModuleNode module) {
            this.file = file;
            this.source = source;
            for (ClassNode c : module.getClasses()) {
                for (MethodNode m : c.getMethods()) local.add(m.getName());
            }
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        void report(ASTNode at, String message) {
            problems.add(new RunbookProblem(file, Math.max(1, at.getLineNumber()), Math.max(1, at.getColumnNumber()),
                    message));
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression d) {
            if (d.getLeftExpression() instanceof VariableExpression v) local.add(v.getName());
            super.visitDeclarationExpression(d);
        }

        @Override
        public void visitClosureExpression(ClosureExpression c) {
            if (c.getParameters() != null) Arrays.stream(c.getParameters()).forEach(p -> local.add(p.getName()));
            super.visitClosureExpression(c);
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String name = call.getMethodAsString();
            if (name != null) {
                if (call.isImplicitThis()) checkVerbCall(call, name);
                else checkRawCall(call, name);
            }
            // in connect(x) { } the connection's commands come first (a memcached connection has stats() too)
            boolean block = call.isImplicitThis() && "connect".equals(name)
                    && arguments(call).stream().anyMatch(a -> a instanceof ClosureExpression);
            if (block) connectBlocks++;
            try {
                super.visitMethodCallExpression(call);
            } finally {
                if (block) connectBlocks--;
            }
        }

        private int connectBlocks;

        private void checkVerbCall(MethodCallExpression call, String name) {
            var doc = DslVocabulary.verb(name);
            if (doc.isEmpty() || name.contains(".")) {
                if (!KNOWN.contains(name) && !local.contains(name)) {
                    report(call.getMethod(), "unknown verb '" + name + "'"
                            + suggestion(name, DslVocabulary.verbNames()));
                }
                return;
            }
            if (local.contains(name) || connectBlocks > 0 && CONNECTION.contains(name)) return;
            List<Expression> args = arguments(call);
            // named arguments reach the verb as its first argument, a map
            MapExpression named = args.stream()
                    .filter(a -> a instanceof org.codehaus.groovy.ast.expr.NamedArgumentListExpression)
                    .map(MapExpression.class::cast).findFirst()
                    .orElse(!args.isEmpty() && args.get(0) instanceof MapExpression m ? m : null);
            List<Expression> rest = args.stream().filter(a -> a != named).toList();
            if (!shapeMatches(name, named != null, rest)) {
                report(call.getMethod(), name + ": wrong arguments, usage: " + doc.get().usage());
                return;
            }
            if (named != null) checkNamed(doc.get(), named, call);
        }

        /**
         * Whether RunbookScript has an overload of {@code verb} taking the named map (when given) and these
         * arguments; only literals are held against a parameter's type, anything else may hold the right value.
         */
        private static boolean shapeMatches(String verb, boolean named, List<Expression> args) {
            int count = args.size() + (named ? 1 : 0);
            for (Method m : RunbookScript.class.getMethods()) {
                if (!m.getName().equals(verb) || m.getParameterCount() != count) continue;
                Class<?>[] p = m.getParameterTypes();
                if (named && !Map.class.isAssignableFrom(p[0])) continue;
                boolean fits = true;
                for (int i = 0; i < args.size() && fits; i++) {
                    fits = fits(p[i + (named ? 1 : 0)], args.get(i));
                }
                if (fits) return true;
            }
            return false;
        }

        private static boolean fits(Class<?> type, Expression arg) {
            boolean literal = arg instanceof ConstantExpression || arg instanceof GStringExpression
                    || arg instanceof ListExpression || arg instanceof MapExpression || arg instanceof ClosureExpression;
            if (!literal) return true;
            if (Closure.class.isAssignableFrom(type)) return arg instanceof ClosureExpression;
            if (arg instanceof ClosureExpression) return type == Object.class;
            if (Map.class.isAssignableFrom(type)) return arg instanceof MapExpression;
            if (List.class.isAssignableFrom(type)) return arg instanceof ListExpression;
            if (type == String.class) {
                return arg instanceof GStringExpression || arg instanceof ConstantExpression c
                        && (c.getValue() == null || c.getValue() instanceof String);
            }
            return true;
        }

        private void checkNamed(VerbDoc doc, MapExpression named, MethodCallExpression call) {
            Set<String> given = new HashSet<>();
            for (MapEntryExpression e : named.getMapEntryExpressions()) {
                if (!(e.getKeyExpression() instanceof ConstantExpression k) || !(k.getValue() instanceof String key)) {
                    continue;
                }
                given.add(key);
                ArgDoc arg = doc.arg(key);
                if (arg == null) {
                    report(k, doc.name() + ": unknown argument '" + key + "'" + suggestion(key, doc.argNames())
                            + (doc.argNames().isEmpty() ? " (it takes none)"
                            : " (allowed: " + String.join(", ", doc.argNames()) + ")"));
                    continue;
                }
                String wrong = wrongValue(arg, e.getValueExpression());
                if (wrong != null) report(e.getValueExpression(), doc.name() + ": " + key + " " + wrong);
            }
            List<String> missing = DslVocabulary.requiredArgs(doc.name()).stream().filter(r -> !given.contains(r))
                    .toList();
            // an unknown argument is most likely the missing one misspelt: that report is enough
            if (!missing.isEmpty() && given.stream().allMatch(g -> doc.arg(g) != null)) {
                report(call.getMethod(), doc.name() + ": " + String.join(" and ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " required, usage: " + doc.usage());
            }
        }

        /** What is wrong with a literal value of {@code arg}, or null when it is fine or not a literal. */
        private static String wrongValue(ArgDoc arg, Expression value) {
            if (value instanceof GStringExpression || !(value instanceof ConstantExpression
                    || value instanceof MapExpression || value instanceof ListExpression)) {
                return null;
            }
            Object v = value instanceof ConstantExpression c ? c.getValue() : null;
            if (value instanceof ConstantExpression && v == null) return null;
            String got = value instanceof MapExpression ? "a map" : value instanceof ListExpression ? "a list"
                    : Args.got(v);
            return switch (arg.type()) {
                case "string", "secret" -> {
                    if (v instanceof Number || v instanceof Boolean) yield "must be text, got " + got;
                    if (v instanceof String s && !arg.allowed().isEmpty() && !arg.allowed().contains(s)) {
                        yield "must be one of " + String.join(", ", arg.allowed()) + ", got " + got
                                + suggestion(s, arg.allowed());
                    }
                    yield null;
                }
                case "number", "integer" -> {
                    BigDecimal n = v instanceof Number x ? new BigDecimal(x.toString()) : v instanceof String s
                            ? parse(s) : null;
                    if (n == null) yield "must be " + (arg.type().equals("integer") ? "a whole number" : "a number")
                            + ", got " + got;
                    if (arg.type().equals("integer") && n.stripTrailingZeros().scale() > 0) {
                        yield "must be a whole number, got " + got;
                    }
                    if (arg.type().equals("integer") && !arg.allowed().isEmpty()
                            && !arg.allowed().contains(n.stripTrailingZeros().toPlainString())) {
                        yield "must be one of " + String.join(", ", arg.allowed()) + ", got " + got;
                    }
                    yield null;
                }
                case "boolean" -> v instanceof Boolean || "true".equals(v) || "false".equals(v) ? null
                        : "must be true or false, got " + got;
                case "duration" -> {
                    java.time.Duration d = value instanceof ConstantExpression ? Args.parseDuration(v) : null;
                    yield d == null || d.isZero() || d.isNegative()
                            ? "must be a duration like 30s, 5m or 1h, got " + got : null;
                }
                case "map" -> value instanceof MapExpression ? null : "must be a map like [name: 'value'], got " + got;
                default -> null;
            };
        }

        private static BigDecimal parse(String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** {@code tencent.redis.describeInstances(limt: 10)}: the operation and its parameters, from the model. */
        private void checkRawCall(MethodCallExpression call, String name) {
            if (!(call.getObjectExpression() instanceof PropertyExpression p)
                    || !(p.getObjectExpression() instanceof VariableExpression provider)
                    || !DslVocabulary.providers().contains(provider.getName())
                    || local.contains(provider.getName())) {
                return;
            }
            String api = p.getPropertyAsString();
            if (api == null) return;
            List<String> apis = DslVocabulary.rawApis(provider.getName());
            String label = provider.getName() + "." + api;
            if (!apis.contains(api)) {
                report(p.getProperty(), provider.getName() + ": unknown API '" + api + "'" + suggestion(api, apis)
                        + " (allowed: " + String.join(", ", apis) + ")");
                return;
            }
            if (!DslVocabulary.verb(label).isPresent()) return;
            // the main API of each provider is described by DslVocabulary.operations; the others are checked at run time
            if (!(label.equals("tencent.redis") || label.equals("huawei.dcs") || label.equals("capitalonline.memcached"))) {
                return;
            }
            if (Arrays.stream(RawApi.class.getMethods()).anyMatch(m -> m.getName().equals(name))) return;
            List<String> ops = DslVocabulary.operations(provider.getName());
            String op = ops.stream().filter(o -> o.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (op == null) {
                report(call.getMethod(), label + ": unknown operation '" + name + "'" + suggestion(name, ops));
                return;
            }
            List<String> params = DslVocabulary.operationParameters(provider.getName(), op);
            for (Expression a : arguments(call)) {
                if (!(a instanceof MapExpression m)) continue;
                for (MapEntryExpression e : m.getMapEntryExpressions()) {
                    if (e.getKeyExpression() instanceof ConstantExpression k && k.getValue() instanceof String key
                            && params.stream().noneMatch(x -> sameParameter(x, key))) {
                        report(k, label + "." + op + ": unknown parameter '" + key + "'" + suggestion(key, params));
                    }
                }
            }
        }

        private static List<Expression> arguments(MethodCallExpression call) {
            Expression a = call.getArguments();
            if (a instanceof TupleExpression t) return t.getExpressions();
            return a == null ? List.of() : List.of(a);
        }
    }

    /** All problems of several files as lines, for the CLI. */
    public static String format(List<RunbookProblem> problems) {
        return problems.stream().map(RunbookProblem::toString).collect(Collectors.joining("\n"));
    }

    /** As {@link ModelArgs} binds them: any case, and Huawei's snake_case members answer to lowerCamel too. */
    private static boolean sameParameter(String member, String key) {
        return member.replace("_", "").equalsIgnoreCase(key.replace("_", ""));
    }
}
