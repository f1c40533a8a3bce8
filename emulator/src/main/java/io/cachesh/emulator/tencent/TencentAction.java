package io.cachesh.emulator.tencent;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One action's handler: takes the validated request and returns the {@code Response} members without
 * {@code RequestId} (the front-end adds it and shapes the answer by the model); fails with a {@link TencentException}.
 */
@FunctionalInterface
public interface TencentAction {

    ObjectNode handle(TencentRequest request, Params params);
}
