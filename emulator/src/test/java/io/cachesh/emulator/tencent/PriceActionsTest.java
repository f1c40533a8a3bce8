package io.cachesh.emulator.tencent;

import static io.cachesh.emulator.tencent.B1Support.create;
import static io.cachesh.emulator.tencent.B1Support.error;
import static io.cachesh.emulator.tencent.B1Support.fake;
import static io.cachesh.emulator.tencent.B1Support.id;
import static io.cachesh.emulator.tencent.B1Support.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.emulator.fleet.Instance;
import io.cachesh.emulator.fleet.InstanceStatus;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** InquiryPriceCreateInstance, InquiryPriceRenewInstance, InquiryPriceUpgradeInstance over the emulated price table. */
class PriceActionsTest {

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(100)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) emulator.close();
    }

    static String body(String fields) {
        return "{\"GoodsNum\":1,\"Period\":1," + fields + "}";
    }

    @Test
    void createPricesFollowTheTableAndTheSeedsExample() {
        JsonNode seed = ok(client, "InquiryPriceCreateInstance", "{\"ZoneId\":100002,\"TypeId\":6,\"MemSize\":4096,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":1}");
        assertThat(seed.path("Price").asDouble()).isEqualTo(30400.0);
        assertThat(seed.path("HighPrecisionPrice").asDouble()).isEqualTo(30400.0);
        assertThat(seed.path("Currency").asText()).isEqualTo("CNY");
        assertThat(seed.path("AmountUnit").asText()).isEqualTo("pent");
        JsonNode year = ok(client, "InquiryPriceCreateInstance", "{\"TypeId\":15,\"MemSize\":2048,\"GoodsNum\":2,\"Period\":12,\"BillingMode\":1,\"RedisReplicasNum\":3}");
        assertThat(year.path("Price").asDouble()).isEqualTo(7600.0 * 2 * 2 * 12 * 2);
        JsonNode cluster = ok(client, "InquiryPriceCreateInstance", body("\"TypeId\":16,\"MemSize\":1024,\"BillingMode\":1,\"RedisShardNum\":3,\"RedisReplicasNum\":2,\"ZoneName\":\"ap-guangzhou-3\",\"ProductVersion\":\"cloud\""));
        assertThat(cluster.path("Price").asDouble()).isEqualTo(7600.0 * 3 * 1.5);
        JsonNode hourly = ok(client, "InquiryPriceCreateInstance", body("\"TypeId\":15,\"MemSize\":1024,\"BillingMode\":0"));
        assertThat(hourly.path("HighPrecisionPrice").asDouble()).isEqualTo(15.833333);
        assertThat(hourly.path("Price").asDouble()).isEqualTo(16.0);

        assertThat(error(client, "InquiryPriceCreateInstance", body("\"TypeId\":15,\"MemSize\":1000,\"BillingMode\":1"))).isEqualTo("InvalidParameterValue.SpecNotExist");
        assertThat(error(client, "InquiryPriceCreateInstance", body("\"TypeId\":15,\"MemSize\":1048576,\"BillingMode\":1"))).isEqualTo("InvalidParameterValue.SpecNotExist");
        assertThat(error(client, "InquiryPriceCreateInstance", body("\"TypeId\":16,\"MemSize\":1024,\"BillingMode\":1,\"RedisShardNum\":2"))).isEqualTo("InvalidParameterValue.SpecNotExist");
        assertThat(error(client, "InquiryPriceCreateInstance", body("\"TypeId\":15,\"MemSize\":1024,\"BillingMode\":1,\"RedisReplicasNum\":9"))).isEqualTo("InvalidParameterValue.SpecNotExist");
        assertThat(error(client, "InquiryPriceCreateInstance", body("\"TypeId\":15,\"MemSize\":1024,\"BillingMode\":1,\"ZoneId\":999999"))).isEqualTo("InvalidParameterValue.SpecNotExist");
        assertThat(error(client, "InquiryPriceCreateInstance", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":2,\"BillingMode\":0}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "InquiryPriceCreateInstance", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":13,\"BillingMode\":1}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "InquiryPriceCreateInstance", "{\"TypeId\":5,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":1}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "InquiryPriceCreateInstance", "{\"TypeId\":15,\"MemSize\":1024,\"GoodsNum\":11,\"Period\":1,\"BillingMode\":1}")).isEqualTo("InvalidParameterValue");
        assertThat(error(client, "InquiryPriceCreateInstance", "{\"TypeId\":15,\"GoodsNum\":1,\"Period\":1,\"BillingMode\":1}")).isEqualTo("MissingParameter");
    }

    @Test
    void renewPricesTheCurrentSpecForThePeriod() {
        fake(emulator, "crs-price001", 15, 4096, 1, 1, InstanceStatus.RUNNING, 1);
        JsonNode r = ok(client, "InquiryPriceRenewInstance", "{\"InstanceId\":\"crs-price001\",\"Period\":12}");
        assertThat(r.path("Price").asDouble()).isEqualTo(30400.0 * 12);
        assertThat(r.path("Currency").asText()).isEqualTo("CNY");
        fake(emulator, "crs-price002", 16, 2048, 3, 2, InstanceStatus.ISOLATED, 1);
        assertThat(ok(client, "InquiryPriceRenewInstance", "{\"InstanceId\":\"crs-price002\",\"Period\":1}").path("Price").asDouble())
                .isEqualTo(7600.0 * 2 * 3 * 1.5);
        assertThat(error(client, "InquiryPriceRenewInstance", "{\"InstanceId\":\"crs-price001\",\"Period\":0}")).isEqualTo("LimitExceeded.PeriodLessThanMinLimit");
        assertThat(error(client, "InquiryPriceRenewInstance", "{\"InstanceId\":\"crs-price001\",\"Period\":37}")).isEqualTo("LimitExceeded.PeriodExceedMaxLimit");
        assertThat(error(client, "InquiryPriceRenewInstance", "{\"InstanceId\":\"crs-nothere1\",\"Period\":1}")).isEqualTo("ResourceNotFound.InstanceNotExists");
        assertThat(error(client, "InquiryPriceRenewInstance", "{\"InstanceId\":\"crs-price001\"}")).isEqualTo("MissingParameter");
        fake(emulator, "crs-price003", 15, 1024, 1, 1, InstanceStatus.PROCESSING, 1);
        assertThat(error(client, "InquiryPriceRenewInstance", "{\"InstanceId\":\"crs-price003\",\"Period\":1}")).isEqualTo("ResourceInUse.InstanceBeenLocked");
    }

    @Test
    void upgradePricesTheDifferenceUntilTheDeadlineAndChecksTheSpec() {
        Instance prepaid = fake(emulator, "crs-price010", 15, 1024, 1, 1, InstanceStatus.RUNNING, 1);
        JsonNode up = ok(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"crs-price010\",\"MemSize\":2048}");
        double months = Duration.between(emulator.fleet().clock().instant(), prepaid.deadlineTime()).getSeconds() / (30.0 * 86400);
        assertThat(up.path("HighPrecisionPrice").asDouble()).isCloseTo(7600.0 * months, within(1.0));
        assertThat(up.path("Price").asDouble()).isCloseTo(7600.0, within(10.0));
        assertThat(ok(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"crs-price010\",\"MemSize\":1024,\"RedisReplicasNum\":3}")
                .path("HighPrecisionPrice").asDouble()).isCloseTo(7600.0 * months, within(1.0));
        Instance postpaid = fake(emulator, "crs-price011", 16, 1024, 3, 1, InstanceStatus.RUNNING, 0);
        assertThat(postpaid.billingMode()).isZero();
        assertThat(ok(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"crs-price011\",\"MemSize\":1024,\"RedisShardNum\":5}")
                .path("HighPrecisionPrice").asDouble()).isEqualTo(79.166667);

        String i = "{\"InstanceId\":\"crs-price010\",";
        assertThat(error(client, "InquiryPriceUpgradeInstance", i + "\"MemSize\":1024}")).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error(client, "InquiryPriceUpgradeInstance", i + "\"MemSize\":2048,\"RedisReplicasNum\":2}")).isEqualTo("InvalidParameter.InvalidParameter");
        assertThat(error(client, "InquiryPriceUpgradeInstance", i + "\"MemSize\":1000}")).isEqualTo("LimitExceeded.MemSizeNotInRange");
        assertThat(error(client, "InquiryPriceUpgradeInstance", i + "\"MemSize\":1024,\"RedisShardNum\":3}")).isEqualTo("InvalidParameterValue.SpecNotExist");
        assertThat(error(client, "InquiryPriceUpgradeInstance", i + "\"MemSize\":1024,\"RedisReplicasNum\":9}")).isEqualTo("InvalidParameterValue.SpecNotExist");
        assertThat(error(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"crs-nothere1\",\"MemSize\":2048}")).isEqualTo("ResourceNotFound.InstanceNotExists");
        fake(emulator, "crs-price012", 2, 1024, 1, 1, InstanceStatus.RUNNING, 1);
        assertThat(error(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"crs-price012\",\"MemSize\":1024,\"RedisReplicasNum\":2}"))
                .isEqualTo("InvalidParameter.InvalidParameter");
        fake(emulator, "crs-price013", 15, 1024, 1, 1, InstanceStatus.ISOLATED, 1);
        assertThat(error(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"crs-price013\",\"MemSize\":2048}")).isEqualTo("ResourceUnavailable.InstanceStatusError");
        fake(emulator, "crs-price014", 15, 1024, 1, 1, InstanceStatus.PROCESSING, 1);
        assertThat(error(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"crs-price014\",\"MemSize\":2048}")).isEqualTo("ResourceUnavailable.InstanceStateError");
    }

    @Test
    void aScaleDownMustLeaveRoomForTheDataOnTheRealServer() {
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server on this machine");
        JsonNode instance = create(client, "\"TypeId\":2,\"MemSize\":1024,\"BillingMode\":1");
        String id = id(instance);
        JsonNode down = ok(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"" + id + "\",\"MemSize\":256}");
        assertThat(down.path("Price").asDouble()).isZero();
        try (Jedis jedis = B1Support.jedis(instance)) {
            jedis.setrange("big", 200L * 1024 * 1024, "x"); // a 200 MB string
            assertThat(error(client, "InquiryPriceUpgradeInstance", "{\"InstanceId\":\"" + id + "\",\"MemSize\":256}"))
                    .isEqualTo("InvalidParameterValue.ReduceCapacityNotAllowed");
            jedis.flushAll();
        }
    }
}
