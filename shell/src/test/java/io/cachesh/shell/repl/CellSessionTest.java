package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.dsl.DslOutput;
import io.cachesh.shell.config.ShellSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CellSessionTest {

    @Test
    void completionNeverWaitsForASessionThatIsStillOpening() throws Exception {
        CountDownLatch open = new CountDownLatch(1);
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        try (CellSession cells = new CellSession(ShellSettings.defaults(), (settings, output) -> {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new GroovyTestEngine();
        }, TestVocabulary::vocabulary, () -> out, DslOutput.SILENT, false)) {
            cells.openInBackground();
            CompletableFuture<CellSession.Outcome> cell = CompletableFuture.supplyAsync(() -> cells.execute("x = 1"));
            Thread.sleep(200); // the cell now holds the session lock, waiting for the open
            long start = System.nanoTime();
            assertThat(cells.variableNames()).isEmpty();
            assertThat(cells.instanceRefs()).isEmpty();
            assertThat(cells.clientConfig()).isEmpty();
            assertThat(cells.settings().region()).isEqualTo("ap-guangzhou");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(500);
            open.countDown();
            assertThat(cell.get(10, TimeUnit.SECONDS).result()).isEqualTo(1);
            assertThat(cells.variableNames()).contains("x", "In", "Out");
        }
    }

    @Test
    void instanceRefsOfferNamesAndIdsOfInstancesHeldInVariablesAndResults() {
        PrintWriter out = new PrintWriter(new StringWriter(), true);
        try (CellSession cells = new CellSession(ShellSettings.defaults(), (settings, output) -> new GroovyTestEngine(),
                TestVocabulary::vocabulary, () -> out, DslOutput.SILENT, false)) {
            // the listing is then held three times: in all, in Out[1] and in _
            CellSession.Outcome listed = cells.execute("all = (0..2).collect { io.cachesh.dsl.result.Instance.builder()"
                    + ".id('crs-' + it).name(it == 1 ? null : 'orders-' + it).provider('tencent').build() }");
            assertThat(listed.error()).isNull();
            cells.execute("one = io.cachesh.dsl.result.Instance.builder().id('crs-9').name('cart').provider('tencent').build()");
            assertThat(cells.instanceRefs())
                    .containsExactlyInAnyOrder("orders-0", "crs-0", "crs-1", "orders-2", "crs-2", "cart", "crs-9");
        }
    }
}
