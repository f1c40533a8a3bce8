package io.cachesh.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import groovy.lang.GroovySystem;
import groovy.lang.MetaClass;
import org.junit.jupiter.api.Test;

/**
 * After a cell ran, the session drops the meta classes Groovy built for its script and closure classes (they piled
 * up, one per cell, for good); what a cell left behind still works: closures, classes and variables.
 */
class CellMemoryTest {

    @Test
    void aCellsMetaClassesAreDroppedAndWhatItLeftStillWorks() {
        try (CacheshSession session = CacheshSession.builder().provider(ProviderSettings.tencent(
                io.cachesh.client.auth.Credentials.of("AKIDcellMemoryTest000000000000000000", "cell-memory-test-secret")))
                .build()) {
            session.evaluate("twice = { n -> n * 2 }; duringCell = twice.metaClass; "
                    + "class Point { int x; int twiceX() { x * 2 } }; 1");
            Class<?> closureClass = session.binding().getVariable("twice").getClass();
            assertThat(closureClass.getName()).startsWith("cachesh_cell$");
            MetaClass duringCell = (MetaClass) session.binding().getVariable("duringCell");
            // the registry no longer holds the meta class built while the cell ran: the next use builds a new one
            assertThat(GroovySystem.getMetaClassRegistry().getMetaClass(closureClass)).isNotSameAs(duringCell);

            assertThat(session.evaluate("twice(21)")).isEqualTo(42);
            assertThat(session.evaluate("new Point(x: 4).twiceX() + twice(1)")).isEqualTo(10);
            assertThat(session.evaluate("[1, 2, 3].collect { it * 10 }.sum()")).isEqualTo(60);
        }
    }
}
