package io.cachesh.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaiterTest {

    private final FakeTime time = new FakeTime();

    private Waiter.Builder<String> waiter() {
        return Waiter.<String>builder().description("task 42 to succeed").successWhen("succeed"::equals)
                .failWhen("failed"::equals, s -> new IllegalStateException("task failed"))
                .interval(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(10)).clock(time).sleeper(time);
    }

    @Test
    void succeedsOnTheNthPollAfterSleepingTheInterval() {
        AtomicInteger polls = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        String result = waiter().progress((attempt, elapsed, state) -> progress.add(attempt + ":" + elapsed.toSeconds() + ":" + state))
                .build().run(() -> polls.incrementAndGet() < 3 ? "running" : "succeed");
        assertThat(result).isEqualTo("succeed");
        assertThat(polls).hasValue(3);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(progress).containsExactly("1:0:running", "2:2:running", "3:4:succeed");
    }

    @Test
    void terminalFailureStopsPollingAtOnce() {
        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> waiter().build().run(() -> polls.incrementAndGet() < 2 ? "running" : "failed"))
                .isInstanceOf(IllegalStateException.class).hasMessage("task failed");
        assertThat(polls).hasValue(2);
    }

    @Test
    void timeoutNamesWhatItWaitedForAndTheLastState() {
        assertThatThrownBy(() -> waiter().timeout(Duration.ofSeconds(5)).build().run(() -> "running"))
                .isInstanceOf(WaiterTimeoutException.class)
                .hasMessage("timed out after PT5S waiting for task 42 to succeed; last state: running (4 polls)");
        // polls at 0, 2, 4 and a last one exactly at the deadline (5), never later
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void describeStateShapesTheTimeoutMessage() {
        assertThatThrownBy(() -> waiter().timeout(Duration.ZERO).describeState(s -> "status " + s).build().run(() -> "running"))
                .hasMessage("timed out after PT0S waiting for task 42 to succeed; last state: status running (1 poll)");
    }

    @Test
    void missingDescriptionIsRejectedWithExactMessage() {
        assertThatThrownBy(() -> Waiter.<String>builder().successWhen(s -> true).build())
                .isInstanceOf(NullPointerException.class).hasMessage("description == null");
    }
}
