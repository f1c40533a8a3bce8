package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.dsl.result.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project's headline examples, verbatim: {@code create} without {@code password:} gets a generated password that
 * the session keeps (so connect and clear work) and never shows.
 */
class HeadlineExamplesTest extends EmulatorTestSupport {

    static final String HEADLINE = "cache { provider tencent; create spec: 'redis.ha', capacity: 2 }";

    @Test
    void theHeadlineExampleWorksVerbatim() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            Instance i = (Instance) s.evaluate(HEADLINE);
            assertThat(i.getStatus()).isEqualTo("running");
            assertThat(i.getSpec()).isEqualTo("redis.ha");
            assertThat(i.getCapacityGb()).isEqualTo(2.0);
            String pw = emulator.fleet().instance(i.getId()).orElseThrow().password().reveal();
            assertThat(pw).hasSize(Passwords.LENGTH);
            assertThat(out.lines).noneMatch(l -> l.contains(pw));
            assertThat(out.lines).contains("create " + i.getId() + ": no password given, so it got a generated one, "
                    + "kept in this session only (connect, clear and restore use it; it is never shown); set your own "
                    + "with password '" + i.getId() + "', '...'");
            s.binding().setVariable("i", i);
            assertThat(s.evaluate("connect(i) { set 'k', 'v'; get 'k' }")).isEqualTo("v");
            assertThat(s.evaluate("clear(i).status")).isEqualTo("succeeded");
            assertThat(s.evaluate("connect(i) { dbsize() }")).isEqualTo(0L);
            s.evaluate("password i, 'Mine-Pass1'");
            assertThat(s.evaluate("connect(i, password: 'Mine-Pass1') { ping() }")).isEqualTo("PONG");
            s.evaluate("delete i");
        }
    }

    @Test
    void theReadmesFirstExampleWorksVerbatim() throws IOException {
        String readme = Files.readString(ScriptsTest.repoRoot().resolve("README.md"));
        String cell = readme.lines().filter(l -> l.startsWith("In [1]: ")).findFirst().orElseThrow()
                .substring("In [1]: ".length());
        assertThat(cell).startsWith("cache { provider tencent; create");
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession s = session(out)) {
            Instance i = (Instance) s.evaluate(cell);
            assertThat(i.getStatus()).isEqualTo("running");
            assertThat(s.evaluate("list()")).asList().hasSize(1);
            assertThat(s.evaluate("resize(list()[0], capacity: 4).capacityGb")).isEqualTo(4.0);
            assertThat(s.evaluate("tencent.redis.describeInstances(limit: 10).totalCount()")).isEqualTo(1L);
            s.evaluate("list().each { delete it }");
        }
    }

    @Test
    void everyGeneratedPasswordMeetsEveryVendorsRule() {
        for (int n = 0; n < 500; n++) {
            String pw = Passwords.generate().reveal();
            io.cachesh.dsl.tencent.TencentPasswordRules.check(pw);
            io.cachesh.dsl.huawei.HuaweiPasswordRules.check(pw);
            assertThat(pw).hasSize(20).doesNotStartWith("/");
            assertThat(pw.chars().filter(Character::isLetter).count()).isPositive();
        }
        assertThat(List.of(Passwords.generate().reveal(), Passwords.generate().reveal())).doesNotHaveDuplicates();
    }
}
