package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The completion scripts: bash's is sourced into a real bash and asked to complete; fish's is checked line by line. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompletionCommandTest {

    @TempDir
    Path home;

    String out;
    String err;

    private int cachesh(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ShellEnvironment environment = new ShellEnvironment(new HashMap<>(Map.of("NO_COLOR", "1")), home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                        StandardCharsets.UTF_8), false, latch -> { });
        CommandLine cmd = CacheshCommand.newCommandLine(environment);
        cmd.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** What bash's completion function offers for {@code words} (the last one being completed). */
    private String bashCompletes(Path script, String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String w : words) array.append(" '").append(w).append('\'');
        String program = "source '" + script + "' 2>/dev/null\n"
                + "COMP_WORDS=(" + array + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()\n"
                + "_complete_cachesh 2>/dev/null; echo \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return text;
    }

    @Test
    void bashCompletesSubcommandsOptionsProvidersRegionsApisAndActions() throws Exception {
        assertThat(cachesh("completion", "bash")).as(err).isZero();
        Path script = home.resolve("cachesh.bash");
        Files.writeString(script, out);
        assertThat(bashCompletes(script, "cachesh", "ca")).isEqualTo("call");
        assertThat(bashCompletes(script, "cachesh", "comp")).isEqualTo("completion");
        assertThat(bashCompletes(script, "cachesh", "--provider", "")).isEqualTo("tencent huawei capitalonline");
        assertThat(bashCompletes(script, "cachesh", "run", "--region", "ap-gu")).isEqualTo("ap-guangzhou");
        assertThat(bashCompletes(script, "cachesh", "-o", "js")).isEqualTo("json");
        assertThat(bashCompletes(script, "cachesh", "call", "huawei.")).isEqualTo("huawei.dcs huawei.dcsv1");
        assertThat(List.of(bashCompletes(script, "cachesh", "call", "tencent.redis", "DescribeInstanceP").split(" ")))
                .contains("DescribeInstanceParams");
        assertThat(bashCompletes(script, "cachesh", "call", "tencent.redis", "DescribeInstances", "--dry"))
                .isEqualTo("--dry-run");
        assertThat(bashCompletes(script, "cachesh", "wait", "crs-1", "--until", "iso")).isEqualTo("isolated");
    }

    @Test
    void zshUsesTheSameScriptThroughBashcompinit() {
        assertThat(cachesh("completion", "zsh")).isZero();
        assertThat(out).contains("ZSH_VERSION", "bashcompinit", "complete -F _complete_cachesh");
    }

    @Test
    void fishHasSubcommandsOptionsCandidatesAndTheActionsOfEachApi() {
        assertThat(cachesh("completion", "fish")).as(err).isZero();
        assertThat(out.lines()).allMatch(l -> l.startsWith("#") || l.startsWith("complete -c cachesh "));
        assertThat(out).contains(
                "-a 'call' -d 'Call any API action of any model: cachesh call <api> <action> [--Name value ...]'",
                "-l provider -x -a 'tencent huawei capitalonline'",
                "-l endpoint -r -F -d 'API endpoint override, e.g. http://127.0.0.1:9000 for `cachesh emulator`'",
                "-n '__fish_seen_subcommand_from wait' -l until -x -a 'creating running changing isolated deleting deleted'",
                "-n '__fish_seen_subcommand_from call' -a 'tencent.cmem tencent.redis tencent.redisLegacy huawei.dcs ",
                "-n '__fish_seen_subcommand_from kernel' -a 'install'");
        assertThat(out.lines().filter(l -> l.contains("__fish_seen_subcommand_from call; and __fish_seen_subcommand_from huawei.dcs'")))
                .singleElement().asString().contains("ListInstances", "ShowInstance").doesNotContain("DescribeInstances");
    }

    /** Where fish is installed (apt-get install fish), the script is loaded into a real fish and asked to complete. */
    @Test
    void fishCompletesInARealFish() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("fish"), "fish is not installed");
        assertThat(cachesh("completion", "fish")).isZero();
        Path script = home.resolve("cachesh.fish");
        Files.writeString(script, out);
        String program = "function cachesh; end; source '" + script + "'; "
                + "complete -C 'cachesh call huawei.dcs ShowInst'; echo ---; complete -C 'cachesh --provider hu'";
        Process p = new ProcessBuilder("fish", "--no-config", "-c", program).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("ShowInstance\n", "---\nhuawei\tProvider");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    @Test
    void anUnknownShellIsOneLine() {
        assertThat(cachesh("completion", "powershell")).isEqualTo(2);
        assertThat(err).isEqualTo("error: completion: shell must be one of bash, zsh, fish, got 'powershell'\n");
    }
}
