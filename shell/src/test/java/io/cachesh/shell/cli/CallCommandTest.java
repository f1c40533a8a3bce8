package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.emulator.Emulator;
import io.cachesh.shell.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cachesh call} end to end: the real command line, typed clients, signer and HTTP against the embedded emulator. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CallCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMULATOR_SECRET = Emulator.DEFAULT_CREDENTIALS.secret().reveal();

    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
    String out;
    String err;

    private int cachesh(String... args) {
        Cli.Result r = Cli.run(Cli.environment(env, home, "", new ByteArrayOutputStream()), args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    @Test
    void listsTheApisAndTheActionsOfOne() {
        assertThat(cachesh("call")).isZero();
        assertThat(out).contains("tencent.redis", "tencent.cmem", "tencent.redisLegacy", "huawei.dcs ", "huawei.dcsv1",
                "capitalonline.memcached");
        assertThat(cachesh("call", "tencent.redis")).isZero();
        assertThat(out).contains("DescribeInstances", "CreateInstances", "ResetPassword");
    }

    @Test
    void callsAnActionWithTypedParametersAndPrintsTheAnswerAsJson() throws Exception {
        assertThat(cachesh("call", "tencent.redis", "DescribeInstances", "--Limit", "10", "--Offset=0", "--emulator"))
                .as(err).isZero();
        JsonNode answer = JSON.readTree(out);
        assertThat(answer.path("TotalCount").asInt()).isZero();
        assertThat(err).startsWith("using the embedded emulator at http://127.0.0.1:");
    }

    @Test
    void anUnknownParameterIsOneLineWithASuggestion() {
        assertThat(cachesh("call", "tencent.redis", "DescribeInstances", "--Limt", "10", "--emulator")).isEqualTo(2);
        assertThat(err).isEqualTo("error: call tencent.redis DescribeInstances: unknown parameter --Limt "
                + "(did you mean --Limit?) " + err.substring(err.indexOf("(parameters: ")));
        assertThat(err.lines()).hasSize(1);
        assertThat(err).contains("--InstanceId", "--Limit", "--Offset");
    }

    @Test
    void wrongValuesNameTheParameterAndWhatIsAllowed() {
        assertThat(cachesh("call", "tencent.redisLegacy", "DescribeRedisProduct", "--typeId", "7")).isEqualTo(2);
        assertThat(err).isEqualTo("error: call tencent.redisLegacy DescribeRedisProduct: --typeId must be one of 0, 1, 2, got '7'\n");
        assertThat(cachesh("call", "tencent.redis", "DescribeInstances", "--Limit", "ten")).isEqualTo(2);
        assertThat(err).isEqualTo("error: call tencent.redis DescribeInstances: --Limit must be an integer, got 'ten'\n");
        assertThat(cachesh("call", "tencent.redis", "CreateInstances", "--ResourceTags", "env")).isEqualTo(2);
        assertThat(err).startsWith("error: call tencent.redis CreateInstances: --ResourceTags must be JSON here");
        assertThat(cachesh("call", "tencent.redis", "CreateInstances", "--ResourceTags", "\"env\"")).isEqualTo(2);
        assertThat(err).isEqualTo("error: call tencent.redis CreateInstances: --ResourceTags must be a JSON object here, "
                + "e.g. --ResourceTags '{\"Key\":\"value\"}', got '\"env\"'\n");
        assertThat(cachesh("call", "tencent.redis", "DescribeInstancs")).isEqualTo(2);
        assertThat(err).contains("unknown action 'DescribeInstancs' (did you mean DescribeInstances?)");
        assertThat(cachesh("call", "tencent.rediss", "DescribeInstances")).isEqualTo(2);
        assertThat(err).contains("unknown API 'tencent.rediss' (did you mean tencent.redis?)");
    }

    @Test
    void listsAndRepeatedFlagsAndAliasesWork() throws Exception {
        assertThat(cachesh("call", "tencent-redis", "describeInstances", "--InstanceIds", "crs-1", "crs-2",
                "--emulator")).as(err).isZero();
        assertThat(cachesh("call", "tencent.redis", "DescribeInstances", "--InstanceIds", "crs-1", "--InstanceIds",
                "crs-2", "--dry-run", "--emulator")).as(err).isZero();
        assertThat(out).contains("\"InstanceIds\":[\"crs-1\",\"crs-2\"]");
    }

    @Test
    void skeletonRoundTripsThroughCliInputJsonAndDryRunSendsNothingSecret() throws Exception {
        assertThat(cachesh("call", "tencent.redis", "ResetPassword", "--generate-skeleton")).isZero();
        JsonNode skeleton = JSON.readTree(out);
        assertThat(skeleton.has("InstanceId")).isTrue();
        assertThat(skeleton.has("Password")).isTrue();
        Path input = home.resolve("reset.json");
        Files.writeString(input, "{\"InstanceId\": \"crs-9\", \"Password\": \"Hunter2-Secret9\"}");
        assertThat(cachesh("call", "tencent.redis", "ResetPassword", "--cli-input-json", input.toString(),
                "--dry-run", "--emulator")).as(err).isZero();
        assertThat(out).startsWith("dry-run: call tencent.redis ResetPassword would send:\nPOST http://127.0.0.1:")
                .contains("Authorization: TC3-HMAC-SHA256 Credential=", "Signature=******", "\"InstanceId\":\"crs-9\"",
                        "\"Password\":\"******\"")
                .doesNotContain("Hunter2-Secret9").doesNotContain(EMULATOR_SECRET);
    }

    @Test
    void skeletonExpandsNestedStructures() throws Exception {
        assertThat(cachesh("call", "tencent.redis", "CreateInstances", "--generate-skeleton")).isZero();
        JsonNode skeleton = JSON.readTree(out);
        assertThat(skeleton.path("TypeId").isNumber()).isTrue();
        assertThat(skeleton.path("ResourceTags").path(0).has("TagKey")).isTrue();
    }

    @Test
    void debugPrintsTheWireRequestAndAnswerWithSecretsMasked() {
        assertThat(cachesh("call", "tencent.redis", "DescribeInstances", "--Limit", "1", "--debug", "--emulator"))
                .as(err).isZero();
        assertThat(err).contains("> tencent-redis DescribeInstances (attempt 1)", "POST http://127.0.0.1:",
                "Signature=******", "\"Limit\":1", "< tencent-redis DescribeInstances: 200 in ", "\"TotalCount\":0");
        assertThat(err + out).doesNotContain(EMULATOR_SECRET);
    }

    @Test
    void debugAlsoLogsTheDslsCallsAndNeverItsPasswords() {
        assertThat(cachesh("--debug", "-e", "list()")).as(err).isZero();
        assertThat(err).contains("> tencent-redis DescribeInstances (attempt 1)", "Signature=******",
                "< tencent-redis DescribeInstances: 200 in ");
        assertThat(err + out).doesNotContain(EMULATOR_SECRET);
    }

    @Test
    void huaweiPathParametersAndCapitalOnlineWorkToo() throws Exception {
        assertThat(cachesh("call", "huawei.dcs", "ListInstances", "--limit", "5", "--emulator")).as(err).isZero();
        assertThat(JSON.readTree(out).path("instance_num").asInt()).isZero();
        assertThat(cachesh("call", "huawei.dcs", "ShowInstance", "--instance_id", "no-such-instance", "--dry-run",
                "--emulator")).as(err).isZero();
        assertThat(out).contains("GET http://127.0.0.1:", "/instances/no-such-instance", "X-Project-Id");
        assertThat(cachesh("call", "capitalonline.memcached", "MemcachedInstanceList", "--emulator")).as(err).isZero();
    }

    @Test
    void everyApiOfEveryModelIsReachable() throws Exception {
        for (String[] call : new String[][] {{"tencent.redis", "DescribeInstances"}, {"tencent.cmem", "DescribeCmem"},
                {"tencent.redisLegacy", "DescribeRedisZones"}, {"huawei.dcs", "ListInstances"},
                {"huawei.dcs-v1", "ListInstances"}, {"capitalonline.memcached", "MemcachedInstanceList"}}) {
            assertThat(cachesh("call", call[0], call[1], "--emulator")).as(call[0] + ": " + err).isZero();
            assertThat(JSON.readTree(out).isObject()).as(out).isTrue();
        }
        assertThat(io.cachesh.shell.call.ApiNames.names()).hasSameSizeAs(io.cachesh.model.Models.SERVICES);
    }

    @Test
    void withoutCredentialsItNeedsTheEmulatorFlag() {
        assertThat(cachesh("call", "tencent.redis", "DescribeInstances")).isEqualTo(2);
        assertThat(err).contains("no credentials found", "--emulator");
    }
}
