package io.cachesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A structure: request, response or a nested data structure.
 *
 * @param type     {@code structure}, or {@code list} for a body that is a bare JSON array (then {@code member}
 *                 is the element type and {@code members} is empty)
 * @param doc      description
 * @param seed     seed line range
 * @param members  ordered members by wire name
 * @param required wire names of required members
 * @param member   element type when {@code type} is {@code list}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShapeModel(String type, String doc, String seed, Map<String, MemberModel> members, List<String> required,
                         MemberModel member) {

    public ShapeModel {
        members = members == null ? Map.of() : new LinkedHashMap<>(members);
        required = required == null ? List.of() : List.copyOf(required);
    }

    /** A structure shape. */
    public ShapeModel(String type, String doc, String seed, Map<String, MemberModel> members, List<String> required) {
        this(type, doc, seed, members, required, null);
    }

    public boolean isRequired(String name) {
        return required.contains(name);
    }

    public boolean isList() {
        return "list".equals(type);
    }
}
