package io.cachesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A canned fleet of N Tencent instances (copies of a canned DescribeInstances answer's first instance with their own
 * ids and names), served a page at a time as DescribeInstances asks ({@code Limit}, {@code Offset}); pages are
 * rendered once and kept.
 */
final class CannedFleet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode template;
    private final String requestId;
    private final int size;
    private final Map<String, byte[]> pages = new ConcurrentHashMap<>();

    CannedFleet(byte[] describeInstances, int size) {
        try {
            JsonNode response = JSON.readTree(describeInstances).path("Response");
            this.template = (ObjectNode) response.path("InstanceSet").get(0);
            this.requestId = response.path("RequestId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.size = size;
    }

    byte[] page(byte[] request) {
        long limit = 20;
        long offset = 0;
        try {
            JsonNode params = JSON.readTree(request);
            limit = params.path("Limit").asLong(20);
            offset = params.path("Offset").asLong(0);
        } catch (IOException | RuntimeException e) {
            // an empty or odd body: the first page
        }
        long from = Math.max(0, Math.min(size, offset));
        long to = Math.min(size, from + Math.max(0, limit));
        return pages.computeIfAbsent(from + ":" + to, k -> render((int) from, (int) to));
    }

    private byte[] render(int from, int to) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode response = root.putObject("Response");
        response.put("TotalCount", size);
        ArrayNode set = response.putArray("InstanceSet");
        for (int i = from; i < to; i++) {
            ObjectNode instance = template.deepCopy();
            instance.put("InstanceId", String.format("crs-bench%04d", i));
            instance.put("InstanceName", String.format("bench-%04d", i));
            set.add(instance);
        }
        response.put("RequestId", requestId);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
