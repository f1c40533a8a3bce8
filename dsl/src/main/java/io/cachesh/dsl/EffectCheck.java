package io.cachesh.dsl;

import io.cachesh.client.auth.Secret;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.error.TransportException;
import io.cachesh.dsl.result.Instance;
import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.result.Task;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Check-before-retry for the non-idempotent verbs (create, resize, clear, password, delete, restart), the same for
 * every vendor. The call runs once. When it fails ambiguously ({@link #ambiguous}: no answer although the request
 * may have been sent, or an HTTP 5xx), the change may or may not have happened, so it is never repeated blindly:
 * the verb's probe looks for its effect (an instance by name, the new spec, a new task, the status it left) for up to
 * {@link #window()}. Found: the verb continues with it as if the answer had come. Not found: the call is made once
 * more (the request certainly did nothing). A second ambiguous failure is reported as it is, warning that the action
 * may have been performed. Adapters build one with a factory below, just before the call, and pass the call.
 */
public final class EffectCheck {

    /** How long the probe looks for the effect by default: a server may act after the client stopped waiting. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 250;

    /** What the probe found: the instance, and the task that carries the change when the verb has one. */
    public record Effect(Instance instance, String taskId) {
    }

    private final String verb;
    private final String label;
    private final Supplier<Optional<Effect>> probe;
    private final DslOutput output;
    private Duration window = DEFAULT_WINDOW;

    private EffectCheck(String verb, String label, Supplier<Optional<Effect>> probe, DslOutput output) {
        this.verb = verb;
        this.label = label;
        this.probe = probe;
        this.output = output == null ? DslOutput.SILENT : output;
    }

    /**
     * For {@code create name}: names address instances in cachesh, so a name in use is refused now (also what makes
     * a re-run script safe), and after an ambiguous failure an instance with that name is the one this call made.
     * Without a name nothing can be looked up, and an ambiguous failure is reported without a retry.
     */
    public static EffectCheck created(CacheService service, String name, DslOutput output) {
        if (name == null || name.isEmpty()) return new EffectCheck("create", "the instance", null, output);
        List<Instance> existing = service.findByName(name);
        if (!existing.isEmpty()) {
            throw new DslException("create: an instance named '" + name + "' already exists ("
                    + existing.stream().map(Instance::getId).collect(Collectors.joining(", "))
                    + "); use ensure to converge it, or choose another name");
        }
        return new EffectCheck("create", name, () -> service.findByName(name).stream().findFirst()
                .map(i -> new Effect(i, null)), output);
    }

    /** For {@code resize}: the instance is busy with a change, or already has the new spec. */
    public static EffectCheck resized(CacheService service, Instance current, double capacityGb, int shards,
                                      int replicas, DslOutput output) {
        return new EffectCheck("resize", Polling.label(current), () -> service.find(current.getId())
                .filter(i -> !InstanceStatus.RUNNING.equals(i.getStatus())
                        || (Double.compare(i.getCapacityGb(), capacityGb) == 0 && i.getShards() == shards
                        && i.getReplicas() == replicas))
                .map(i -> new Effect(i, null)), output);
    }

    /**
     * For verbs whose only trace is a task (clear, password): a task of the instance that was not there before. An
     * adapter without task listing cannot check, and reports an ambiguous failure without a retry.
     */
    public static EffectCheck newTask(CacheService service, Instance current, String verb, DslOutput output) {
        if (!service.supports(Verb.TASKS)) return new EffectCheck(verb, Polling.label(current), null, output);
        Set<String> before = service.tasks(current, 50).stream().map(Task::getId).collect(Collectors.toSet());
        return new EffectCheck(verb, Polling.label(current), () -> service.tasks(current, 50).stream()
                .filter(t -> !before.contains(t.getId())).findFirst()
                .map(t -> new Effect(current, t.getId())), output);
    }

    /**
     * For a {@code password} change that has no task to show for it (Huawei's UpdatePassword acts at once): the new
     * password is accepted by the instance's endpoint. Unreachable from here, nothing is found and the call is made
     * once more.
     */
    public static EffectCheck passwordAccepted(Instance current, Secret newPassword, DslOutput output) {
        return new EffectCheck("password", Polling.label(current), () -> {
            try (RedisConnection accepted = RedisConnection.open(current, newPassword, DslOutput.SILENT, () -> false)) {
                return Optional.of(new Effect(current, null));
            } catch (DslException rejectedOrUnreachable) {
                return Optional.empty();
            }
        }, output);
    }

    /** For {@code delete} and {@code restart}: the instance left {@code fromStatus} (or, for a delete, is gone). */
    public static EffectCheck leftStatus(CacheService service, Instance current, String verb, String fromStatus,
                                         DslOutput output) {
        return new EffectCheck(verb, Polling.label(current), () -> {
            Optional<Instance> now = service.find(current.getId());
            if (now.isEmpty()) return Optional.of(new Effect(current, null));
            return now.filter(i -> !fromStatus.equals(i.getStatus())).map(i -> new Effect(i, null));
        }, output);
    }

    /** How long to look for the effect before repeating the call. */
    public EffectCheck window(Duration window) {
        Objects.requireNonNull(window, "window == null");
        if (window.isNegative()) throw new IllegalArgumentException("window < 0: " + window);
        this.window = window;
        return this;
    }

    public Duration window() {
        return window;
    }

    /**
     * Runs {@code call}; after an ambiguous failure, returns {@code fromEffect} of the effect found, or the result of
     * one more call when there is none. A null result (dry run) passes through.
     */
    public <T> T run(Supplier<T> call, Function<Effect, T> fromEffect) {
        RuntimeException first;
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (!ambiguous(e) || probe == null) throw e;
            first = e;
        }
        Optional<Effect> found = lookFor();
        if (found.isPresent()) {
            output.info(verb + " " + label + ": the answer was lost (" + first.getMessage() + "), but the change "
                    + "took effect; continuing with it");
            return fromEffect.apply(found.get());
        }
        output.info(verb + " " + label + ": the answer was lost and nothing changed within " + seconds(window)
                + "; sending it once more");
        try {
            return call.get();
        } catch (RuntimeException again) {
            again.addSuppressed(first);
            if (!ambiguous(again)) throw again;
            Optional<Effect> late = lookFor();
            if (late.isPresent()) return fromEffect.apply(late.get());
            throw again;
        }
    }

    private Optional<Effect> lookFor() {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            Optional<Effect> found;
            try {
                found = probe.get();
            } catch (RuntimeException lookupFailed) {
                found = Optional.empty(); // a failed look is no evidence either way: look again
            }
            if (found.isPresent() || System.nanoTime() >= deadline) return found;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Whether a failure leaves it open if the action happened: no answer although the request may have been sent
     * (read timeout, reset or short answer), or an HTTP 5xx (a gateway or the service failed, maybe after acting).
     * Vendor errors with a code in a normal answer and throttling are definite: the vendor did not act.
     */
    public static boolean ambiguous(RuntimeException e) {
        if (e instanceof TransportException t) return !t.beforeSending();
        return e instanceof ApiException a && a.httpStatus() >= 500;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
