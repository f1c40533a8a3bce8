package io.cachesh.shell.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.zeromq.ZMQ;

/**
 * One Jupyter message (protocol 5.3) and its wire form:
 * {@code [identities..., "<IDS|MSG>", hmac, header, parent_header, metadata, content, buffers...]}.
 */
public record KernelMessage(List<byte[]> identities, ObjectNode header, ObjectNode parentHeader, ObjectNode metadata,
                            ObjectNode content) {

    public static final String PROTOCOL_VERSION = "5.3";
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    /** Thrown for a message whose signature does not match (it is dropped). */
    public static final class BadSignatureException extends Exception {
        BadSignatureException(String message) {
            super(message);
        }
    }

    public String type() {
        return header.path("msg_type").asText("");
    }

    /** A new message of {@code type}, as a reply to (or child of) {@code parent}, in the same session. */
    public static KernelMessage create(String type, KernelMessage parent, String session, ObjectNode content) {
        ObjectNode header = MAPPER.createObjectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", session);
        header.put("username", "cachesh");
        header.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        header.put("msg_type", type);
        header.put("version", PROTOCOL_VERSION);
        ObjectNode parentHeader = parent == null ? MAPPER.createObjectNode() : parent.header().deepCopy();
        List<byte[]> ids = parent == null ? List.of() : parent.identities();
        return new KernelMessage(ids, header, parentHeader, MAPPER.createObjectNode(), content);
    }

    /** Receives one message (null on timeout); a bad signature throws. */
    public static KernelMessage receive(ZMQ.Socket socket, MessageSigner signer) throws BadSignatureException {
        byte[] first = socket.recv(0);
        if (first == null) return null;
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) frames.add(socket.recv(0));
        int d = 0;
        while (d < frames.size() && !java.util.Arrays.equals(frames.get(d), DELIMITER)) d++;
        if (d + 5 >= frames.size()) throw new BadSignatureException("malformed message");
        List<byte[]> ids = List.copyOf(frames.subList(0, d));
        String signature = new String(frames.get(d + 1), StandardCharsets.US_ASCII);
        byte[] h = frames.get(d + 2);
        byte[] p = frames.get(d + 3);
        byte[] m = frames.get(d + 4);
        byte[] c = frames.get(d + 5);
        if (!signer.verify(signature, h, p, m, c)) throw new BadSignatureException("bad message signature");
        try {
            return new KernelMessage(ids, object(h), object(p), object(m), object(c));
        } catch (IOException e) {
            throw new BadSignatureException("malformed JSON: " + e.getMessage());
        }
    }

    private static ObjectNode object(byte[] json) throws IOException {
        JsonNode n = MAPPER.readTree(json);
        return n instanceof ObjectNode o ? o : MAPPER.createObjectNode();
    }

    /** Sends it, signed; {@code topic} replaces the identities (iopub). */
    public void send(ZMQ.Socket socket, MessageSigner signer, byte[] topic) {
        try {
            byte[] h = MAPPER.writeValueAsBytes(header);
            byte[] p = MAPPER.writeValueAsBytes(parentHeader);
            byte[] m = MAPPER.writeValueAsBytes(metadata);
            byte[] c = MAPPER.writeValueAsBytes(content);
            List<byte[]> ids = topic != null ? List.of(topic) : identities;
            for (byte[] id : ids) socket.sendMore(id);
            socket.sendMore(DELIMITER);
            socket.sendMore(signer.sign(h, p, m, c).getBytes(StandardCharsets.US_ASCII));
            socket.sendMore(h);
            socket.sendMore(p);
            socket.sendMore(m);
            socket.send(c, 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a message", e);
        }
    }
}
