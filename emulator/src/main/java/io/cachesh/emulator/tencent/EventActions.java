package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.emulator.fleet.Fleet;
import io.cachesh.emulator.fleet.Instance;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * O&M events (DescribeInstanceEvents, ModifyInstanceEvent) and the maintenance window (ModifyMaintenanceWindow).
 *
 * <p>Events are the cloud's own plans (instance migrations), so nothing in the API creates them: they are put into the
 * fleet with {@link #schedule} (fleet-wide state under {@link #KEY}, e.g. by a test or a scenario); without that an
 * account has none. An event's status follows the fleet clock (Beijing time): {@code Waiting} before its window on its
 * execution date, {@code Running} inside it, {@code Finished} after it (TaskEndTime = the window's end), and
 * {@code Canceled} once cancelled.
 *
 * <p>ModifyMaintenanceWindow stores the window with {@link MaintenanceWindow} in the instance's extensions; it answers
 * {@code failed} while a version or architecture upgrade waits to switch in the window, as the seed says.
 */
final class EventActions extends TencentActionGroup {

    static final String KEY = "instanceEvents";
    private static final String TYPE = "InstanceMigration";

    /** One planned event; dates {@code yyyy-MM-dd}, times {@code HH:mm}. */
    record Event(long id, String instanceId, String grade, String executionDate, String startTime, String endTime,
                 String initialExecutionDate, String latestExecutionDate, boolean canceled, String effectInfo) {
    }

    record Events(long nextId, List<Event> events) {
        static Events initial() {
            return new Events(1, List.of());
        }
    }

    EventActions(TencentContext ctx) {
        super(ctx);
    }

    /**
     * Plans an InstanceMigration event on {@code instance} for {@code date} in its maintenance window, to be done by
     * {@code latest}; returns the event id.
     */
    static long schedule(Fleet fleet, Instance instance, String grade, LocalDate date, LocalDate latest, String effectInfo) {
        MaintenanceWindow w = MaintenanceWindow.of(instance);
        Events next = fleet.extensions().update(KEY, Events.class, Events::initial, e -> {
            List<Event> list = new ArrayList<>(e.events());
            list.add(new Event(e.nextId(), instance.id(), grade, date.toString(), w.startTime(), w.endTime(), date.toString(),
                    latest.toString(), false, effectInfo));
            return new Events(e.nextId() + 1, list);
        });
        fleet.changed();
        return next.nextId() - 1;
    }

    @Override
    protected void register(Map<String, TencentAction> actions) {
        actions.put("DescribeInstanceEvents", this::describeInstanceEvents);
        actions.put("ModifyInstanceEvent", this::modifyInstanceEvent);
        actions.put("ModifyMaintenanceWindow", this::modifyMaintenanceWindow);
    }

    private ObjectNode describeInstanceEvents(TencentRequest r, Params p) {
        LocalDate from = date("ExecutionStartDate", p.requireString("ExecutionStartDate"));
        LocalDate to = date("ExecutionEndDate", p.requireString("ExecutionEndDate"));
        if (to.isBefore(from)) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: ExecutionEndDate " + to + " is before ExecutionStartDate " + from + ".");
        }
        if (ChronoUnit.DAYS.between(from, to) > 30) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: the query spans more than 30 days (" + from + " to " + to + ").");
        }
        long pageSize = p.integer("PageSize", 10);
        long pageNo = p.integer("PageNo", 1);
        if (pageSize < 1 || pageSize > 100) throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: PageSize " + pageSize + " is outside 1-100.");
        if (pageNo < 1) throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: PageNo " + pageNo + " must be at least 1.");
        String instanceId = p.string("InstanceId", "").trim();
        if (!instanceId.isEmpty()) instance(r, instanceId);
        List<String> statuses = p.strings("Status");
        List<String> types = p.strings("EventTypes");
        List<String> grades = p.strings("Grades");
        LocalDateTime now = now();
        List<ObjectNode> items = new ArrayList<>();
        List<Event> events = new ArrayList<>(fleet.extensions().get(KEY, Events.class, Events::initial).events());
        events.sort(Comparator.comparing(Event::executionDate).thenComparing(Event::startTime).thenComparingLong(Event::id));
        for (Event e : events) {
            Instance i = fleet.instance(e.instanceId()).filter(x -> x.region().equals(r.region())).orElse(null);
            if (i == null) continue;
            if (!instanceId.isEmpty() && !instanceId.equals(e.instanceId())) continue;
            LocalDate day = LocalDate.parse(e.executionDate());
            if (day.isBefore(from) || day.isAfter(to)) continue;
            String status = status(e, now);
            if (!statuses.isEmpty() && !statuses.contains(status)) continue;
            if (!types.isEmpty() && !types.contains(TYPE)) continue;
            if (!grades.isEmpty() && !grades.contains(e.grade())) continue;
            ObjectNode n = object();
            n.put("ID", e.id());
            n.put("InstanceId", e.instanceId());
            n.put("InstanceName", i.name());
            n.put("Type", TYPE);
            n.put("Grade", e.grade());
            n.put("ExecutionDate", e.executionDate());
            n.put("StartTime", e.startTime());
            n.put("EndTime", e.endTime());
            n.put("LatestExecutionDate", e.latestExecutionDate());
            n.put("Status", status);
            n.put("TaskEndTime", "Finished".equals(status) ? TIME.format(windowEnd(e)) : ZERO_TIME);
            n.put("EffectInfo", e.effectInfo());
            n.put("InitialExecutionDate", e.initialExecutionDate());
            items.add(n);
        }
        ObjectNode out = object();
        out.put("TotalCount", items.size());
        ArrayNode list = out.putArray("RedisInstanceEvents");
        items.stream().skip((pageNo - 1) * pageSize).limit(pageSize).forEach(list::add);
        return out;
    }

    private ObjectNode modifyInstanceEvent(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        long eventId = p.requireInteger("EventId");
        Event e = fleet.extensions().get(KEY, Events.class, Events::initial).events().stream()
                .filter(x -> x.id() == eventId && x.instanceId().equals(i.id())).findFirst()
                .orElseThrow(() -> new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: event " + eventId
                        + " is not an event of " + i.id() + "."));
        String status = status(e, now());
        if (!"Waiting".equals(status)) {
            throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: event " + eventId + " is " + status
                    + "; only Waiting events can be changed or cancelled.");
        }
        Event changed;
        if (p.has("Status")) {
            String target = p.requireString("Status");
            if (!"Canceled".equals(target)) {
                throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: Status can only be Canceled.");
            }
            if ("Critical".equals(e.grade()) || "High".equals(e.grade())) {
                throw new TencentException("UnsupportedOperation.InstanceNotOperation", "不支持当前操作: event " + eventId + " is "
                        + e.grade() + "; Critical and High events must run and cannot be cancelled.");
            }
            changed = new Event(e.id(), e.instanceId(), e.grade(), e.executionDate(), e.startTime(), e.endTime(),
                    e.initialExecutionDate(), e.latestExecutionDate(), true, e.effectInfo());
        } else {
            String start = p.string("StartTime");
            String end = p.string("EndTime");
            String day = p.string("ExecutionDate");
            if (start == null && end == null && day == null) {
                throw new TencentException("InvalidParameter.InvalidParameter",
                        "业务参数错误: pass StartTime/EndTime, ExecutionDate or Status=Canceled.");
            }
            for (String[] t : new String[][] {{"StartTime", start}, {"EndTime", end}}) {
                if (t[1] != null && !MaintenanceWindow.validTime(t[1].trim())) {
                    throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: " + t[0] + " `" + t[1] + "` is not a time like 03:10.");
                }
            }
            String newStart = start == null ? e.startTime() : start.trim();
            String newEnd = end != null ? end.trim()
                    : start == null ? e.endTime() : plusMinutes(newStart, MaintenanceWindow.span(e.startTime(), e.endTime()));
            int span = MaintenanceWindow.span(newStart, newEnd);
            if (span <= 0 || span > 180) {
                throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: EndTime " + newEnd + " must be within 3 hours after StartTime "
                        + newStart + " (30 min, 1 h, 1.5 h, 2 h or 3 h).");
            }
            String newDay = e.executionDate();
            if (day != null) {
                LocalDate d = date("ExecutionDate", day);
                if (d.isBefore(now().toLocalDate())) {
                    throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: ExecutionDate " + d + " is in the past.");
                }
                if (d.isAfter(LocalDate.parse(e.latestExecutionDate()))) {
                    throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: ExecutionDate " + d
                            + " is after the event's LatestExecutionDate " + e.latestExecutionDate() + ".");
                }
                newDay = d.toString();
            }
            changed = new Event(e.id(), e.instanceId(), e.grade(), newDay, newStart, newEnd, e.initialExecutionDate(),
                    e.latestExecutionDate(), false, e.effectInfo());
        }
        fleet.extensions().update(KEY, Events.class, Events::initial, all -> new Events(all.nextId(),
                all.events().stream().map(x -> x.id() == changed.id() ? changed : x).toList()));
        fleet.changed();
        ObjectNode out = object();
        out.put("EventId", eventId);
        return out;
    }

    private ObjectNode modifyMaintenanceWindow(TencentRequest r, Params p) {
        Instance i = instance(r, p.requireString("InstanceId"));
        String start = p.requireString("StartTime");
        String end = p.requireString("EndTime");
        if (!MaintenanceWindow.validTime(start)) throw TencentException.invalidValue("StartTime", start, "must be a time HH:mm like 03:00");
        if (!MaintenanceWindow.validTime(end)) throw TencentException.invalidValue("EndTime", end, "must be a time HH:mm like 06:00");
        int span = MaintenanceWindow.span(start, end);
        if (span < 30 || span > 180) {
            throw TencentException.invalidValue("EndTime", end, "the window " + start + "-" + end + " must last 30 minutes to 3 hours");
        }
        ObjectNode out = object();
        if (EngineVersions.pending(i) != null) {
            // 已经发起版本升级或者架构升级的实例，无法修改维护时间窗
            out.put("Status", "failed");
            return out;
        }
        i.extensions().put(MaintenanceWindow.KEY, new MaintenanceWindow(start, end));
        fleet.changed();
        out.put("Status", "success");
        return out;
    }

    private String status(Event e, LocalDateTime now) {
        if (e.canceled()) return "Canceled";
        LocalDateTime start = LocalDate.parse(e.executionDate()).atTime(LocalTime.parse(e.startTime()));
        if (now.isBefore(start)) return "Waiting";
        return now.isBefore(windowEnd(e)) ? "Running" : "Finished";
    }

    private static LocalDateTime windowEnd(Event e) {
        return LocalDate.parse(e.executionDate()).atTime(LocalTime.parse(e.startTime()))
                .plusMinutes(MaintenanceWindow.span(e.startTime(), e.endTime()));
    }

    private static String plusMinutes(String hhmm, int minutes) {
        return LocalTime.parse(hhmm).plusMinutes(minutes).toString();
    }

    private LocalDateTime now() {
        return fleet.clock().instant().atOffset(BEIJING).toLocalDateTime();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new TencentException("InvalidParameter.InvalidParameter", "业务参数错误: " + name + " `" + value + "` is not a date like 2018-09-10.");
        }
    }
}
