package io.cachesh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Secret;
import io.cachesh.dsl.result.Instance;
import io.cachesh.shell.config.OutputFormat;
import io.cachesh.shell.config.UsageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryTest {

    static Instance instance(String id, String name, String status, double gb) {
        return Instance.builder().id(id).name(name).provider("tencent").spec("redis.ha").version("7.0").capacityGb(gb)
                .shards(1).replicas(1).status(status).rawStatus("2").host("10.0.0.1").port(6379).region("ap-guangzhou")
                .zone("ap-guangzhou-3").createdAt("2026-11-30T00:00:00Z").build();
    }

    final List<Instance> fleet = List.of(instance("crs-1", "orders", "running", 2), instance("crs-2", "carts", "creating", 4));

    @Test
    void selectsFromTheJsonFormOfDslResults() {
        assertThat(Query.parse("[?status=='running'].name").apply(fleet)).isEqualTo(List.of("orders"));
        assertThat(Query.parse("[].{id: id, gb: capacityGb}").apply(fleet))
                .isEqualTo(List.of(Map.of("id", "crs-1", "gb", 2), Map.of("id", "crs-2", "gb", 4)));
        assertThat(Query.parse("length(@)").apply(fleet)).isEqualTo(2L);
        assertThat(Query.parse("name").apply(fleet.get(0))).isEqualTo("orders");
    }

    @Test
    void selectsFromRawApiAnswersWithTheVendorsNames() {
        var answer = Map.of("TotalCount", 1, "InstanceSet", List.of(new JsonRendererTest.InstanceSet()));
        assertThat(Query.parse("InstanceSet[].InstanceId").apply(answer)).isEqualTo(List.of("crs-1"));
        assertThat(Query.parse("InstanceSet[0].Port").apply(answer)).isEqualTo(6379L);
    }

    @Test
    void secretsStayMaskedThroughAQuery() {
        assertThat(Query.parse("password").apply(Map.of("password", Secret.of("hunter2")))).isEqualTo(Secret.MASK);
    }

    @Test
    void nothingSelectedPrintsNullInJsonAndNothingElsewhere() {
        Optional<Query> q = Optional.of(Query.parse("nosuch"));
        assertThat(ResultRenderer.render(fleet.get(0), OutputFormat.JSON, q)).isEqualTo("null");
        assertThat(ResultRenderer.render(fleet.get(0), OutputFormat.TABLE, q)).isEmpty();
        assertThat(ResultRenderer.render(fleet.get(0), OutputFormat.TSV, q)).isEmpty();
    }

    @Test
    void queriedResultsPrintInEveryFormat() {
        Optional<Query> q = Optional.of(Query.parse("[].[id, name]"));
        assertThat(ResultRenderer.render(fleet, OutputFormat.TSV, q)).isEqualTo("crs-1\torders\ncrs-2\tcarts");
        assertThat(ResultRenderer.render(fleet, OutputFormat.JSON, Optional.of(Query.parse("[0].id")))).isEqualTo("\"crs-1\"");
        assertThat(ResultRenderer.render(fleet, OutputFormat.TEXT, Optional.of(Query.parse("[].name")))).isEqualTo("orders\ncarts");
    }

    @Test
    void malformedAndFailingQueriesAreOneLineUsageErrors() {
        assertThatThrownBy(() -> Query.parse("InstanceSet[].["))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("malformed --query 'InstanceSet[].[': ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> Query.parse("  "))
                .hasMessage("empty --query: give a JMESPath expression such as InstanceSet[].InstanceId");
        assertThatThrownBy(() -> Query.parse("abs(name)").apply(fleet.get(0)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--query 'abs(name)' failed: ");
    }
}
