package io.cachesh.shell.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Pretty JSON (two-space indent) of the result's plain form, see {@link Values#toPlain}. */
public final class JsonRenderer implements ResultRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Override
    public String render(Object value) {
        try {
            return MAPPER.writeValueAsString(Values.toPlain(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write result as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
