package io.cachesh.client.internal;

import io.cachesh.client.core.OperationInfo;

/** One wire protocol (marshalling, signing, the vendor's envelope and errors); one attempt per call. */
public interface Protocol {

    /** Sends {@code body} (JSON of the request) once and binds the answer; signs afresh on every call. */
    <T> T call(OperationInfo operation, byte[] body, Class<T> responseType);
}
