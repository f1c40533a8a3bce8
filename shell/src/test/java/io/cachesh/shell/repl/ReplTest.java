package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.shell.config.ShellSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplTest {

    @TempDir
    Path home;

    final List<ShellSettings> opened = new ArrayList<>();
    final List<GroovyTestEngine> engines = new ArrayList<>();

    private Path history() {
        return home.resolve(".cachesh/history");
    }

    private String session(String typed) throws IOException {
        return session(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), null);
    }

    private String session(InputStream in, java.util.function.Consumer<Terminal> whileRunning) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumbTerminal terminal = new DumbTerminal("test", "dumb", in, out, StandardCharsets.UTF_8);
             Repl repl = new Repl(terminal, ShellSettings.defaults(), (settings, output) -> {
                 opened.add(settings);
                 GroovyTestEngine engine = new GroovyTestEngine();
                 engines.add(engine);
                 return engine;
             }, TestVocabulary::vocabulary, history(), false, false).echoInput(true)) {
            if (whileRunning != null) whileRunning.accept(terminal);
            assertThat(repl.run(List.of("banner line"))).isZero();
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    /** What a real terminal does: ISIG on, Ctrl-C raises SIGINT. */
    private static void interruptOnCtrlC(Terminal terminal) {
        Attributes attributes = terminal.getAttributes();
        attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        terminal.setAttributes(attributes);
    }

    @Test
    void printsTheTranscriptOfNumberedCells() throws IOException {
        String transcript = session("1 + 1\nx = 20\n_ + x\n");
        assertThat(transcript).isEqualTo("""
                banner line
                In [1]: 1 + 1
                Out[1]: 2

                In [2]: x = 20
                Out[2]: 20

                In [3]: _ + x
                Out[3]: 40

                In [4]:\s
                """);
    }

    @Test
    void multiLineCellsLastResultsAndEarlierCells() throws IOException {
        String transcript = session("""
                numbers = [1, 2,
                  3].collect {
                    it * 10
                }
                println 'side effect'
                _.sum()
                [__, Out[1], In[2]]
                """);
        assertThat(transcript).isEqualTo("""
                banner line
                In [1]: numbers = [1, 2,
                   ...:   3].collect {
                   ...:     it * 10
                   ...: }
                Out[1]: [10, 20, 30]

                In [2]: println 'side effect'
                side effect
                In [3]: _.sum()
                Out[3]: 60

                In [4]: [__, Out[1], In[2]]
                Out[4]: [[10, 20, 30], [10, 20, 30], println 'side effect']

                In [5]:\s
                """);
    }

    @Test
    void aBadCellPrintsOneLineAndTheShellGoesOn() throws IOException {
        String transcript = session("""
                x = = 1
                nosuch
                fail('no spec redis.huge (known: redis.ha, redis.standalone)')
                1 / 0
                'fine'
                """);
        assertThat(transcript).isEqualTo("""
                banner line
                In [1]: x = = 1
                error: syntax error at line 1, column 5: Unexpected input: '='
                In [2]: nosuch
                error: No such property: nosuch
                In [3]: fail('no spec redis.huge (known: redis.ha, redis.standalone)')
                error: no spec redis.huge (known: redis.ha, redis.standalone)
                In [4]: 1 / 0
                error: ArithmeticException: Division by zero
                In [5]: 'fine'
                Out[5]: fine

                In [6]:\s
                """);
    }

    @Test
    void ctrlCCancelsARunningCellAndTheShellGoesOn() throws Exception {
        Keyboard keys = new Keyboard();
        CountDownLatch started = new CountDownLatch(1);
        String transcript = session(keys, terminal -> new Thread(() -> {
            try {
                interruptOnCtrlC(terminal);
                while (engines.isEmpty()) Thread.sleep(10);
                engines.get(0).binding().setVariable("started", started);
                keys.type("started.countDown(); Thread.sleep(60000)\n");
                if (started.await(20, TimeUnit.SECONDS)) terminal.raise(Terminal.Signal.INT);
                keys.type("'after'\n");
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                keys.type("exit\n");
            }
        }).start());
        assertThat(transcript).isEqualTo("""
                banner line
                In [1]: started.countDown(); Thread.sleep(60000)
                cancelled
                In [2]: 'after'
                Out[2]: after

                In [3]: exit
                """);
    }

    @Test
    void historyIsKeptWithSecretsMasked() throws IOException {
        session("""
                create name: 'orders', password: 'hunter2'
                pw = [secretKey: "abc123"]
                """);
        String saved = Files.readString(history());
        assertThat(saved).contains("create name: 'orders', password: '******'", "pw = [secretKey: \"******\"]")
                .doesNotContain("hunter2", "abc123");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history()))).isEqualTo("rw-------");
    }

    @Test
    void magicsChangeSettingsAndReopenTheSessionKeepingVariables() throws IOException {
        String transcript = session("""
                kept = 42
                %region ap-beijing
                %region
                kept
                %dryrun on
                %output json
                [a: 1]
                %output text
                %provider nope
                %nosuch
                """);
        assertThat(transcript).contains("""
                In [2]: %region ap-beijing
                region: ap-beijing
                In [3]: %region
                region: ap-beijing
                In [4]: kept
                Out[4]: 42
                """, """
                In [5]: %dryrun on
                dry run: on
                In [6]: %output json
                output: json
                In [7]: [a: 1]
                Out[7]:
                {
                  "a" : 1
                }
                """, """
                In [9]: %provider nope
                error: unknown provider 'nope' (known: tencent)
                In [10]: %nosuch
                error: unknown magic %nosuch (try %help)
                """);
        assertThat(opened).extracting(ShellSettings::region).containsExactly("ap-guangzhou", "ap-beijing", "ap-beijing");
        assertThat(opened).extracting(ShellSettings::dryRun).containsExactly(false, false, true);
        assertThat(engines.get(0).closed).isTrue();
    }

    @Test
    void timeAndHistoryMagics() throws IOException {
        String transcript = session("""
                %time 6 * 7
                x = [password: 'p']
                %history
                """);
        assertThat(transcript).containsPattern("In \\[1]: %time 6 \\* 7\nWall time: [\\d.]+ m?s\nOut\\[1]: 42\n");
        assertThat(transcript).contains("""
                In [3]: %history
                  1: %time 6 * 7
                  2: x = [password: '******']
                  3: %history
                """);
    }

    @Test
    void helpForVerbsAndOperations() throws IOException {
        String transcript = session("""
                ?resize
                help tencent.redis.describeTaskInfo
                ?nosuch
                """);
        assertThat(transcript).contains("""
                In [1]: ?resize
                resize — Changes capacity.

                Usage:
                  resize instance, capacity: GB

                Arguments:
                  name       type     allowed      doc
                  capacity:  number                memory in GB
                  wait:      boolean  true, false  wait until done

                Example:
                  resize orders, capacity: 4
                In [2]: help tencent.redis.describeTaskInfo
                tencent.redis.describeTaskInfo (DescribeTaskInfo) — Query the result of a task

                Parameters:
                  name    type     required  allowed  doc
                  taskId  integer  yes                Task ID
                In [3]: ?nosuch
                error: no help for 'nosuch' (try %help)
                """);
    }
}
