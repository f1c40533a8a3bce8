package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.shell.config.EmulatorControl;
import io.cachesh.shell.config.ShellSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts of the magics on a dumb terminal, over a plain Groovy engine. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MagicsTest {

    @TempDir
    Path dir;

    final List<GroovyTestEngine> engines = new ArrayList<>();
    final FakeEmulator emulator = new FakeEmulator();

    private String session(String typed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal("test", "dumb",
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8);
             Repl repl = new Repl(terminal, ShellSettings.defaults(), (settings, output) -> {
                 GroovyTestEngine engine = new GroovyTestEngine();
                 engines.add(engine);
                 return engine;
             }, TestVocabulary::vocabulary, null, false, false).echoInput(true)) {
            repl.emulator(emulator).workingDirectory(dir);
            assertThat(repl.run(List.of())).isZero();
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void saveWritesTheSuccessfulCellsAsARunbookThatRunsAgain() throws IOException {
        String transcript = session("""
                base = 20
                %region ap-beijing
                boom = 1 / 0
                creds = [password: 'hunter2']
                ?resize
                total = base + 22
                %save runbooks/session.groovy
                """);
        assertThat(transcript).contains("In [7]: %save runbooks/session.groovy\nsaved 3 cells to " + dir.resolve("runbooks/session.groovy"));
        String saved = Files.readString(dir.resolve("runbooks/session.groovy"));
        assertThat(saved).startsWith("// cachesh runbook saved by %save on ")
                .contains("// session: provider tencent, region ap-beijing\n")
                .contains("// secrets were masked as '******'")
                .endsWith("""

                        base = 20

                        creds = [password: '******']

                        total = base + 22
                        """)
                .doesNotContain("hunter2", "1 / 0", "%region", "?resize");
        // re-run as a runbook: %run gives the last expression
        String rerun = session("%run runbooks/session.groovy\n");
        assertThat(rerun).contains("In [1]: %run runbooks/session.groovy\nOut[1]: 42\n");
    }

    @Test
    void runPassesParametersAndItsResultBecomesOut() throws IOException {
        Files.writeString(dir.resolve("greet.groovy"), "\"hello ${params.name} x${params.times}\"\n");
        String transcript = session("""
                %run greet.groovy name=orders times='3'
                _.toUpperCase()
                %run nosuch.groovy
                %run greet.groovy oops
                """);
        assertThat(transcript).contains("""
                In [1]: %run greet.groovy name=orders times='3'
                Out[1]: hello orders x3

                In [2]: _.toUpperCase()
                Out[2]: HELLO ORDERS X3
                """, "In [3]: %run nosuch.groovy\nerror: no such script: " + dir.resolve("nosuch.groovy"),
                "In [4]: %run greet.groovy oops\nerror: %run: parameter 'oops' is not key=value");
    }

    @Test
    void loadPutsTheFileIntoTheNextInputAndEnterRunsIt() throws IOException {
        Files.writeString(dir.resolve("snippet.groovy"), "x = 6\nx * 7\n");
        String transcript = session("%load snippet.groovy\n\n");
        assertThat(transcript).contains("In [1]: %load snippet.groovy\n");
        assertThat(transcript).contains("In [2]: // %load snippet.groovy\n");
        assertThat(transcript).contains("Out[2]: 42\n");
    }

    @Test
    void whoListsVariablesWithTypesAndResetForgetsThemButKeepsTheSession() throws IOException {
        String transcript = session("""
                %who
                name = 'orders'
                sizes = [1, 2, 4]
                secretThing = [password: 'p']
                %who
                %reset
                %who
                name
                [Out.size(), In.size()]
                1 + 1
                """);
        assertThat(transcript).contains("In [1]: %who\nno variables\n");
        assertThat(transcript).contains("""
                In [5]: %who
                name         type           value
                name         String         orders
                secretThing  LinkedHashMap  1 entry
                sizes        ArrayList      3 elements
                """);
        assertThat(transcript).contains("In [6]: %reset\nreset: 3 variables and the cell history cleared\n",
                "In [7]: %who\nno variables\n", "In [8]: name\nerror: No such property: name");
        assertThat(transcript).contains("In [9]: [Out.size(), In.size()]\nOut[9]: [0, 3]\n");
        assertThat(transcript).contains("In [10]: 1 + 1\nOut[10]: 2\n");
        assertThat(engines).hasSize(1); // the connection stayed
    }

    @Test
    void emulatorStartStopStatus() throws IOException {
        String transcript = session("""
                %emulator status
                %emulator start
                %emulator
                x = 1
                %emulator stop
                %emulator stop
                %emulator restart
                """);
        assertThat(transcript).contains("""
                In [1]: %emulator status
                emulator: not running
                In [2]: %emulator start
                emulator running at http://127.0.0.1:1234; the session uses it from the next cell
                In [3]: %emulator
                emulator:   running at http://127.0.0.1:1234 (in use)
                instances:  2
                redis:      2 processes
                data plane: /usr/bin/redis-server (7.0.15)
                In [4]: x = 1
                Out[4]: 1

                In [5]: %emulator stop
                emulator stopped (2 redis processes stopped); the session uses the configured credentials again
                In [6]: %emulator stop
                emulator: not running
                In [7]: %emulator restart
                error: usage: %emulator start|stop|status|faults [list|add JSON|load FILE|clear]
                """);
        assertThat(engines).hasSize(2); // %emulator start opened a session on it
    }

    @Test
    void javaCellsRunInJShell() throws IOException {
        String transcript = session("""
                %java int twice(int x) { return 2 * x; }
                %java var n = twice(21)
                %java n + 0.5
                %java List.of("a", "b").size()
                %java Integer.parseInt("x")
                %java int y = "s";
                """);
        assertThat(transcript).contains("In [2]: %java var n = twice(21)\nn ==> 42\n");
        assertThat(transcript).contains("In [3]: %java n + 0.5\nOut[3]: 42.5\n");
        assertThat(transcript).contains("In [4]: %java List.of(\"a\", \"b\").size()\nOut[4]: 2\n");
        assertThat(transcript).contains("In [5]: %java Integer.parseInt(\"x\")\nerror: java: NumberFormatException: For input string: \"x\"\n");
        assertThat(transcript).containsPattern("In \\[6]: %java int y = \"s\";\nerror: java: incompatible types: .*String.*int");
    }

    @Test
    void queryAppliesAJmesPathExpressionToEveryResultUntilSwitchedOff() throws IOException {
        String transcript = session("%query [?up].name\n[[name: 'a', up: true], [name: 'b', up: false]]\n%output tsv\n"
                + "[[name: 'c', up: true]]\n%query abs(@)\n'text'\n%query off\n%output table\n6 * 7\n%query foo..bar\n");
        assertThat(transcript).contains("query: [?up].name\n", "Out[2]: [a]\n", "In [4]: [[name: 'c', up: true]]\nOut[4]: c\n",
                "In [6]: 'text'\nerror: --query 'abs(@)' failed: ", "query: off\n", "Out[9]: 42\n",
                "In [10]: %query foo..bar\nerror: malformed --query 'foo..bar': ");
    }

    @Test
    void helpListsEveryMagic() throws IOException {
        String transcript = session("%help\n?%save\n");
        for (String magic : List.of("%provider", "%region", "%time", "%history", "%save", "%load", "%run", "%dryrun",
                "%output", "%query", "%emulator", "%who", "%reset", "%java", "%help")) {
            assertThat(transcript).contains("  " + magic);
        }
        assertThat(transcript).contains("In [2]: ?%save\n%save <file.groovy>   save the successful cells as a runbook");
    }

    /** An emulator that only keeps state. */
    static final class FakeEmulator implements EmulatorControl {
        boolean running;
        boolean inUse;

        @Override
        public String startEmulator() {
            running = true;
            inUse = true;
            return "http://127.0.0.1:1234";
        }

        @Override
        public int stopEmulator() {
            if (!running) return -1;
            running = false;
            inUse = false;
            return 2;
        }

        @Override
        public Optional<Status> emulatorStatus() {
            return running ? Optional.of(new Status("http://127.0.0.1:1234", 2, 2, "/usr/bin/redis-server (7.0.15)"))
                    : Optional.empty();
        }

        @Override
        public boolean usesEmulator() {
            return inUse;
        }
    }
}
