package io.cachesh.emulator.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.ValidationResult;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the emulator answers fits the models' output shapes, with strict JSON types (no numbers as strings). */
class HuaweiResponseConformanceTest {

    static Emulator emulator;
    static HuaweiTestClient raw;
    static String v2;
    static String v1;
    static final ModelValidator V2 = new ModelValidator(Models.load("huawei-dcs-v2"), true);
    static final ModelValidator V1 = new ModelValidator(Models.load("huawei-dcs-v1"), true);

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(50)).build().start();
        raw = new HuaweiTestClient(emulator.endpoint(), emulator.credentials(), emulator.huaweiProjectId());
        v2 = "/v2/" + emulator.huaweiProjectId();
        v1 = "/v1.0/" + emulator.huaweiProjectId();
        HuaweiTestClient.Answer created = raw.signed("POST", v2 + "/instances", "{\"name\":\"shape-check\",\"engine\":\"Redis\","
                + "\"capacity\":0.125,\"spec_code\":\"redis.single.xu1.tiny.128\",\"az_codes\":[\"cn-north-4a\"],"
                + "\"vpc_id\":\"v\",\"subnet_id\":\"s\",\"password\":\"Cachesh-Pass1\",\"tags\":[{\"key\":\"team\",\"value\":\"cache\"}]}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        raw.waitRunning(v2, created.body().path("instances").get(0).path("instance_id").asText());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static void conforms(ModelValidator validator, String shape, String method, String target, String body) {
        HuaweiTestClient.Answer a = raw.signed(method, target, body);
        assertThat(a.status()).as(a.text()).isBetween(200, 204);
        ValidationResult r = validator.validateShape(shape, a.body());
        assertThat(r.violations()).as(target + " -> " + a.text()).isEmpty();
    }

    @Test
    void v2AnswersFitTheirShapes() {
        JsonNode list = raw.signed("GET", v2 + "/instances", null).body();
        String id = list.path("instances").get(0).path("instance_id").asText();
        conforms(V2, "ListInstancesResponse", "GET", v2 + "/instances?tags=team%3Dcache", null);
        assertThat(raw.signed("GET", v2 + "/instances?tags=team%3Dother", null).body().path("instance_num").asInt()).isZero();
        conforms(V2, "ShowInstanceResponse", "GET", v2 + "/instances/" + id, null);
        conforms(V2, "ListFlavorsResponse", "GET", v2 + "/flavors?cache_mode=ha&capacity=0.125", null);
        conforms(V2, "ListAvailableZonesResponse", "GET", "/v2/available-zones", null);
        conforms(V2, "ListMaintenanceWindowsResponse", "GET", "/v2/instances/maintain-windows", null);
        conforms(V2, "ListConfigurationsResponse", "GET", v2 + "/instances/" + id + "/configs", null);
        conforms(V2, "ListNumberOfInstancesInDifferentStatusResponse", "GET", v2 + "/instances/status", null);
        conforms(V2, "ListBackupRecordsResponse", "GET", v2 + "/instances/" + id + "/backups", null);
        conforms(V2, "ListStatisticsOfRunningInstancesResponse", "GET", v2 + "/instances/statistic", null);
        conforms(V2, "ListRestoreRecordsResponse", "GET", v2 + "/instances/" + id + "/restores", null);
        assertThat(raw.signed("GET", v2 + "/flavors?spec_code=redis.single.xu1.tiny.128", null).body().path("flavors"))
                .singleElement().satisfies(f -> assertThat(f.path("capacity").get(0).asText()).isEqualTo("0.125"));
    }

    @Test
    void v1AnswersFitTheirShapes() {
        JsonNode list = raw.signed("GET", v1 + "/instances?start=1&limit=10", null).body();
        String id = list.path("instances").get(0).path("instance_id").asText();
        conforms(V1, "ListInstancesResponse", "GET", v1 + "/instances?start=1&limit=10", null);
        conforms(V1, "ShowInstanceResponse", "GET", v1 + "/instances/" + id, null);
        conforms(V1, "ListProductsResponse", "GET", "/v1.0/products", null);
        conforms(V1, "ListAvailableZonesResponse", "GET", "/v1.0/availableZones", null);
        conforms(V1, "ListMaintenanceWindowsResponse", "GET", "/v1.0/instances/maintain-windows", null);
        conforms(V1, "ListConfigurationsResponse", "GET", v1 + "/instances/" + id + "/configs", null);
        conforms(V1, "ListStatisticsOfRunningInstancesResponse", "GET", v1 + "/instances/statistic", null);
        conforms(V1, "ListNumberOfInstancesInDifferentStatusResponse", "GET", v1 + "/instances/status", null);
    }
}
