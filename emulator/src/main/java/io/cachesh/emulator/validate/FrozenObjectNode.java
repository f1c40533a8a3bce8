package io.cachesh.emulator.validate;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;

/**
 * An object that nobody changes once it is built (a provider's kept rendering of one resource, shared by many
 * answers), so {@link ModelShaper} keeps its shaped JSON on it and writes those bytes again instead of walking it on
 * every answer. Equal to an {@link ObjectNode} with the same members; changing it after it was written is a bug.
 */
public final class FrozenObjectNode extends ObjectNode {

    private static final long serialVersionUID = 1L;

    /** The shaped JSON of this object for one shaper and shape (the one it was last written as). */
    private record Shaped(ModelShaper shaper, String shape, SerializableString json) {
    }

    private transient volatile Shaped shaped;

    /** The members of {@code content} (not copied: give it a tree nobody else holds). */
    public FrozenObjectNode(ObjectNode content) {
        super(JsonNodeFactory.instance, new LinkedHashMap<String, JsonNode>(content.size()));
        setAll(content);
    }

    /** The kept JSON of this object as {@code shaper} shapes it to {@code shape}, null when none is kept yet. */
    SerializableString shaped(ModelShaper shaper, String shape) {
        Shaped s = shaped;
        return s != null && s.shaper() == shaper && s.shape().equals(shape) ? s.json() : null;
    }

    void keep(ModelShaper shaper, String shape, SerializableString json) {
        shaped = new Shaped(shaper, shape, json);
    }
}
