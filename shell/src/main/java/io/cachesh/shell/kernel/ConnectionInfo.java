package io.cachesh.shell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.shell.config.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Jupyter connection file: where the five sockets bind and the HMAC key.
 *
 * @param transport       {@code tcp} (or {@code ipc})
 * @param ip              {@code 127.0.0.1}
 * @param key             the HMAC key; empty disables signing
 * @param signatureScheme {@code hmac-sha256}
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort, int controlPort,
                             int hbPort, String key, String signatureScheme) {

    /** Reads the JSON that Jupyter writes for {@code {connection_file}}. */
    public static ConnectionInfo read(Path file) {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UsageException("cannot read connection file " + file + ": " + e.getMessage());
        }
        String scheme = n.path("signature_scheme").asText("hmac-sha256");
        if (!scheme.isEmpty() && !scheme.equals("hmac-sha256")) {
            throw new UsageException("unsupported signature_scheme " + scheme + " (hmac-sha256 only)");
        }
        for (String port : new String[] {"shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"}) {
            if (!n.path(port).canConvertToInt()) throw new UsageException("connection file " + file + ": no " + port);
        }
        return new ConnectionInfo(n.path("transport").asText("tcp"), n.path("ip").asText("127.0.0.1"),
                n.path("shell_port").asInt(), n.path("iopub_port").asInt(), n.path("stdin_port").asInt(),
                n.path("control_port").asInt(), n.path("hb_port").asInt(), n.path("key").asText(""), scheme);
    }

    public String address(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }
}
