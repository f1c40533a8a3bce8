package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cachesh.client.auth.Credentials;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one cell leaves to the next (variables, closures, declared types) and that a cell's compiled classes are
 * collected once nothing refers to them (the REPL runs cells for hours; bench {@code MemoryRun}).
 */
class CellClassesTest {

    private CacheshSession session;

    @BeforeEach
    void session() {
        session = CacheshSession.builder().provider(ProviderSettings.tencent(
                Credentials.of("AKIDcellClassesTest00000000000000000", "cell-classes-test-secret"))).build();
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void variablesAndClosuresCarryOverToLaterCells() {
        session.evaluate("x = 20");
        session.evaluate("add = { n -> n + x }");
        session.evaluate("y = 1");
        assertThat(session.evaluate("add(x + y + 1)")).isEqualTo(42);
        // a closure that refers to its own cell's closure classes still runs after other cells
        session.evaluate("nested = { [1, 2].collect { it * 10 } }");
        session.evaluate("1 + 1");
        assertThat(session.evaluate("nested()")).isEqualTo(java.util.List.of(10, 20));
    }

    @Test
    void typesDeclaredInACellAreUsableInLaterCells() {
        // a cell of declarations only defines them (it has no value)
        assertThat(session.evaluate("class Point { int x; int twiceX() { x * 2 } }")).isNull();
        session.evaluate("a = 1");
        session.evaluate("enum Colour { RED, GREEN }");
        session.evaluate("interface Shape { int area() }");
        session.evaluate("b = 2");
        // a type in a later cell building on types of two earlier cells
        session.evaluate("class Square implements Shape { Colour colour = Colour.GREEN; int side; "
                + "int area() { side * side } }");
        session.evaluate("trait Named { String name() { 'named' } }");
        assertThat(session.evaluate("new Point(x: 4).twiceX()")).isEqualTo(8);
        assertThat(session.evaluate("Colour.GREEN.ordinal()")).isEqualTo(1);
        assertThat(session.evaluate("Shape s = new Square(side: 3); s.area() + s.colour.ordinal()")).isEqualTo(10);
        assertThat(session.evaluate("class Tagged implements Named {}; new Tagged().name()")).isEqualTo("named");
        assertThat(session.evaluate("new Tagged() instanceof Named")).isEqualTo(true);
        // the cells' own script classes do not take a name a user may want
        session.evaluate("class Cell { int n }");
        assertThat(session.evaluate("new Cell(n: 2).n")).isEqualTo(2);
    }

    @Test
    void aClassDeclaredAgainReplacesTheEarlierOne() {
        session.evaluate("class Foo { int v() { 1 } }");
        session.evaluate("old = new Foo()");
        assertThat(session.evaluate("class Foo { int v() { 2 } }; new Foo().v()")).isEqualTo(2);
        assertThat(session.evaluate("new Foo().v()")).isEqualTo(2);
        // an object made before keeps its own class
        assertThat(session.evaluate("old.v()")).isEqualTo(1);
    }

    @Test
    void aMethodDefinedInACellIsOnlyCallableInThatCell() {
        assertThat(session.evaluate("def triple(n) { n * 3 }; triple(2)")).isEqualTo(6);
        Throwable t = catchThrowable(() -> session.evaluate("triple(2)"));
        assertThat(t).isInstanceOf(DslException.class);
        // a closure in a variable is how a helper is kept across cells
        session.evaluate("triple = { n -> n * 3 }");
        assertThat(session.evaluate("triple(3)")).isEqualTo(9);
    }

    @Test
    void importsApplyToTheirCell() {
        assertThat(session.evaluate("import java.util.concurrent.TimeUnit\nTimeUnit.SECONDS.toMillis(2)"))
                .isEqualTo(2000L);
        assertThat(session.evaluate("java.util.concurrent.TimeUnit.MINUTES.toSeconds(1)")).isEqualTo(60L);
    }

    @Test
    void anErrorNamesTheLineOfItsCellAndLaterCellsRun() {
        session.evaluate("orders = 'orders'");
        Throwable t = catchThrowable(() -> session.evaluate("x = 1\n\ndescribe ordres"));
        assertThat(t).isInstanceOf(DslException.class);
        assertThat(((DslException) t).getLocatedMessage())
                .isEqualTo("line 3: unknown name 'ordres', did you mean 'orders'?");
        Throwable syntax = catchThrowable(() -> session.evaluate("x = ("));
        assertThat(syntax).isNotNull();
        assertThat(session.evaluate("orders.size()")).isEqualTo(6);
    }

    @Test
    void aRunbookSeesTypesOfEarlierCellsAndLeavesNoneBehind(@TempDir Path dir) throws Exception {
        session.evaluate("class Greeting { String to; String text() { 'hello ' + to } }");
        Path runbook = dir.resolve("greet.groovy");
        Files.writeString(runbook, "class Helper { static String up(String s) { s.toUpperCase() } }\n"
                + "output Helper.up(new Greeting(to: who).text())\n");
        assertThat(session.run(runbook, Map.of("who", "ops"))).isEqualTo("HELLO OPS");
        // the same runbook again: its classes are compiled anew, not clashing with the first run's
        assertThat(session.run(runbook, Map.of("who", "dev"))).isEqualTo("HELLO DEV");
        assertThat(session.run(null, "later = { 7 }; later()", Map.of())).isEqualTo(7);
        assertThat(session.evaluate("later() * 6")).isEqualTo(42);
    }

    @Test
    void aCellsClassesAreCollectedOnceNothingRefersToThem() throws InterruptedException {
        session.evaluate("kept = { 21 }");
        WeakReference<ClassLoader> cell = new WeakReference<>(
                session.binding().getVariable("kept").getClass().getClassLoader());
        // the closure keeps its cell alive: it still runs after later cells
        for (int i = 0; i < 3; i++) session.evaluate("[1, 2].collect { it }");
        assertThat(session.evaluate("kept() * 2")).isEqualTo(42);

        session.evaluate("kept = null");
        assertThat(collected(cell)).as("the cell's class loader is collected").isTrue();
    }

    @Test
    void aRunbooksClassesAreCollectedAfterItRan() throws InterruptedException {
        session.run(null, "seen = { [1].collect { it } }", Map.of());
        WeakReference<ClassLoader> runbook = new WeakReference<>(
                session.binding().getVariable("seen").getClass().getClassLoader());
        session.evaluate("seen = null");
        assertThat(collected(runbook)).isTrue();
    }

    /** Polls full collections until {@code ref} is cleared, up to a deadline. */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get() == null;
    }
}
