package io.cachesh.dsl.result;

import groovy.json.JsonOutput;
import groovy.json.JsonSlurper;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes a {@code plan { }} block would make ({@code applied} false), or that an {@code apply { }} block made
 * ({@code applied} true): plain serializable data, printable as a table ({@link #table()}) and JSON
 * ({@link #toJson()}, {@link #fromJson(String)}). {@code unchanged} names the targets already as desired.
 */
public final class Plan implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<Change> changes;
    private final List<String> unchanged;
    private final boolean applied;

    public Plan(List<Change> changes, List<String> unchanged, boolean applied) {
        this.changes = changes == null ? List.of() : List.copyOf(changes);
        this.unchanged = unchanged == null ? List.of() : List.copyOf(unchanged);
        this.applied = applied;
    }

    public List<Change> getChanges() { return changes; }
    public List<String> getUnchanged() { return unchanged; }
    public boolean isApplied() { return applied; }

    /** True when there is nothing to do (or nothing was done). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public int size() {
        return changes.size();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applied", applied);
        m.put("changes", changes.stream().map(Change::toMap).toList());
        m.put("unchanged", unchanged);
        return m;
    }

    public String toJson() {
        return JsonOutput.toJson(toMap());
    }

    /** A plan from {@link #toJson()}. */
    @SuppressWarnings("unchecked")
    public static Plan fromJson(String json) {
        Map<String, Object> m = (Map<String, Object>) new JsonSlurper().parseText(json);
        List<Change> changes = new ArrayList<>();
        for (Object c : (List<Object>) m.getOrDefault("changes", List.of())) changes.add(Change.fromMap((Map<String, ?>) c));
        List<String> unchanged = new ArrayList<>();
        for (Object u : (List<Object>) m.getOrDefault("unchanged", List.of())) unchanged.add(String.valueOf(u));
        return new Plan(changes, unchanged, Boolean.TRUE.equals(m.get("applied")));
    }

    /** A text table: action, target, attribute, from, to (and a line when there is nothing to change). */
    public String table() {
        if (changes.isEmpty()) {
            return (applied ? "nothing changed" : "no changes") + (unchanged.isEmpty() ? ""
                    : " (" + String.join(", ", unchanged) + " as desired)");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"action", "target", "attribute", "from", "to"});
        for (Change c : changes) {
            rows.add(new String[] {c.getAction(), c.getTarget(), dash(c.getAttribute()), dash(c.getFrom()),
                    dash(c.getTo())});
        }
        int[] width = new int[5];
        for (String[] r : rows) for (int i = 0; i < 5; i++) width[i] = Math.max(width[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < 5; i++) {
                sb.append(r[i]);
                if (i < 4) sb.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.setLength(sb.toString().stripTrailing().length());
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    @Override
    public String toString() {
        return (applied ? "Applied " : "Plan ") + changes.size() + (changes.size() == 1 ? " change" : " changes")
                + (changes.isEmpty() ? "" : ": " + String.join("; ", changes.stream().map(Change::toString).toList()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

}
