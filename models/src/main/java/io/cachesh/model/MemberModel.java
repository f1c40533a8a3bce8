package io.cachesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One member of a structure.
 *
 * <p>Types: {@code string}, {@code integer} (64-bit), {@code float} (double precision), {@code boolean},
 * {@code timestamp} (a string in the vendor's date format), {@code list} (with {@code member}),
 * {@code structure} (with {@code shape}), {@code map} (string keys, {@code member} values) and
 * {@code any} (free-form JSON).
 *
 * @param type      the member's type, see above
 * @param shape     structure name when {@code type} is {@code structure}
 * @param member    element type when {@code type} is {@code list} or {@code map}
 * @param allowed   allowed values ({@code "enum"} in JSON), strings or numbers
 * @param min       smallest numeric value
 * @param max       largest numeric value
 * @param minLength shortest string
 * @param maxLength longest string
 * @param minItems  fewest list elements
 * @param maxItems  most list elements
 * @param pattern   regular expression a string must match
 * @param defaultValue the value the vendor assumes when absent ({@code "default"} in JSON)
 * @param location  REST location: path, query, header or body (null for RPC protocols = body)
 * @param wireName  name on the wire when it differs from the member key (e.g. path placeholders)
 * @param doc       description (English)
 * @param example   an example value from the seed
 * @param nullable  true when the vendor may return null ("注意：此字段可能返回 null")
 * @param deprecated true when the seed marks the member deprecated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberModel(
        String type,
        String shape,
        MemberModel member,
        @JsonProperty("enum") List<Object> allowed,
        Number min,
        Number max,
        Integer minLength,
        Integer maxLength,
        Integer minItems,
        Integer maxItems,
        String pattern,
        @JsonProperty("default") Object defaultValue,
        String location,
        String wireName,
        String doc,
        Object example,
        boolean nullable,
        boolean deprecated) {

    public boolean isList() {
        return "list".equals(type);
    }

    public boolean isStructure() {
        return "structure".equals(type);
    }

    public List<Object> allowedValues() {
        return allowed == null ? List.of() : allowed;
    }
}
