package io.cachesh.client.capitalonline.memcached;

import io.cachesh.client.capitalonline.memcached.model.DescribeMemcachedInstanceData;
import io.cachesh.client.capitalonline.memcached.model.DescribeMemcachedInstanceRequest;
import io.cachesh.client.capitalonline.memcached.model.MemcachedInstance;
import io.cachesh.client.capitalonline.memcached.model.MemcachedInstanceListRequest;
import io.cachesh.client.core.PollSettings;
import io.cachesh.client.core.Sleeper;
import io.cachesh.client.core.Waiter;
import io.cachesh.client.error.NotFoundException;
import io.cachesh.client.error.TaskFailedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits on CapitalOnline Memcached. The API has no task query (the {@code TaskId}s it returns cannot be looked up),
 * so the waiters poll the instance: {@code DescribeMemcachedInstance} until its {@code Status} matches, and
 * {@code MemcachedInstanceList} until a deleted instance is no longer listed. Immutable; the {@code with*} methods
 * return copies.
 */
public final class CapitalOnlineMemcachedWaiters {

    /** The running status, the only one the seed shows. */
    public static final String RUNNING = "running";

    private final CapitalOnlineMemcachedClient client;
    private final PollSettings poll;

    private CapitalOnlineMemcachedWaiters(CapitalOnlineMemcachedClient client, PollSettings poll) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.poll = poll;
    }

    /** Polls every 5 seconds on the system clock. */
    public static CapitalOnlineMemcachedWaiters create(CapitalOnlineMemcachedClient client) {
        return new CapitalOnlineMemcachedWaiters(client, PollSettings.every(Duration.ofSeconds(5)));
    }

    public CapitalOnlineMemcachedWaiters withInterval(Duration interval) {
        return new CapitalOnlineMemcachedWaiters(client, poll.withInterval(interval));
    }

    public CapitalOnlineMemcachedWaiters withClock(Clock clock, Sleeper sleeper) {
        return new CapitalOnlineMemcachedWaiters(client, poll.withClock(clock, sleeper));
    }

    /** Called after every poll with the latest state, an {@code Optional} of the instance. */
    public CapitalOnlineMemcachedWaiters withProgress(Waiter.Progress<Object> progress) {
        return new CapitalOnlineMemcachedWaiters(client, poll.withProgress(progress));
    }

    /**
     * Whether a status is a failure the instance will not leave by itself. The seed shows only {@code running} and
     * counts instances in error ({@code ErrorTotal}); we take {@code error} and any status containing {@code fail}.
     */
    public static boolean isFailed(String status) {
        if (status == null) return false;
        String s = status.toLowerCase(Locale.ROOT);
        return s.equals("error") || s.contains("fail");
    }

    /**
     * Polls {@code DescribeMemcachedInstance} until the instance's {@code Status} equals {@code status} (ignoring case),
     * for example {@link #RUNNING} after a create, clear or update. An instance not found yet counts as absent.
     *
     * @return the instance in that state
     * @throws TaskFailedException when the instance reaches a failed status instead ({@link #isFailed(String)})
     * @throws io.cachesh.client.core.WaiterTimeoutException when it has not got there within {@code timeout}
     */
    public DescribeMemcachedInstanceData waitForInstanceStatus(String instanceId, String status, Duration timeout) {
        Objects.requireNonNull(instanceId, "instanceId == null");
        Objects.requireNonNull(status, "status == null");
        DescribeMemcachedInstanceRequest request = DescribeMemcachedInstanceRequest.builder().instanceId(instanceId).build();
        Optional<DescribeMemcachedInstanceData> found = this.<Optional<DescribeMemcachedInstanceData>>waiter(
                        "instance " + instanceId + " to reach status " + status, timeout)
                .successWhen(i -> i.isPresent() && status.equalsIgnoreCase(i.get().status()))
                .failWhen(i -> i.isPresent() && !status.equalsIgnoreCase(i.get().status()) && isFailed(i.get().status()),
                        i -> new TaskFailedException("capitalonline", instanceId, i.orElseThrow().status(),
                                "the instance cannot reach " + status, null))
                .describeState(i -> i.map(x -> "status " + x.status()).orElse("not found"))
                .build()
                .run(() -> {
                    try {
                        return Optional.ofNullable(client.describeMemcachedInstance(request).data());
                    } catch (NotFoundException e) {
                        return Optional.empty();
                    }
                });
        return found.orElseThrow();
    }

    /** Polls {@code MemcachedInstanceList(Keyword=instanceId)} until the instance is no longer listed. */
    public void waitForInstanceDeleted(String instanceId, Duration timeout) {
        Objects.requireNonNull(instanceId, "instanceId == null");
        MemcachedInstanceListRequest request = MemcachedInstanceListRequest.builder().keyword(instanceId).build();
        this.<Optional<MemcachedInstance>>waiter("instance " + instanceId + " to be deleted", timeout)
                .successWhen(Optional::isEmpty)
                .describeState(i -> i.map(x -> "listed, status " + x.status()).orElse("gone"))
                .build()
                .run(() -> {
                    var data = client.memcachedInstanceList(request).data();
                    List<MemcachedInstance> list = data == null || data.instanceList() == null ? List.of() : data.instanceList();
                    return list.stream().filter(x -> instanceId.equals(x.instanceId())).findFirst();
                });
    }

    private <T> Waiter.Builder<T> waiter(String description, Duration timeout) {
        return poll.waiter(description, timeout);
    }
}
