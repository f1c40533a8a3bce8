package io.cachesh.client.tencent.redislegacy;

import io.cachesh.client.core.PollSettings;
import io.cachesh.client.core.Sleeper;
import io.cachesh.client.core.Waiter;
import io.cachesh.client.error.TaskFailedException;
import io.cachesh.client.tencent.redislegacy.model.DescribeRedisDealDetailRequest;
import io.cachesh.client.tencent.redislegacy.model.DescribeTaskInfoRequest;
import io.cachesh.client.tencent.redislegacy.model.DescribeTaskInfoResponse;
import io.cachesh.client.tencent.redislegacy.model.RedisDealDetail;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits on the legacy TencentDB for Redis API (v2): orders ({@code dealId} of CreateRedis, RenewRedis, UpgradeRedis;
 * {@code DescribeRedisDealDetail} until status 4) and instance tasks ({@code requestId} of ModfiyRedisPassword,
 * ResetRedisPassword, ClearRedis, ManualBackupInstance, RestoreInstance, ExportRedisBackup; {@code DescribeTaskInfo}
 * until status 2). Immutable; the {@code with*} methods return copies.
 */
public final class TencentRedisLegacyWaiters {

    /** Order status 4, 发货成功 (delivered): the order is done (seed tencent-redis-api3-and-legacy-v2.txt, DescribeRedisDealDetail). */
    public static final long DEAL_DELIVERED = 4;
    /**
     * Order statuses that end an order badly: 5 发货失败 (delivery failed), 6 已退款 (refunded), 7 已关闭 (closed),
     * 8 订单过期 (expired), 9 订单已失效 (invalidated), 10 产品已失效 (product invalidated), 11 代付拒绝 (payment
     * refused). 1 (unpaid), 2 (paid), 3 (delivering) and 12 (paying) keep the wait going.
     */
    public static final List<Long> DEAL_FAILED = List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L);
    /** Task status 2, 成功 (DescribeTaskInfo: 0 pending, 1 running, 2 succeeded, 3 failed, -1 error). */
    public static final long TASK_SUCCEEDED = 2;
    /** Task statuses that end a task badly: 3 失败 (failed), -1 执行出错 (error). */
    public static final List<Long> TASK_FAILED = List.of(3L, -1L);

    private final TencentRedisLegacyClient client;
    private final PollSettings poll;

    private TencentRedisLegacyWaiters(TencentRedisLegacyClient client, PollSettings poll) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.poll = poll;
    }

    /** Polls every 5 seconds on the system clock. */
    public static TencentRedisLegacyWaiters create(TencentRedisLegacyClient client) {
        return new TencentRedisLegacyWaiters(client, PollSettings.every(Duration.ofSeconds(5)));
    }

    public TencentRedisLegacyWaiters withInterval(Duration interval) {
        return new TencentRedisLegacyWaiters(client, poll.withInterval(interval));
    }

    public TencentRedisLegacyWaiters withClock(Clock clock, Sleeper sleeper) {
        return new TencentRedisLegacyWaiters(client, poll.withClock(clock, sleeper));
    }

    /** Called after every poll with the latest state: an {@code Optional<RedisDealDetail>} or a {@code DescribeTaskInfoResponse}. */
    public TencentRedisLegacyWaiters withProgress(Waiter.Progress<Object> progress) {
        return new TencentRedisLegacyWaiters(client, poll.withProgress(progress));
    }

    /**
     * Polls {@code DescribeRedisDealDetail(dealIds.0=dealId)} until the order's status is 4 (delivered). An order not
     * listed yet counts as pending.
     *
     * @return the delivered order; for a create, {@code goodsDetail().redisIds()} names the new instances
     * @throws TaskFailedException when the order reaches one of {@link #DEAL_FAILED} (message: its description)
     * @throws io.cachesh.client.core.WaiterTimeoutException when it is not delivered within {@code timeout}
     */
    public RedisDealDetail waitForDeal(String dealId, Duration timeout) {
        Objects.requireNonNull(dealId, "dealId == null");
        DescribeRedisDealDetailRequest request = DescribeRedisDealDetailRequest.builder().dealIds(List.of(dealId)).build();
        Optional<RedisDealDetail> deal = this.<Optional<RedisDealDetail>>waiter("order " + dealId + " to be delivered", timeout)
                .successWhen(d -> d.isPresent() && Long.valueOf(DEAL_DELIVERED).equals(d.get().status()))
                .failWhen(d -> d.isPresent() && DEAL_FAILED.contains(d.get().status()),
                        d -> new TaskFailedException("tencent", dealId, "status " + d.orElseThrow().status(),
                                d.orElseThrow().description(), null))
                .describeState(d -> d.map(x -> "status " + x.status()
                        + (x.description() == null ? "" : " (" + x.description() + ")")).orElse("not listed"))
                .build()
                .run(() -> {
                    List<RedisDealDetail> details = client.describeRedisDealDetail(request).dealDetails();
                    return details == null ? Optional.empty()
                            : details.stream().filter(d -> dealId.equals(d.dealId())).findFirst()
                                    .or(() -> details.size() == 1 && details.get(0).dealId() == null
                                            ? Optional.of(details.get(0)) : Optional.empty());
                });
        return deal.orElseThrow();
    }

    /**
     * Polls {@code DescribeTaskInfo(requestId)} until the task's status is 2 (succeeded).
     *
     * @return the last answer, with {@code data.status} 2
     * @throws TaskFailedException when the task ends 3 (failed) or -1 (error)
     * @throws io.cachesh.client.core.WaiterTimeoutException when it has not ended within {@code timeout}
     */
    public DescribeTaskInfoResponse waitForTask(long requestId, Duration timeout) {
        DescribeTaskInfoRequest request = DescribeTaskInfoRequest.builder().requestId(requestId).build();
        return this.<DescribeTaskInfoResponse>waiter("task " + requestId + " to succeed", timeout)
                .successWhen(r -> Long.valueOf(TASK_SUCCEEDED).equals(status(r)))
                .failWhen(r -> status(r) != null && TASK_FAILED.contains(status(r)),
                        r -> new TaskFailedException("tencent", requestId, "status " + status(r),
                                r.message() == null || r.message().isEmpty() ? "(no message)" : r.message(), null))
                .describeState(r -> "status " + status(r))
                .build()
                .run(() -> client.describeTaskInfo(request));
    }

    private static Long status(DescribeTaskInfoResponse response) {
        return response.data() == null ? null : response.data().status();
    }

    private <T> Waiter.Builder<T> waiter(String description, Duration timeout) {
        return poll.waiter(description, timeout);
    }
}
