package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.dsl.result.InstanceStatus;
import io.cachesh.dsl.spec.Spec;
import org.junit.jupiter.api.Test;

/** Every example of {@link DslVocabulary} runs, in order and in one session, against the emulator. */
class VocabularyExamplesTest extends EmulatorTestSupport {

    @Test
    void everyVerbExampleRuns() {
        RecordingOutput out = new RecordingOutput();
        try (CacheshSession session = session(out)) {
            for (VerbDoc verb : DslVocabulary.verbs()) {
                try {
                    session.evaluate(verb.example());
                } catch (RuntimeException e) {
                    throw new AssertionError(verb.name() + " example failed: " + verb.example() + ": " + e, e);
                }
            }
            assertThat(session.evaluate("list()")).asList().isEmpty();
        }
    }

    @Test
    void everyVerbHasDocExampleAndUsage() {
        assertThat(DslVocabulary.verbs()).allSatisfy(v -> {
            assertThat(v.doc()).isNotBlank().doesNotContain("\n");
            assertThat(v.example()).isNotBlank();
            assertThat(v.usage()).isNotBlank();
        });
        assertThat(DslVocabulary.specNames()).isEqualTo(Spec.names());
        assertThat(DslVocabulary.verb("create").orElseThrow().arg("spec").allowed()).isEqualTo(Spec.names());
        assertThat(DslVocabulary.verb("list").orElseThrow().arg("status").allowed()).isEqualTo(InstanceStatus.ALL);
        assertThat(DslVocabulary.operations("tencent")).contains("describeInstances", "createInstances");
        assertThat(DslVocabulary.operationParameters("tencent", "describeInstances")).startsWith("limit", "offset");
        assertThat(DslVocabulary.regions("tencent")).contains("ap-guangzhou");
    }
}
