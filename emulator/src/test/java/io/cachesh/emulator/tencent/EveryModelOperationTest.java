package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.Emulator;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every action of the shipped model gets an answer in Tencent's envelope: never a 500, never InvalidAction. */
class EveryModelOperationTest {

    static Emulator emulator;
    static Tc3TestClient client;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(50)).build().start();
        client = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void everyOperationAnswersInTheEnvelope() {
        ApiModel model = Models.load("tencent-redis");
        assertThat(model.operations()).isNotEmpty();
        for (String action : model.operations().keySet()) {
            JsonNode r = client.response(action, "{}");
            String code = r.path("Error").path("Code").asText("");
            assertThat(code).as("%s answered %s", action, r).isNotIn("InternalError", "InvalidAction");
            if (code.isEmpty()) {
                assertThat(r.path("RequestId").asText()).isNotBlank();
            } else {
                assertThat(code).as(action).isIn(Set.of("MissingParameter", "UnsupportedOperation", "InvalidParameter",
                        "InvalidParameter.EmptyParam", "InvalidParameterValue", "InvalidParameter.InvalidParameter"));
            }
        }
    }
}
