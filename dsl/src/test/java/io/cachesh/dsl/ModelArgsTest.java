package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.dsl.result.Instance;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelArgsTest {

    final ApiModel model = Models.load("tencent-redis");

    @Test
    void lowerCamelAndWireNamesMapToWireNames() {
        Instance i = Instance.builder().id("crs-1").build();
        Map<String, Object> wire = ModelArgs.toWire(model, "DescribeInstances",
                Map.of("limit", 10, "Offset", 0, "instanceIds", List.of(i, "crs-2")), "x");

        assertThat(wire).containsEntry("Limit", 10).containsEntry("Offset", 0)
                .containsEntry("InstanceIds", List.of("crs-1", "crs-2"));
    }

    @Test
    void unknownParameterNamesTheAllowedOnesInLowerCamel() {
        assertThatThrownBy(() -> ModelArgs.toWire(model, "ClearInstance", Map.of("pasword", "x"), "tencent.redis.clearInstance"))
                .hasMessage("tencent.redis.clearInstance: unknown parameter 'pasword' (allowed: instanceId, password)");
    }

    @Test
    void readOnlyActionsAreTheOnesThatRunInDryRun() {
        assertThat(ModelArgs.isReadOnly("DescribeInstances")).isTrue();
        assertThat(ModelArgs.isReadOnly("CreateInstances")).isFalse();
        assertThat(ModelArgs.masked(Map.of("Password", "secret"))).isEqualTo("{Password=******}");
    }

    @Test
    void closestSuggestsNearNamesOnly() {
        assertThat(ModelArgs.closest("lst", List.of("list", "create"))).isEqualTo("list");
        assertThat(ModelArgs.closest("frobnicate", List.of("list", "create"))).isNull();
    }
}
