package io.cachesh.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One error code of an API.
 *
 * @param doc        description (English, from the seed)
 * @param httpStatus HTTP status used by REST vendors; null for Tencent (always 200)
 * @param kind       broad class used to map to an exception: auth, throttling, not-found, invalid-parameter,
 *                   conflict, internal, unavailable, other
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorModel(String doc, Integer httpStatus, String kind) {
}
