package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Raw access and completion data cover every action of the model (all 110), not a hand-kept subset. */
class OperationsTest {

    static final ApiModel MODEL = Models.load("tencent-redis");

    static List<String> modelOperations() {
        return MODEL.operations().keySet().stream().map(ModelArgs::lowerCamel).toList();
    }

    @Test
    void theVocabularyListsEveryOperationOfTheModel() {
        assertThat(MODEL.operations()).hasSize(110);
        assertThat(DslVocabulary.operations("tencent")).containsExactlyElementsOf(modelOperations());
        assertThat(DslVocabulary.operations("tencent"))
                .contains("describeInstances", "resetPassword", "upgradeInstance", "modfiyInstancePassword",
                        "describeInstanceMonitorBigKey", "upgradeVersionToMultiAvailabilityZones");
    }

    @Test
    void everyOperationHasItsParametersAndADocForCompletion() {
        for (String op : DslVocabulary.operations("tencent")) {
            String action = ModelArgs.action(MODEL, op);
            List<String> expected = MODEL.shape(MODEL.operations().get(action).input()).members().keySet().stream()
                    .map(ModelArgs::lowerCamel).toList();
            assertThat(DslVocabulary.operationParameters("tencent", op)).as(op).isEqualTo(expected);
            assertThat(DslVocabulary.operationDoc("tencent", op)).as(op).isNotBlank();
        }
    }

    @Test
    void theGeneratedClientHasAMethodForEveryOperation() {
        Class<?> client = ModelClient.clientInterface(MODEL);
        Set<String> methods = Arrays.stream(client.getMethods()).map(Method::getName).collect(Collectors.toSet());
        assertThat(methods).containsAll(modelOperations());
    }

    @Test
    void rawAccessListsEveryOperation() {
        RawApi raw = new RawApi("tencent.redis", new ModelClient(MODEL, () -> {
            throw new AssertionError("listing operations must not create a client");
        }, () -> false, DslOutput.STDOUT));
        assertThat(raw.operations()).containsExactlyElementsOf(modelOperations());
        assertThat(raw).hasToString("tencent.redis (110 operations)");
    }
}
