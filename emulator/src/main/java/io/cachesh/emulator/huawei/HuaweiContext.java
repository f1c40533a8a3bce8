package io.cachesh.emulator.huawei;

import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Task;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every {@link HuaweiActionGroup} shares: the fleet, the flavors, the emulator's Huawei project and region, the
 * clock, and the jobs ({@code job_id} to fleet task, persisted in the fleet's extensions).
 */
public final class HuaweiContext {

    /** The region the emulator plays (the models' default endpoint region). */
    public static final String REGION = "cn-north-4";

    /** A job: what ShowJobInfo reports for an asynchronous operation's {@code job_id}. */
    public record Job(long taskId, String jobType) {
    }

    /** The persisted job table. */
    public record Jobs(Map<String, Job> byId) {
        public Jobs {
            byId = byId == null ? new LinkedHashMap<>() : new LinkedHashMap<>(byId);
        }
    }

    private static final String JOBS_KEY = "huawei.jobs";

    private final Fleet fleet;
    private final HuaweiFlavors flavors;
    private final String projectId;
    private final SecureRandom random = new SecureRandom();

    public HuaweiContext(Fleet fleet, HuaweiFlavors flavors, String projectId) {
        this.fleet = Objects.requireNonNull(fleet, "fleet == null");
        this.flavors = Objects.requireNonNull(flavors, "flavors == null");
        this.projectId = Objects.requireNonNull(projectId, "projectId == null");
    }

    public Fleet fleet() {
        return fleet;
    }

    public HuaweiFlavors flavors() {
        return flavors;
    }

    public String projectId() {
        return projectId;
    }

    public Clock clock() {
        return fleet.clock();
    }

    public SecureRandom random() {
        return random;
    }

    /** 32 lower-case hex characters, the form of Huawei job, order and request ids. */
    public String hexId() {
        StringBuilder s = new StringBuilder(32);
        for (int i = 0; i < 32; i++) s.append(Character.forDigit(random.nextInt(16), 16));
        return s.toString();
    }

    /** Records a job for {@code task}; returns its {@code job_id}. */
    public String job(Task task, String jobType) {
        String id = hexId();
        fleet.extensions().update(JOBS_KEY, Jobs.class, () -> new Jobs(null), jobs -> {
            Map<String, Job> next = new LinkedHashMap<>(jobs.byId());
            next.put(id, new Job(task.id(), jobType));
            return new Jobs(next);
        });
        fleet.changed();
        return id;
    }

    public Optional<Job> findJob(String jobId) {
        return Optional.ofNullable(fleet.extensions().get(JOBS_KEY, Jobs.class, () -> new Jobs(null)).byId().get(jobId));
    }
}
