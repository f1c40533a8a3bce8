package io.cachesh.dsl;

import io.cachesh.dsl.result.Change;
import io.cachesh.dsl.result.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the changes of a {@code plan { }} (not made) or {@code apply { }} (made) block; thread-safe for fleets. */
final class PlanRecorder {

    final boolean apply;
    private final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> unchanged = Collections.synchronizedSet(new LinkedHashSet<>());

    PlanRecorder(boolean apply) {
        this.apply = apply;
    }

    void change(Change c) {
        changes.add(c);
    }

    void unchanged(String target) {
        unchanged.add(target);
    }

    Plan plan() {
        synchronized (changes) {
            synchronized (unchanged) {
                List<String> same = new ArrayList<>(unchanged);
                changes.forEach(c -> same.remove(c.getTarget()));
                return new Plan(changes, same, apply);
            }
        }
    }
}
