package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.ActionShapes.code;
import static io.cachesh.emulator.tencent.ActionShapes.conform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ModifyMaintenanceWindow, DescribeInstanceEvents (page-number paging) and ModifyInstanceEvent. */
class EventActionsTest {

    static final String PASSWORD = "Cachesh-Pass1";

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine: " + emulator.dataPlaneDescription());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static Instance create(String name) {
        JsonNode created = client.call("CreateInstances", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                + "\"BillingMode\":0,\"Password\":\"" + PASSWORD + "\",\"InstanceName\":\"" + name + "\"}");
        String id = created.path("InstanceIds").get(0).asText();
        client.waitStatus(id, 2);
        return emulator.fleet().instance(id).orElseThrow();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.ofHours(8));
    }

    static String range(LocalDate from, LocalDate to, String extra) {
        return "{\"ExecutionStartDate\":\"" + from + "\",\"ExecutionEndDate\":\"" + to + "\"" + extra + "}";
    }

    static List<Long> ids(JsonNode r) {
        List<Long> out = new ArrayList<>();
        r.path("RedisInstanceEvents").forEach(e -> out.add(e.path("ID").asLong()));
        return out;
    }

    @Test
    void maintenanceWindowIsStoredAndValidated() {
        Instance i = create("window");
        String base = "{\"InstanceId\":\"" + i.id() + "\",";
        assertThat(MaintenanceWindow.of(i)).isEqualTo(MaintenanceWindow.DEFAULT);
        JsonNode ok = conform("ModifyMaintenanceWindow", client.call("ModifyMaintenanceWindow", base + "\"StartTime\":\"17:00\",\"EndTime\":\"19:00\"}"));
        assertThat(ok.path("Status").asText()).isEqualTo("success");
        assertThat(MaintenanceWindow.of(i)).isEqualTo(new MaintenanceWindow("17:00", "19:00"));
        // across midnight, 2 hours
        assertThat(client.call("ModifyMaintenanceWindow", base + "\"StartTime\":\"23:00\",\"EndTime\":\"01:00\"}").path("Status").asText())
                .isEqualTo("success");
        assertThat(code(client.response("ModifyMaintenanceWindow", base + "\"StartTime\":\"25:00\",\"EndTime\":\"26:00\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ModifyMaintenanceWindow", base + "\"StartTime\":\"3pm\",\"EndTime\":\"16:00\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ModifyMaintenanceWindow", base + "\"StartTime\":\"03:00\",\"EndTime\":\"03:10\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ModifyMaintenanceWindow", base + "\"StartTime\":\"03:00\",\"EndTime\":\"08:00\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ModifyMaintenanceWindow", base + "\"StartTime\":\"03:00\"}"))).isEqualTo("MissingParameter");
        assertThat(code(client.response("ModifyMaintenanceWindow", "{\"InstanceId\":\"crs-nothere0\",\"StartTime\":\"03:00\",\"EndTime\":\"04:00\"}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(MaintenanceWindow.of(i)).isEqualTo(new MaintenanceWindow("23:00", "01:00"));
        // events planned afterwards use the window
        long id = EventActions.schedule(emulator.fleet(), i, "Low", today().plusDays(2), today().plusDays(20), "迁移完成时会有一次秒级别的闪断");
        JsonNode e = client.call("DescribeInstanceEvents", range(today(), today().plusDays(5), ",\"InstanceId\":\"" + i.id() + "\""))
                .path("RedisInstanceEvents").get(0);
        assertThat(e.path("ID").asLong()).isEqualTo(id);
        assertThat(e.path("StartTime").asText()).isEqualTo("23:00");
        assertThat(e.path("EndTime").asText()).isEqualTo("01:00");
    }

    @Test
    void eventsArePagedByPageNumberAndFilteredAndFollowTheClock() {
        Instance i = create("events");
        Instance other = create("quiet");
        LocalDate d = today();
        // the window around now decides Running; its date is the day the window starts
        LocalDateTime now = LocalDateTime.now(ZoneOffset.ofHours(8));
        LocalDateTime windowStart = now.minusMinutes(30);
        client.call("ModifyMaintenanceWindow", "{\"InstanceId\":\"" + i.id() + "\",\"StartTime\":\"" + String.format("%02d:%02d",
                windowStart.getHour(), windowStart.getMinute()) + "\",\"EndTime\":\"" + String.format("%02d:%02d",
                windowStart.plusMinutes(120).getHour(), windowStart.plusMinutes(120).getMinute()) + "\"}");
        long running = EventActions.schedule(emulator.fleet(), i, "Middle", windowStart.toLocalDate(), d.plusDays(10), "闪断");
        long finished = EventActions.schedule(emulator.fleet(), i, "Low", d.minusDays(2), d.plusDays(10), "闪断");
        long low = EventActions.schedule(emulator.fleet(), i, "Low", d.plusDays(3), d.plusDays(10), "闪断");
        long high = EventActions.schedule(emulator.fleet(), i, "High", d.plusDays(4), d.plusDays(10), "闪断");
        long middle = EventActions.schedule(emulator.fleet(), i, "Middle", d.plusDays(5), d.plusDays(10), "闪断");
        long later = EventActions.schedule(emulator.fleet(), i, "Low", d.plusDays(40), d.plusDays(50), "闪断");
        long elsewhere = EventActions.schedule(emulator.fleet(), other, "Critical", d.plusDays(1), d.plusDays(10), "闪断");

        String mine = ",\"InstanceId\":\"" + i.id() + "\"";
        JsonNode all = conform("DescribeInstanceEvents", client.call("DescribeInstanceEvents", range(d.minusDays(5), d.plusDays(20), mine)));
        assertThat(all.path("TotalCount").asInt()).isEqualTo(5);
        assertThat(ids(all)).containsExactly(finished, running, low, high, middle);
        JsonNode r = all.path("RedisInstanceEvents").get(1);
        assertThat(r.path("Status").asText()).isEqualTo("Running");
        assertThat(r.path("Type").asText()).isEqualTo("InstanceMigration");
        assertThat(r.path("InstanceName").asText()).isEqualTo("events");
        assertThat(r.path("TaskEndTime").asText()).isEqualTo("0000-00-00 00:00:00");
        JsonNode f = all.path("RedisInstanceEvents").get(0);
        assertThat(f.path("Status").asText()).isEqualTo("Finished");
        assertThat(f.path("TaskEndTime").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(all.path("RedisInstanceEvents").get(2).path("Status").asText()).isEqualTo("Waiting");
        assertThat(all.path("RedisInstanceEvents").get(2).path("InitialExecutionDate").asText()).isEqualTo(d.plusDays(3).toString());

        // default page size 10, page numbers from 1
        JsonNode page2 = client.call("DescribeInstanceEvents", range(d.minusDays(5), d.plusDays(20), mine + ",\"PageSize\":2,\"PageNo\":2"));
        assertThat(page2.path("TotalCount").asInt()).isEqualTo(5);
        assertThat(ids(page2)).containsExactly(low, high);
        assertThat(ids(client.call("DescribeInstanceEvents", range(d.minusDays(5), d.plusDays(20), mine + ",\"PageSize\":2,\"PageNo\":3"))))
                .containsExactly(middle);
        assertThat(ids(client.call("DescribeInstanceEvents", range(d.minusDays(5), d.plusDays(20), mine + ",\"PageSize\":2,\"PageNo\":4")))).isEmpty();
        assertThat(ids(client.call("DescribeInstanceEvents", range(d.minusDays(5), d.plusDays(20), mine + ",\"Grades\":[\"High\",\"Middle\"]"))))
                .containsExactly(running, high, middle);
        assertThat(ids(client.call("DescribeInstanceEvents", range(d.minusDays(5), d.plusDays(20), mine + ",\"Status\":[\"Waiting\"],"
                + "\"EventTypes\":[\"InstanceMigration\"]")))).containsExactly(low, high, middle);
        assertThat(ids(client.call("DescribeInstanceEvents", range(d.plusDays(35), d.plusDays(45), "")))).containsExactly(later);
        assertThat(ids(client.call("DescribeInstanceEvents", range(d, d.plusDays(2), "")))).contains(elsewhere).doesNotContain(later);

        assertThat(code(client.response("DescribeInstanceEvents", range(d, d.plusDays(31), "")))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("DescribeInstanceEvents", range(d, d.minusDays(1), "")))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("DescribeInstanceEvents", "{\"ExecutionStartDate\":\"tomorrow\",\"ExecutionEndDate\":\"2030-01-01\"}")))
                .startsWith("InvalidParameter");
        assertThat(code(client.response("DescribeInstanceEvents", range(d, d, ",\"PageNo\":0")))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("DescribeInstanceEvents", range(d, d, ",\"PageSize\":101")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeInstanceEvents", range(d, d, ",\"EventTypes\":[\"Reboot\"]")))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("DescribeInstanceEvents", range(d, d, ",\"InstanceId\":\"crs-nothere0\"")))).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("DescribeInstanceEvents", "{\"ExecutionStartDate\":\"" + d + "\"}"))).isEqualTo("MissingParameter");

        // ModifyInstanceEvent
        String modify = "{\"InstanceId\":\"" + i.id() + "\",\"EventId\":";
        JsonNode canceled = conform("ModifyInstanceEvent", client.call("ModifyInstanceEvent", modify + low + ",\"Status\":\"Canceled\"}"));
        assertThat(canceled.path("EventId").asLong()).isEqualTo(low);
        assertThat(ids(client.call("DescribeInstanceEvents", range(d.minusDays(5), d.plusDays(20), mine + ",\"Status\":[\"Canceled\"]"))))
                .containsExactly(low);
        assertThat(code(client.response("ModifyInstanceEvent", modify + low + ",\"Status\":\"Canceled\"}"))).isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(code(client.response("ModifyInstanceEvent", modify + high + ",\"Status\":\"Canceled\"}"))).isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(code(client.response("ModifyInstanceEvent", modify + running + ",\"Status\":\"Canceled\"}"))).isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(code(client.response("ModifyInstanceEvent", modify + finished + ",\"StartTime\":\"04:00\"}"))).isEqualTo("UnsupportedOperation.InstanceNotOperation");
        assertThat(code(client.response("ModifyInstanceEvent", modify + middle + ",\"Status\":\"Running\"}"))).isEqualTo("InvalidParameterValue");
        assertThat(code(client.response("ModifyInstanceEvent", modify + elsewhere + ",\"Status\":\"Canceled\"}"))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceEvent", modify + "999,\"Status\":\"Canceled\"}"))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceEvent", "{\"InstanceId\":\"crs-nothere0\",\"EventId\":" + middle + "}")))
                .isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(code(client.response("ModifyInstanceEvent", modify + middle + ",\"StartTime\":\"22:00\",\"EndTime\":\"02:00\"}")))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceEvent", modify + middle + ",\"StartTime\":\"9:00\"}"))).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceEvent", modify + middle + ",\"ExecutionDate\":\"" + d.plusDays(11) + "\"}")))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceEvent", modify + middle + ",\"ExecutionDate\":\"" + d.minusDays(1) + "\"}")))
                .isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(code(client.response("ModifyInstanceEvent", modify + middle + "}"))).isEqualTo("InvalidParameter.InvalidParameter");
        // the seed's example: 22:00-23:01 on a new date
        client.call("ModifyInstanceEvent", modify + middle + ",\"StartTime\":\"22:00\",\"EndTime\":\"23:01\",\"ExecutionDate\":\"" + d.plusDays(6) + "\"}");
        JsonNode moved = client.call("DescribeInstanceEvents", range(d.plusDays(6), d.plusDays(6), mine)).path("RedisInstanceEvents").get(0);
        assertThat(moved.path("ID").asLong()).isEqualTo(middle);
        assertThat(moved.path("StartTime").asText()).isEqualTo("22:00");
        assertThat(moved.path("EndTime").asText()).isEqualTo("23:01");
        assertThat(moved.path("ExecutionDate").asText()).isEqualTo(d.plusDays(6).toString());
        assertThat(moved.path("InitialExecutionDate").asText()).isEqualTo(d.plusDays(5).toString());
        // a new start keeps the event's length
        client.call("ModifyInstanceEvent", modify + middle + ",\"StartTime\":\"01:30\"}");
        moved = client.call("DescribeInstanceEvents", range(d.plusDays(6), d.plusDays(6), mine)).path("RedisInstanceEvents").get(0);
        assertThat(moved.path("EndTime").asText()).isEqualTo("02:31");
    }
}
