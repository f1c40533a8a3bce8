package io.cachesh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressOutputTest {

    @Test
    void theBarFitsTheWidth() {
        assertThat(ProgressBar.render(3, 12, "orders ok", 61)).isEqualTo("[#####---------------] 3/12 orders ok");
        assertThat(ProgressBar.render(12, 12, "done", 61)).startsWith("[####################] 12/12 done");
        assertThat(ProgressBar.render(0, 4, "x", 61)).startsWith("[--------------------] 0/4 x");
        String narrow = ProgressBar.render(1, 2, "a very long label that cannot fit in a narrow terminal", 30);
        assertThat(narrow).hasSizeLessThanOrEqualTo(29).endsWith("…").startsWith("[#####----]");
        for (int width = 0; width < 80; width++) {
            assertThat(ProgressBar.render(5, 9, "label", width).length()).isLessThanOrEqualTo(Math.max(10, width - 1));
        }
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndInfoLinesGoAboveIt() {
        StringWriter sw = new StringWriter();
        ProgressOutput out = new ProgressOutput(() -> new PrintWriter(sw, true), () -> 40);
        out.progress(1, 2, "a ok");
        out.info("fleet: a (crs-1) failed");
        out.progress(2, 2, "b ok");
        String bar1 = ProgressBar.render(1, 2, "a ok", 40);
        String bar2 = ProgressBar.render(2, 2, "b ok", 40);
        assertThat(sw.toString()).isEqualTo("\r" + bar1 + "\r" + " ".repeat(bar1.length()) + "\r"
                + "fleet: a (crs-1) failed" + System.lineSeparator() + "\r" + bar2 + System.lineSeparator());
    }

    @Test
    void waitStatusesUpdateOneLineUntilTheFinalLine() {
        StringWriter sw = new StringWriter();
        ProgressOutput out = new ProgressOutput(() -> new PrintWriter(sw, true), () -> 80);
        out.info("create orders (crs-1): ordered (redis.ha 7.0, 1 GB, 1 replica)");
        out.info("create orders (crs-1): creating");
        out.info("create orders (crs-1): running after 1.2s");
        String nl = System.lineSeparator();
        assertThat(sw.toString()).isEqualTo("create orders (crs-1): ordered (redis.ha 7.0, 1 GB, 1 replica)" + nl
                + "\rcreate orders (crs-1): creating" + "\r" + " ".repeat(31) + "\r"
                + "create orders (crs-1): running after 1.2s" + nl);
    }

    @Test
    void elsewhereEveryUpdateIsAPlainLine() {
        StringWriter sw = new StringWriter();
        ProgressOutput out = new ProgressOutput(() -> new PrintWriter(sw, true), () -> 0);
        out.progress(1, 2, "a ok");
        out.info("create orders (crs-1): creating");
        out.warn("slow");
        out.progress(2, 2, "b ok");
        out.finish();
        String nl = System.lineSeparator();
        assertThat(sw.toString()).isEqualTo("[1/2] a ok" + nl + "create orders (crs-1): creating" + nl + "warning: slow" + nl
                + "[2/2] b ok" + nl);
    }
}
