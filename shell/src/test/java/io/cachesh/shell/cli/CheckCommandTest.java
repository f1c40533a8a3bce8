package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.shell.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cachesh check}: static mistakes as file:line:col lines and exit 2; clean runbooks exit 0 silently. */
class CheckCommandTest {

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
    void reportsEachMistakeWithFileLineAndColumn() throws IOException {
        Path runbook = Files.writeString(home.resolve("typos.groovy"), """
                // three mistakes
                lst()
                create name: 'orders', spec: 'redis.ha', capacty: 2
                resize 'orders', capacity: 'big'
                create name: 'orders', spec: 'redis.ha'
                """);
        assertThat(cachesh("check", runbook.toString())).isEqualTo(2);
        assertThat(out).isEqualTo(runbook + ":2:1: unknown verb 'lst' (did you mean 'list'?)\n"
                + runbook + ":3:42: create: unknown argument 'capacty' (did you mean 'capacity'?) (allowed: name, spec, "
                + "version, capacity, shards, replicas, zone, password, tags, wait, timeout)\n"
                + runbook + ":4:28: resize: capacity must be a number, got 'big'\n"
                + runbook + ":5:1: create: capacity is required, usage: create spec: 'redis.ha', capacity: GB[, "
                + "name: 'orders', password: '...', tags: [env: 'prod']]\n");
        assertThat(err).isEmpty(); // no emulator was started, no credentials were looked for
    }

    @Test
    void aCleanRunbookExitsZeroSilently() throws IOException {
        Path runbook = Files.writeString(home.resolve("clean.groovy"),
                "def i = ensure name: 'orders', spec: 'redis.ha', capacity: 2\nresize i, capacity: 4\n");
        assertThat(cachesh("check", runbook.toString())).isZero();
        assertThat(out).isEmpty();
        assertThat(err).isEmpty();
    }

    @Test
    void everyRunbookOfTheRepositoryPasses() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("scripts"))) dir = dir.getParent();
        List<String> args = new ArrayList<>(List.of("check"));
        try (Stream<Path> files = Files.list(dir.resolve("scripts"))) {
            files.filter(p -> p.toString().endsWith(".groovy")).sorted().forEach(p -> args.add(p.toString()));
        }
        assertThat(args).hasSizeGreaterThan(3);
        assertThat(cachesh(args.toArray(String[]::new))).as(out).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(cachesh("check", home.resolve("nope.groovy").toString())).isEqualTo(2);
        assertThat(err).isEqualTo("error: no such script: " + home.resolve("nope.groovy") + "\n");
    }
}
