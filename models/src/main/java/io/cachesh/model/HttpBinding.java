package io.cachesh.model;

/** REST binding of an operation: {@code POST /v2/{project_id}/instances -> 200}. */
public record HttpBinding(String method, String uri, Integer status) {
}
