package io.cachesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A structure: request, response or a nested data structure.
 *
 * @param type     always {@code structure} today (kept for forward compatibility with other shape kinds)
 * @param doc      description
 * @param seed     seed line range
 * @param members  ordered members by wire name
 * @param required wire names of required members
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShapeModel(String type, String doc, String seed, Map<String, MemberModel> members, List<String> required) {

    public ShapeModel {
        members = members == null ? Map.of() : new LinkedHashMap<>(members);
        required = required == null ? List.of() : List.copyOf(required);
    }

    public boolean isRequired(String member) {
        return required.contains(member);
    }
}
