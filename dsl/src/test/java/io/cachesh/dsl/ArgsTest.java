package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgsTest {

    @Test
    void durationsAcceptGroovyFriendlyForms() {
        assertThat(Args.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Args.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Args.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Args.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Args.parseDuration("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(Args.parseDuration(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Args.parseDuration(Duration.ofDays(1))).isEqualTo(Duration.ofDays(1));
        assertThat(Args.parseDuration("soon")).isNull();
    }

    @Test
    void numbersAcceptNumericStringsFromRunbookParameters() {
        Args a = Args.of("resize", Map.of("capacity", "4", "shards", new BigDecimal("3.0")));
        assertThat(a.number("capacity")).isEqualTo(4.0);
        assertThat(a.whole("shards")).isEqualTo(3);
    }

    @Test
    void unknownArgumentNamesTheAllowedOnes() {
        assertThatThrownBy(() -> Args.of("backup", Map.of("remrk", "x")))
                .hasMessage("backup: unknown argument 'remrk', did you mean 'remark'? (allowed: remark, wait, timeout)");
    }

    @Test
    void badValuesAreQuotedByType() {
        assertThat(Args.got("big")).isEqualTo("'big'");
        assertThat(Args.got(new BigDecimal("2.50"))).isEqualTo("2.5");
        assertThat(Args.got(null)).isEqualTo("nothing");
        assertThat(Args.got(java.util.List.of(1))).isEqualTo("a list [1]");
    }
}
