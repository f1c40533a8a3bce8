package io.cachesh.shell.repl;

import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** A fixed vocabulary for tests: three verbs, five specs and a two-operation model. */
public final class TestVocabulary {

    private TestVocabulary() {
    }

    public static ApiModel model() {
        try (InputStream in = TestVocabulary.class.getResourceAsStream("test-redis.json")) {
            return Models.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Vocabulary vocabulary() {
        return new Vocabulary(
                List.of(
                        new Vocabulary.Verb("create", "Creates an instance.", "create name: 'orders', spec: 'redis.ha', capacity: 2",
                                List.of(new Vocabulary.Arg("name", "string", "instance name", List.of()),
                                        new Vocabulary.Arg("spec", "string", "what to create", List.of()),
                                        new Vocabulary.Arg("capacity", "number", "memory in GB", List.of()),
                                        new Vocabulary.Arg("version", "string", "engine version", List.of("6.2", "7.0")),
                                        new Vocabulary.Arg("wait", "boolean", "wait until running", List.of("true", "false"))),
                                "create name: 'n', spec: 'redis.ha', capacity: GB"),
                        new Vocabulary.Verb("list", "Lists instances.", "list()", List.of(), "list()"),
                        new Vocabulary.Verb("resize", "Changes capacity.", "resize orders, capacity: 4",
                                List.of(new Vocabulary.Arg("capacity", "number", "memory in GB", List.of()),
                                        new Vocabulary.Arg("wait", "boolean", "wait until done", List.of("true", "false"))),
                                "resize instance, capacity: GB")),
                List.of("redis.standalone", "redis.ha", "redis.cluster", "redis.rw", "memcached"),
                List.of("tencent"),
                Map.of("tencent.redis", model()));
    }
}
