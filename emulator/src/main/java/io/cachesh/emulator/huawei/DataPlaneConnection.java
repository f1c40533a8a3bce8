package io.cachesh.emulator.huawei;

import io.cachesh.emulator.dataplane.RedisProcess;
import io.cachesh.emulator.dataplane.RespClient;
import io.cachesh.emulator.fleet.Instance;
import java.io.IOException;

/**
 * A connection of its own to an instance's redis-server, for the operations that need several commands on one
 * connection (CLIENT ID then CLIENT LIST; a Web-CLI command after AUTH and SELECT). {@code RedisProcess.call} opens
 * a connection per command.
 */
final class DataPlaneConnection {

    private DataPlaneConnection() {
    }

    /** The data plane, else {@code DCS.4049}. */
    static RedisProcess process(Instance i) {
        RedisProcess p = i.dataPlane();
        if (p == null) {
            throw new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + i.id()
                    + " has no redis-server in this emulator.");
        }
        return p;
    }

    /** Connected and authenticated as the default user (the instance password). */
    static RespClient open(Instance i) throws IOException {
        return open(i, null, i.noAuth() ? null : i.password().reveal());
    }

    /** Connected and authenticated with {@code AUTH [user] password} (none when {@code password} is null or empty). */
    static RespClient open(Instance i, String user, String password) throws IOException {
        RespClient c = RespClient.connect(RedisProcess.HOST, process(i).port(), 2_000);
        try {
            if (password != null && !password.isEmpty()) {
                if (user == null) c.call("AUTH", password);
                else c.call("AUTH", user, password);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    static HuaweiException notRunning(IOException e) {
        return new HuaweiException("DCS.4049", "111400049", 400, "The instance status is not running: " + e.getMessage());
    }
}
