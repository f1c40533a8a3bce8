package io.cachesh.client.huawei.dcs;

import io.cachesh.client.core.PollSettings;
import io.cachesh.client.core.Sleeper;
import io.cachesh.client.core.Waiter;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.TaskFailedException;
import io.cachesh.client.huawei.dcs.model.ShowInstanceRequest;
import io.cachesh.client.huawei.dcs.model.ShowInstanceResponse;
import io.cachesh.client.huawei.dcs.model.ShowJobInfoRequest;
import io.cachesh.client.huawei.dcs.model.ShowJobInfoResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits on Huawei DCS (v2): instance states ({@code ShowInstance} until {@code status} matches, appendix 7.5 of the
 * seed) and jobs ({@code ShowJobInfo} until {@code SUCCESS}). Immutable; the {@code with*} methods return copies.
 */
public final class HuaweiDcsWaiters {

    /** Instance states (seed appendix 7.5). */
    public static final String RUNNING = "RUNNING";
    /** States that end a wait for any other state: the instance will not get there by itself. */
    public static final List<String> INSTANCE_FAILED = List.of("CREATEFAILED", "ERROR", "EXTENDEDFAILED", "DELETEFAILED");
    /** The job status that ends a job well (seed 5.12: the only value the doc shows). */
    public static final String JOB_SUCCESS = "SUCCESS";
    /** Job statuses that end a job badly (the doc gives no enum; these are the values DCS uses). */
    public static final List<String> JOB_FAILED = List.of("FAIL", "FAILED", "ERROR");

    private final HuaweiDcsClient client;
    private final PollSettings poll;

    private HuaweiDcsWaiters(HuaweiDcsClient client, PollSettings poll) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.poll = poll;
    }

    /** Polls every 5 seconds on the system clock. */
    public static HuaweiDcsWaiters create(HuaweiDcsClient client) {
        return new HuaweiDcsWaiters(client, PollSettings.every(Duration.ofSeconds(5)));
    }

    public HuaweiDcsWaiters withInterval(Duration interval) {
        return new HuaweiDcsWaiters(client, poll.withInterval(interval));
    }

    public HuaweiDcsWaiters withClock(Clock clock, Sleeper sleeper) {
        return new HuaweiDcsWaiters(client, poll.withClock(clock, sleeper));
    }

    /** Called after every poll with the latest state: a {@code ShowJobInfoResponse}, or an {@code Optional<ShowInstanceResponse>}. */
    public HuaweiDcsWaiters withProgress(Waiter.Progress<Object> progress) {
        return new HuaweiDcsWaiters(client, poll.withProgress(progress));
    }

    /**
     * Polls {@code ShowInstance} until the instance's {@code status} is {@code status} (e.g. {@link #RUNNING}). An
     * instance not found yet counts as absent and polling continues.
     *
     * @return the instance in that state
     * @throws TaskFailedException when the instance reaches one of {@link #INSTANCE_FAILED} instead
     * @throws io.cachesh.client.core.WaiterTimeoutException when it has not got there within {@code timeout}
     */
    public ShowInstanceResponse waitForInstanceStatus(String instanceId, String status, Duration timeout) {
        Objects.requireNonNull(instanceId, "instanceId == null");
        Objects.requireNonNull(status, "status == null");
        ShowInstanceRequest request = ShowInstanceRequest.builder().instanceId(instanceId).build();
        Optional<ShowInstanceResponse> found = this.<Optional<ShowInstanceResponse>>waiter(
                        "instance " + instanceId + " to reach status " + status, timeout)
                .successWhen(i -> i.isPresent() && status.equals(i.get().status()))
                .failWhen(i -> i.isPresent() && !status.equals(i.get().status()) && INSTANCE_FAILED.contains(i.get().status()),
                        i -> new TaskFailedException("huawei", instanceId, i.orElseThrow().status(),
                                "the instance cannot reach " + status, null))
                .describeState(i -> i.map(x -> "status " + x.status()).orElse("not found"))
                .build()
                .run(() -> show(request));
        return found.orElseThrow();
    }

    /** Polls {@code ShowInstance} until the instance is gone (not found, or {@code DELETED}). */
    public void waitForInstanceDeleted(String instanceId, Duration timeout) {
        Objects.requireNonNull(instanceId, "instanceId == null");
        ShowInstanceRequest request = ShowInstanceRequest.builder().instanceId(instanceId).build();
        this.<Optional<ShowInstanceResponse>>waiter("instance " + instanceId + " to be deleted", timeout)
                .successWhen(i -> i.isEmpty() || "DELETED".equals(i.get().status()))
                .failWhen(i -> i.isPresent() && "DELETEFAILED".equals(i.get().status()),
                        i -> new TaskFailedException("huawei", instanceId, "DELETEFAILED", "the instance was not deleted", null))
                .describeState(i -> i.map(x -> "status " + x.status()).orElse("not found"))
                .build()
                .run(() -> show(request));
    }

    /**
     * Polls {@code ShowJobInfo} until the job succeeds.
     *
     * @return the last response, with {@code status} {@code SUCCESS}
     * @throws TaskFailedException when the job ends in one of {@link #JOB_FAILED} (message: its {@code fail_reason})
     */
    public ShowJobInfoResponse waitForJob(String jobId, Duration timeout) {
        Objects.requireNonNull(jobId, "jobId == null");
        ShowJobInfoRequest request = ShowJobInfoRequest.builder().jobId(jobId).build();
        return this.<ShowJobInfoResponse>waiter("job " + jobId + " to succeed", timeout)
                .successWhen(r -> JOB_SUCCESS.equals(r.status()))
                .failWhen(r -> r.status() != null && JOB_FAILED.contains(r.status()),
                        r -> new TaskFailedException("huawei", jobId, r.status(), r.failReason(), null))
                .describeState(r -> "status " + r.status() + (r.failReason() == null ? "" : " (" + r.failReason() + ")"))
                .build()
                .run(() -> client.showJobInfo(request));
    }

    private Optional<ShowInstanceResponse> show(ShowInstanceRequest request) {
        try {
            return Optional.of(client.showInstance(request));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private <T> Waiter.Builder<T> waiter(String description, Duration timeout) {
        return poll.waiter(description, timeout);
    }
}
