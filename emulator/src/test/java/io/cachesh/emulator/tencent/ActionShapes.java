package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachesh.emulator.validate.ModelValidator;
import io.cachesh.emulator.validate.Violation;
import io.cachesh.model.ApiModel;
import io.cachesh.model.Models;
import java.util.List;

/** Test helpers: an answer fits its action's output shape with strict JSON types; the error code of an answer. */
final class ActionShapes {

    private static final ApiModel MODEL = Models.load("tencent-redis");
    private static final ModelValidator STRICT = new ModelValidator(MODEL, true);

    private ActionShapes() {
    }

    /** Asserts {@code response} (the Response body of a successful call) fits the action's output shape. */
    static JsonNode conform(String action, JsonNode response) {
        String output = MODEL.operation(action).orElseThrow().output();
        List<String> problems = STRICT.validateShape(output, response).violations().stream()
                .filter(v -> v.kind() != Violation.Kind.MISSING).map(Violation::message).toList();
        assertThat(problems).as("%s answered %s", action, response).isEmpty();
        return response;
    }

    static String code(JsonNode response) {
        return response.path("Error").path("Code").asText();
    }
}
