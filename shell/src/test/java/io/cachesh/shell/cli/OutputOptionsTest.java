package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.shell.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --output} and {@code --query} on raw calls and DSL results, against the embedded emulator; UTF-8 output. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutputOptionsTest {

    private static final String CREATE = "create name: '%s', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'\n";

    @TempDir
    Path home;

    String out;
    String err;

    private int cachesh(String... args) {
        Cli.Result r = Cli.run(Cli.environment(Map.of("NO_COLOR", "1"), home, "", new ByteArrayOutputStream()), args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void queryAndTsvWorkOnRawCallsAndOnDslResults() throws IOException {
        Path runbook = home.resolve("two.groovy");
        Files.writeString(runbook, CREATE.formatted("orders") + CREATE.formatted("carts") + "println 'made two'\n"
                + "[raw: tencent.redis.describeInstances(limit: 10, orderBy: 'createtime', orderType: 0), dsl: list()]");

        assertThat(cachesh("run", runbook.toString(), "--emulator", "--output", "json",
                "--query", "raw.InstanceSet[].InstanceName | sort(@)")).as(err).isZero();
        assertThat(out).isEqualTo("[ \"carts\", \"orders\" ]\n");

        assertThat(cachesh("run", runbook.toString(), "--emulator", "-o", "tsv",
                "--query", "sort_by(dsl, &name)[].[name, spec, capacityGb, status]")).isZero();
        assertThat(out).isEqualTo("carts\tredis.ha\t1\trunning\norders\tredis.ha\t1\trunning\n");
        assertThat(err).as("a script's println goes to stderr with tsv and json").contains("made two\n");
    }

    @Test
    void aQueryThatFailsOnTheResultIsOneLineAndExitTwo() {
        assertThat(cachesh("-e", "[name: 'orders']", "--query", "abs(name)")).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(2); // the emulator note and the error
        assertThat(err.lines().toList().get(1)).isEqualTo("error: --query 'abs(name)' failed: "
                + "Invalid argument type calling \"abs\": expected number but was string");
        assertThat(out).isEmpty();
    }

    @Test
    void stdoutIsUtf8WhateverTheLocale() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + home, Main.class.getName(), "-o", "tsv", "-e", "['\\u8ba2\\u5355', 'caf\\u00e9']"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("订单\ncafé\n");
    }
}
