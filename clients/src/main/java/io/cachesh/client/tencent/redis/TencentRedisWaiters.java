package io.cachesh.client.tencent.redis;

import io.cachesh.client.core.PollSettings;
import io.cachesh.client.core.Sleeper;
import io.cachesh.client.core.Waiter;
import io.cachesh.client.error.TaskFailedException;
import io.cachesh.client.tencent.redis.model.DescribeInstancesRequest;
import io.cachesh.client.tencent.redis.model.DescribeTaskInfoRequest;
import io.cachesh.client.tencent.redis.model.DescribeTaskInfoResponse;
import io.cachesh.client.tencent.redis.model.InstanceSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits on TencentDB for Redis: asynchronous tasks ({@code DescribeTaskInfo} until {@code succeed}) and instance
 * states ({@code DescribeInstances} until {@code Status} matches). Immutable; the {@code with*} methods return
 * copies.
 */
public final class TencentRedisWaiters {

    /** Task statuses that end a task (seed, DescribeTaskInfo: preparing, running, succeed, failed, error). */
    public static final String TASK_SUCCEED = "succeed";
    public static final List<String> TASK_FAILED = List.of("failed", "error");

    private final TencentRedisClient client;
    private final PollSettings poll;

    private TencentRedisWaiters(TencentRedisClient client, PollSettings poll) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.poll = poll;
    }

    /** Polls every 2 seconds on the system clock. */
    public static TencentRedisWaiters create(TencentRedisClient client) {
        return new TencentRedisWaiters(client, PollSettings.every(Duration.ofSeconds(2)));
    }

    public TencentRedisWaiters withInterval(Duration interval) {
        return new TencentRedisWaiters(client, poll.withInterval(interval));
    }

    public TencentRedisWaiters withClock(Clock clock, Sleeper sleeper) {
        return new TencentRedisWaiters(client, poll.withClock(clock, sleeper));
    }

    /** Called after every poll with the latest state: a {@code DescribeTaskInfoResponse}, or an {@code Optional<InstanceSet>}. */
    public TencentRedisWaiters withProgress(Waiter.Progress<Object> progress) {
        return new TencentRedisWaiters(client, poll.withProgress(progress));
    }

    /**
     * Polls {@code DescribeTaskInfo} until the task succeeds.
     *
     * @return the last response, with {@code Status} {@code succeed}
     * @throws TaskFailedException when the task ends {@code failed} or {@code error} (message: its TaskMessage)
     * @throws io.cachesh.client.core.WaiterTimeoutException when it has not ended within {@code timeout}
     */
    public DescribeTaskInfoResponse waitForTask(long taskId, Duration timeout) {
        DescribeTaskInfoRequest request = DescribeTaskInfoRequest.builder().taskId(taskId).build();
        return this.<DescribeTaskInfoResponse>waiter("task " + taskId + " to succeed", timeout)
                .successWhen(r -> TASK_SUCCEED.equals(r.status()))
                .failWhen(r -> TASK_FAILED.contains(r.status()),
                        r -> new TaskFailedException("tencent", taskId, r.status(), r.taskMessage(), r.requestId()))
                .describeState(r -> "status " + r.status() + (r.taskMessage() == null ? "" : " (" + r.taskMessage() + ")"))
                .build()
                .run(() -> client.describeTaskInfo(request));
    }

    /**
     * Polls {@code DescribeInstances(InstanceId=instanceId)} until the instance's {@code Status} is {@code status}
     * (for example 2, running). An instance not (yet) listed counts as absent and polling continues.
     *
     * @return the instance in that state
     */
    public InstanceSet waitForInstanceStatus(String instanceId, long status, Duration timeout) {
        Objects.requireNonNull(instanceId, "instanceId == null");
        DescribeInstancesRequest request = DescribeInstancesRequest.builder().instanceId(instanceId).build();
        Optional<InstanceSet> found = this.<Optional<InstanceSet>>waiter(
                        "instance " + instanceId + " to reach status " + status, timeout)
                .successWhen(i -> i.isPresent() && Long.valueOf(status).equals(i.get().status()))
                .describeState(i -> i.map(x -> "status " + x.status()).orElse("not listed"))
                .build()
                .run(() -> {
                    List<InstanceSet> instances = client.describeInstances(request).instanceSet();
                    return instances == null ? Optional.empty()
                            : instances.stream().filter(x -> instanceId.equals(x.instanceId())).findFirst();
                });
        return found.orElseThrow();
    }

    private <T> Waiter.Builder<T> waiter(String description, Duration timeout) {
        return poll.waiter(description, timeout);
    }
}
