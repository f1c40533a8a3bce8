package io.cachesh.emulator.huawei;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Huawei DCS operation's handler: the answer's body members (null for an empty body, e.g. 204). */
@FunctionalInterface
public interface HuaweiAction {
    ObjectNode handle(HuaweiRequest request);
}
