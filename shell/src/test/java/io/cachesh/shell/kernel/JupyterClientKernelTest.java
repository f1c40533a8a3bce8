package io.cachesh.shell.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cachesh kernel} driven by Jupyter's own client library ({@code jupyter_client}, Debian's
 * {@code python3-jupyter-client}): a kernelspec on {@code JUPYTER_PATH}, {@code start_new_kernel} with a connection
 * file, then execute (stream and execute_result; an error), complete, inspect, is_complete and shutdown. Skipped only
 * when no {@code python3} on the PATH (or {@code /usr/bin/python3}) can {@code import jupyter_client}.
 */
class JupyterClientKernelTest {

    private static final String CP = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

    @TempDir
    Path tmp;

    @Test
    void jupyterClientDrivesTheKernel() throws Exception {
        String python = pythonWithJupyterClient().orElse(null);
        Assumptions.assumeTrue(python != null,
                "python3 -c 'import jupyter_client' fails: install python3-jupyter-client (apt-get install python3-jupyter-client jupyter-console)");
        Path kernels = Files.createDirectories(tmp.resolve("jupyter/kernels/cachesh-test"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Object> spec = Map.of(
                "argv", List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", CP, "io.cachesh.shell.cli.Main",
                        "kernel", "--connection-file", "{connection_file}"),
                "display_name", "cachesh (test)", "language", "groovy", "interrupt_mode", "message",
                "env", Map.of("NO_COLOR", "1"));
        new ObjectMapper().writeValue(kernels.resolve("kernel.json").toFile(), spec);
        Path script = tmp.resolve("drive_kernel.py");
        try (InputStream in = getClass().getResourceAsStream("drive_kernel.py")) {
            Files.copy(in, script);
        }
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "cachesh-test");
        pb.environment().keySet().removeIf(k -> k.startsWith("TENCENTCLOUD_"));
        pb.environment().put("JUPYTER_PATH", tmp.resolve("jupyter").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", Files.createDirectories(tmp.resolve("runtime")).toString());
        pb.environment().put("HOME", home.toString()); // no credentials: the kernel uses the embedded emulator
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the driver finished").isTrue();
        assertThat(p.exitValue()).as(err.get()).isZero();
        JsonNode seen = new ObjectMapper().readTree(out.get());

        assertThat(seen.at("/kernel_info/implementation").asText()).isEqualTo("cachesh");
        assertThat(seen.at("/kernel_info/language_info/name").asText()).isEqualTo("groovy");

        JsonNode ok = seen.get("execute_ok");
        assertThat(ok.at("/0/status").asText()).isEqualTo("ok");
        List<String> types = new ArrayList<>();
        ok.get(1).forEach(m -> types.add(m.get("type").asText()));
        assertThat(types).containsSubsequence("execute_input", "stream", "execute_result");
        JsonNode stream = find(ok.get(1), "stream");
        assertThat(stream.at("/content/name").asText()).isEqualTo("stdout");
        assertThat(stream.at("/content/text").asText()).contains("hello from the cell");
        assertThat(find(ok.get(1), "execute_result").at("/content/data/text~1plain").asText()).isEqualTo("42");

        JsonNode error = seen.get("execute_error");
        assertThat(error.at("/0/status").asText()).isEqualTo("error");
        assertThat(find(error.get(1), "error").at("/content/evalue").asText()).contains("syntax error at line 1");

        Set<String> matches = new LinkedHashSet<>();
        seen.at("/complete/matches").forEach(m -> matches.add(m.asText()));
        assertThat(seen.at("/complete/status").asText()).isEqualTo("ok");
        assertThat(matches).anyMatch(m -> m.startsWith("resize"));
        assertThat(seen.at("/complete/cursor_start").asInt()).isZero();

        assertThat(seen.at("/inspect/found").asBoolean()).isTrue();
        assertThat(seen.at("/inspect/data/text~1plain").asText()).contains("resize");

        assertThat(seen.at("/is_complete_open/status").asText()).isEqualTo("incomplete");
        assertThat(seen.at("/is_complete_done/status").asText()).isEqualTo("complete");

        assertThat(seen.get("alive_after_shutdown").asBoolean()).as("the kernel exits on shutdown_request").isFalse();
        assertThat(seen.get("exit_code").asInt()).isZero();
    }

    private static JsonNode find(JsonNode messages, String type) {
        for (JsonNode m : messages) {
            if (m.get("type").asText().equals(type)) return m;
        }
        throw new AssertionError("no " + type + " message in " + messages);
    }

    /** {@code python3} from the PATH, else Debian's {@code /usr/bin/python3}, if it can import jupyter_client. */
    static Optional<String> pythonWithJupyterClient() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import jupyter_client").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return Optional.of(python);
            } catch (IOException | InterruptedException e) {
                // try the next
            }
        }
        return Optional.empty();
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
