package io.cachesh.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelCheckerTest {

    @Test
    void tencentRedisModelIsConsistent() {
        ApiModel model = Models.load("tencent-redis");
        assertThat(ModelChecker.problems(model)).isEmpty();
        assertThat(model.operations()).isNotEmpty();
    }

    @Test
    void everyShippedModelIsConsistent() {
        assertThat(Models.all()).hasSameSizeAs(Models.SERVICES);
        for (ApiModel model : Models.all()) {
            assertThat(ModelChecker.problems(model)).as(model.service()).isEmpty();
            assertThat(model.operations()).as(model.service()).isNotEmpty();
        }
    }

    @Test
    void huaweiDcsModelsAreShippedAndConsistent() {
        assertThat(Models.SERVICES).contains("huawei-dcs-v2", "huawei-dcs-v1");
        for (String service : java.util.List.of("huawei-dcs-v2", "huawei-dcs-v1")) {
            ApiModel model = Models.load(service);
            assertThat(ModelChecker.problems(model)).as(service).isEmpty();
            model.operations().forEach((name, op) -> {
                assertThat(op.http()).as(service + " " + name + " http").isNotNull();
                model.shape(op.input()).members().forEach((m, member) ->
                        assertThat(member.location()).as(service + " " + op.input() + "." + m + " location")
                                .isIn("path", "query", "header", "body"));
            });
        }
    }

    @Test
    void legacyAndMemcachedModelsAreShippedAndConsistent() {
        for (String service : java.util.List.of("tencent-cmem", "tencent-redis-legacy", "capitalonline-memcached")) {
            assertThat(Models.SERVICES).contains(service);
            ApiModel model = Models.load(service);
            assertThat(ModelChecker.problems(model)).as(service).isEmpty();
            assertThat(model.operations()).as(service).isNotEmpty();
        }
        assertThat(Models.load("tencent-cmem").protocol()).isEqualTo("tencent-v2-form");
        assertThat(Models.load("tencent-redis-legacy").protocol()).isEqualTo("tencent-v2-form");
        assertThat(Models.load("capitalonline-memcached").protocol()).isEqualTo("capitalonline-openapi");
    }

    @Test
    void brokenModelYieldsEveryProblem() throws IOException {
        String json = """
                {
                  "service": "broken", "vendor": "test",
                  "operations": {
                    "NoShapes": { "input": "MissingRequest", "output": "MissingResponse" },
                    "Bad": {
                      "input": "BadRequest", "output": "BadResponse", "async": "TaskId",
                      "errors": ["Known", "Unknown.Code"],
                      "paginated": { "offset": "Offset", "limit": "Limit", "items": "Items", "total": "Total" }
                    }
                  },
                  "shapes": {
                    "BadRequest": {
                      "type": "structure",
                      "members": {
                        "Limit": { "type": "integer" },
                        "Weird": { "type": "int" },
                        "Ref": { "type": "structure", "shape": "Nowhere" },
                        "Naked": { "type": "list" },
                        "Deep": { "type": "list", "member": { "type": "structure", "shape": "Gone" } }
                      },
                      "required": ["Limit", "Ghost"]
                    },
                    "BadResponse": { "type": "structure", "members": { "RequestId": { "type": "string" } } }
                  },
                  "errors": { "Known": { "doc": "known", "kind": "other" } }
                }
                """;
        ApiModel model = Models.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(ModelChecker.problems(model)).containsExactlyInAnyOrder(
                "NoShapes: input shape MissingRequest missing",
                "NoShapes: output shape MissingResponse missing",
                "Bad: error Unknown.Code not in the model's errors",
                "Bad: async member TaskId not in BadResponse",
                "Bad: pagination offset Offset missing",
                "Bad: pagination items Items missing",
                "Bad: pagination total Total missing",
                "BadRequest: required member Ghost is not a member",
                "BadRequest.Weird: unknown type int (allowed: " + ModelChecker.TYPES + ")",
                "BadRequest.Ref: structure shape Nowhere missing",
                "BadRequest.Naked: list without member type",
                "BadRequest.Deep[]: structure shape Gone missing");
    }

    @Test
    void dottedPathsResolveThroughNestedStructuresAndJavaNamesAreChecked() throws IOException {
        String json = """
                {
                  "service": "nested", "vendor": "test",
                  "operations": {
                    "Ok": { "input": "In", "output": "Out", "async": "data.dealId", "javaName": "okay",
                            "paginated": { "offset": "offset", "limit": "limit", "items": "data.set", "total": "data.total" } },
                    "Bad": { "input": "In", "output": "Out", "async": "data.nothing", "javaName": "Not-Java",
                             "paginated": { "offset": "offset", "limit": "limit", "items": "data.dealId", "total": "code.x" } },
                    "Twin": { "input": "In", "output": "Out", "javaName": "okay" }
                  },
                  "shapes": {
                    "In": { "type": "structure", "members": { "offset": { "type": "integer" }, "limit": { "type": "integer" } } },
                    "Out": { "type": "structure", "members": { "code": { "type": "integer" },
                             "data": { "type": "structure", "shape": "Data" } } },
                    "Data": { "type": "structure", "members": { "dealId": { "type": "string" }, "total": { "type": "integer" },
                              "set": { "type": "list", "member": { "type": "string" } } } }
                  }
                }
                """;
        ApiModel model = Models.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(model.memberAt("Out", "data.set")).get().extracting(MemberModel::type).isEqualTo("list");
        assertThat(model.memberAt("Out", "data")).get().extracting(MemberModel::shape).isEqualTo("Data");
        assertThat(model.memberAt("Out", "code.x")).isEmpty();
        assertThat(model.memberAt("Out", "data.")).isEmpty();
        assertThat(model.operations().get("Ok").javaName()).isEqualTo("okay");
        assertThat(ModelChecker.problems(model)).containsExactlyInAnyOrder(
                "Bad: async member data.nothing not in Out",
                "Bad: pagination items data.dealId is not a list",
                "Bad: pagination total code.x missing",
                "Bad: javaName Not-Java is not a lowerCamel Java identifier",
                "Twin: javaName okay also names Ok");
    }

    @Test
    void theLegacyModelNamesItsMisspelledActionRightAndNestsItsHandles() {
        ApiModel legacy = Models.load("tencent-redis-legacy");
        assertThat(legacy.operations().get("ModfiyRedisPassword").javaName()).isEqualTo("modifyRedisPassword");
        assertThat(legacy.operations().get("CreateRedis").async()).isEqualTo("data.dealId");
        assertThat(legacy.operations().get("ClearRedis").async()).isEqualTo("data.requestId");
        assertThat(legacy.operations().get("DescribeRedis").paginated().items()).isEqualTo("data.redisSet");
        assertThat(new OperationModel("d", null, null, "In", "Out", true, null, null, null, false, null).javaName()).isNull();
    }

    @Test
    void unknownJsonPropertiesFailTheLoad() {
        String json = "{\"service\":\"x\",\"shapes\":{\"A\":{\"type\":\"structure\",\"members\":{\"M\":{\"type\":\"string\",\"typo\":1}}}}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Models.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("typo");
    }
}
