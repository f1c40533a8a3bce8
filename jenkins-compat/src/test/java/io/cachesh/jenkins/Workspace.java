package io.cachesh.jenkins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The job's workspace for the file steps: readJSON, writeJSON, writeFile, readFile (paths relative to it). */
final class Workspace {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;

    Workspace(Path dir) {
        this.dir = dir;
    }

    PipelineHarness install(PipelineHarness harness) {
        return harness
                .step("writeJSON", call -> {
                    Path file = file(call.text("file"));
                    Files.createDirectories(file.getParent());
                    Object json = call.args().get("json");
                    String text = call.args().get("pretty") != null
                            ? JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json)
                            : JSON.writeValueAsString(json);
                    Files.writeString(file, text);
                    return null;
                })
                .step("readJSON", call -> call.text("text") != null
                        ? JSON.readValue(call.text("text"), Object.class)       // LinkedHashMap / ArrayList: Serializable
                        : JSON.readValue(file(call.text("file")).toFile(), Object.class))
                .step("writeFile", call -> {
                    Path file = file(call.text("file"));
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, call.text("text"));
                    return null;
                })
                .step("readFile", call -> Files.readString(file(call.text("file"))));
    }

    Path file(String relative) {
        return dir.resolve(relative).normalize();
    }

    Object readJson(String relative) throws IOException {
        return JSON.readValue(file(relative).toFile(), Object.class);
    }
}
