package io.cachesh.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.core.Interceptor;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.client.tencent.redis.TencentRedisWaiters;
import io.cachesh.client.tencent.redis.model.DescribeTaskInfoResponse;
import io.cachesh.emulator.Emulator;
import io.cachesh.model.ApiModel;
import io.cachesh.model.MemberModel;
import io.cachesh.model.Models;
import io.cachesh.model.ShapeModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The canned answers of {@link CannedServer}, kept as resources so every run serves the same bytes.
 * {@code main(dir)} regenerates them:
 * <ul>
 *   <li>Tencent: the emulator's own raw answers (a fleet of 20 running instances, each with its redis-server),
 *       captured byte for byte off the wire;</li>
 *   <li>Huawei (the emulator has no DCS surface yet): built from the {@code huawei-dcs-v2} model, every member of
 *       {@code InstanceListInfo} / {@code ShowInstanceResponse} filled with a plausible value of its type.</li>
 * </ul>
 */
public final class CannedBodies {

    private CannedBodies() {}

    public static byte[] load(String name) {
        try (InputStream in = CannedBodies.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource io/cachesh/bench/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/src/main/resources/io/cachesh/bench");
        Files.createDirectories(dir);
        tencent(dir);
        huawei(dir);
        System.exit(0);
    }

    // --- Tencent: the emulator's real answers --------------------------------------------------------------------

    static void tencent(Path dir) throws IOException, InterruptedException {
        OkHttpClient raw = new OkHttpClient();
        AtomicReference<String> last = new AtomicReference<>();
        // a network interceptor that sends the signed request itself and keeps the raw answer
        Interceptor capture = chain -> {
            try (Response response = raw.newCall(chain.request().httpRequest()).execute()) {
                String body = response.body().string();
                last.set(body);
                JsonNode inner = new ObjectMapper().readTree(body).get("Response");
                if (inner.has("Error")) throw new IllegalStateException(inner.toString());
                return chain.request().bind(inner.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try (Emulator emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(50)).throttling(false).build().start()) {
            ClientConfig config = ClientConfig.builder().credentials(emulator.credentials()).region("ap-guangzhou")
                    .endpoint(emulator.endpoint()).rateLimiting(false).addNetworkInterceptor(capture).build();
            try (TencentRedisClient redis = TencentRedisClient.create(config)) {
                String created = null;
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    redis.createInstances(b -> b.typeId(6L).memSize(1024L).goodsNum(1L).period(1L)
                            .billingMode(0L).zoneId(100003L).password("Bench-Passw0rd").instanceName("bench-" + n)
                            .vpcId("vpc-bench01").subnetId("subnet-bench01"));
                    if (created == null) created = last.get();
                }
                Files.writeString(dir.resolve("tencent-create-instances.json"), created);
                // wait until all 20 run, then keep DescribeInstances(Limit 20) as served
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (true) {
                    var page = redis.describeInstances(b -> b.limit(20L).offset(0L));
                    boolean allRunning = page.instanceSet().size() == 20
                            && page.instanceSet().stream().allMatch(s -> Long.valueOf(2).equals(s.status()));
                    if (allRunning) break;
                    if (System.nanoTime() > deadline) throw new IllegalStateException("instances not running");
                    Thread.sleep(100);
                }
                Files.writeString(dir.resolve("tencent-describe-instances-20.json"), last.get());
                // a finished task: the first ClearInstance's
                String id = redis.describeInstances(b -> b.limit(1L)).instanceSet().get(0).instanceId();
                long task = redis.clearInstance(b -> b.instanceId(id).password("Bench-Passw0rd")).taskId();
                DescribeTaskInfoResponse done = TencentRedisWaiters.create(redis).withInterval(Duration.ofMillis(50))
                        .waitForTask(task, Duration.ofSeconds(30));
                redis.describeTaskInfo(b -> b.taskId(task));
                Files.writeString(dir.resolve("tencent-describe-task-info.json"), last.get());
                System.out.println("tencent: 20 instances, task " + task + " " + done.status());
            }
        }
    }

    // --- Huawei: from the model --------------------------------------------------------------------------------

    static void huawei(Path dir) throws IOException {
        ApiModel model = Models.load("huawei-dcs-v2");
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("instance_num", 20);
        ArrayNode instances = list.putArray("instances");
        for (int i = 0; i < 20; i++) instances.add(fill(model, model.shapes().get("InstanceListInfo"), i, 0));
        Files.writeString(dir.resolve("huawei-list-instances-20.json"), json.writeValueAsString(list));
        JsonNode show = fill(model, model.shapes().get("ShowInstanceResponse"), 0, 0);
        Files.writeString(dir.resolve("huawei-show-instance.json"), json.writeValueAsString(show));
        System.out.println("huawei: list " + instances.size() + " instances, show 1");
    }

    static ObjectNode fill(ApiModel model, ShapeModel shape, int index, int depth) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, MemberModel> e : shape.members().entrySet()) {
            JsonNode value = value(model, e.getKey(), e.getValue(), index, depth);
            if (value != null) node.set(e.getKey(), value);
        }
        return node;
    }

    static JsonNode value(ApiModel model, String name, MemberModel member, int index, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String type = member.type();
        if (type == null && member.shape() != null) {
            ShapeModel target = model.shapes().get(member.shape());
            type = target == null ? "structure" : target.type();
        }
        if (type == null) type = "string";
        List<Object> allowed = member.allowed();
        if (allowed != null && !allowed.isEmpty()) {
            Object first = allowed.get(0);
            if (first instanceof Number num) return f.numberNode(num.longValue());
            return f.textNode(String.valueOf(first));
        }
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "integer" -> f.numberNode(n.contains("port") ? 6379 : n.contains("memory") ? 1024 + index : n.contains("capacity") ? 2 : 1);
            case "float" -> f.numberNode(0.125);
            case "boolean" -> f.booleanNode(false);
            case "timestamp" -> f.textNode("2026-11-29T12:00:00.000Z");
            case "list" -> {
                if (depth > 2) yield f.arrayNode();
                ArrayNode a = f.arrayNode();
                MemberModel item = member.member();
                if (item == null && member.shape() != null) {
                    ShapeModel listShape = model.shapes().get(member.shape());
                    if (listShape != null && "structure".equals(listShape.type())) {
                        a.add(fill(model, listShape, index, depth + 1));
                        yield a;
                    }
                    item = listShape == null ? null : listShape.member();
                }
                if (item == null) a.add(f.textNode(name + "-" + index));
                else a.add(value(model, name, item, index, depth + 1));
                yield a;
            }
            case "map" -> f.objectNode();
            case "any" -> f.objectNode();
            case "structure" -> {
                ShapeModel target = member.shape() == null ? null : model.shapes().get(member.shape());
                yield target == null || depth > 2 ? f.objectNode() : fill(model, target, index, depth + 1);
            }
            default -> f.textNode(n.endsWith("_at") || n.contains("time") ? "2026-11-29T12:00:00.000Z"
                    : n.endsWith("id") ? String.format("%08x-5b2c-4d1e-9f3a-%012x", 0x1a2b3c4d + index, 0x5e6f7a8b9c0dL + index)
                    : n.equals("ip") || n.endsWith("address") ? "192.168.0." + (10 + index)
                    : name + "-" + index);
        };
    }
}
