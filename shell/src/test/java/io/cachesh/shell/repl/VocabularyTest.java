package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

/** The real vocabulary: the DSL's verbs and specs and the shipped Tencent model, as the shell completes them. */
class VocabularyTest {

    private final Vocabulary vocabulary = Vocabulary.load();
    private final CacheshCompleter completer = new CacheshCompleter(() -> vocabulary, List::of, java.util.Map::of);

    private List<String> complete(String cell) {
        ParsedLine line = new CellParser().parse(cell, cell.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        String prefix = line.word().substring(0, line.wordCursor());
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(prefix)).toList();
    }

    @Test
    void dslVerbsArgumentsAndSpecsComeFromTheDsl() {
        assertThat(vocabulary.verbs()).extracting(Vocabulary.Verb::name).contains("create", "list", "resize", "delete")
                .doesNotContain("tencent.redis");
        assertThat(complete("create sp")).containsExactly("spec:");
        assertThat(complete("create name: 'orders', spec: 'redis.h")).containsExactly("redis.ha'");
        assertThat(complete("list(status: '")).contains("running'");
    }

    @Test
    void rawOperationsAndParametersComeFromTheModel() {
        assertThat(vocabulary.apis()).containsKey("tencent.redis");
        assertThat(complete("tencent.redis.describeInstan")).contains("tencent.redis.describeInstances");
        assertThat(complete("tencent.redis.describeInstances(li")).containsExactly("limit:");
        assertThat(vocabulary.regions()).contains("ap-guangzhou", "ap-beijing");
    }
}
