package io.cachesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Offset/limit pagination of one operation.
 *
 * @param offset   input member holding the offset (or page number)
 * @param limit    input member holding the page size
 * @param items    output member holding the page's items; a dotted path ({@code data.redisSet}) names a member of a
 *                 nested structure
 * @param total    output member holding the total count, null when the API gives none; may be a dotted path too
 * @param maxLimit largest page size the API accepts
 * @param pageBased true when {@code offset} counts pages rather than items
 * @param firstPage first offset/page value (0, or 1 for 1-based APIs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PaginationModel(
        String offset,
        String limit,
        String items,
        String total,
        Integer maxLimit,
        boolean pageBased,
        Integer firstPage) {
}
