package io.cachesh.emulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachesh.client.auth.Secret;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's state file: {@code fleet.json}, versioned ({@code formatVersion}). A file written by a newer emulator is
 * refused rather than misread. It holds instance passwords (the emulator's own, local), so it is written owner-only.
 */
final class FleetState {

    static final String FILE_NAME = "fleet.json";
    static final String FORMAT = "cachesh-emulator-fleet";
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Loaded(List<Instance> instances, List<Task> tasks, long nextTaskId, JsonNode extensions) {
    }

    private FleetState() {
    }

    static void save(Path file, Fleet fleet, List<Instance> instances, List<Task> tasks, long nextTaskId) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("savedAt", fleet.clock().instant().toString());
        root.put("nextTaskId", nextTaskId);
        root.set("extensions", fleet.extensions().toJson());
        ArrayNode is = root.putArray("instances");
        for (Instance i : instances) {
            ObjectNode n = is.addObject();
            n.put("id", i.id());
            n.put("vendor", i.vendor());
            n.put("name", i.name());
            n.put("engine", i.engine());
            n.put("version", i.version());
            n.put("typeId", i.typeId());
            n.put("memSizeMb", i.memSizeMb());
            n.put("shards", i.shards());
            n.put("replicas", i.replicas());
            n.put("status", i.status().name());
            n.put("region", i.region());
            n.put("zoneId", i.zoneId());
            n.put("projectId", i.projectId());
            n.put("billingMode", i.billingMode());
            n.put("autoRenew", i.autoRenew());
            n.put("password", i.password().reveal());
            n.put("noAuth", i.noAuth());
            n.put("vpcId", i.vpcId());
            n.put("subnetId", i.subnetId());
            n.put("vport", i.vport());
            n.put("createTime", i.createTime().toString());
            putInstant(n, "deadlineTime", i.deadlineTime());
            putInstant(n, "closeTime", i.closeTime());
            n.put("dataPort", i.dataPort());
            ObjectNode params = n.putObject("params");
            i.params().forEach(params::put);
            ObjectNode tags = n.putObject("tags");
            i.tags().forEach(tags::put);
            n.set("extensions", i.extensions().toJson());
            ArrayNode bs = n.putArray("backups");
            for (Backup b : i.backups()) {
                ObjectNode bn = bs.addObject();
                bn.put("id", b.id());
                bn.put("manual", b.manual());
                bn.put("startTime", b.startTime().toString());
                putInstant(bn, "endTime", b.endTime());
                putInstant(bn, "expireTime", b.expireTime());
                bn.put("remark", b.remark());
                bn.put("status", b.status().name());
                bn.put("sizeBytes", b.sizeBytes());
                bn.put("file", b.file());
            }
        }
        ArrayNode ts = root.putArray("tasks");
        for (Task t : tasks) {
            ObjectNode n = ts.addObject();
            n.put("id", t.id());
            n.put("type", t.type());
            n.put("label", t.label());
            n.put("instanceId", t.instanceId());
            n.put("status", t.status().name());
            n.put("startTime", t.startTime().toString());
            putInstant(n, "endTime", t.endTime());
            n.put("message", t.message());
        }
        writeDurably(file, JSON.writeValueAsBytes(root));
    }

    /**
     * Replaces {@code file} so that a crash of the JVM or of the whole machine leaves either the old or the new state:
     * the new bytes are forced to disk in a temporary file before the atomic rename, and the directory after it (else a
     * power loss may undo the rename, or keep the name with no data behind it).
     */
    static void writeDurably(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not POSIX
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory: the rename is still atomic there
        }
    }

    static Loaded load(Path file, Clock clock) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a cachesh emulator state file");
        }
        int version = root.path("formatVersion").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(file + " has state format version " + version + "; this emulator reads 1.."
                    + FORMAT_VERSION + " (written by a newer emulator?)");
        }
        List<Instance> instances = new ArrayList<>();
        for (JsonNode n : root.path("instances")) {
            List<Backup> backups = new ArrayList<>();
            String id = n.path("id").asText();
            for (JsonNode b : n.path("backups")) {
                backups.add(new Backup(b.path("id").asText(), id, b.path("manual").asBoolean(),
                        Instant.parse(b.path("startTime").asText()), instant(b, "expireTime"), b.path("remark").asText(""),
                        Backup.Status.valueOf(b.path("status").asText("NORMAL")), instant(b, "endTime"),
                        b.path("sizeBytes").asLong(), b.hasNonNull("file") ? b.get("file").asText() : null));
            }
            Map<String, String> params = new LinkedHashMap<>();
            n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            Map<String, String> tags = new LinkedHashMap<>();
            n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            Instance instance = Instance.builder()
                    .id(id).vendor(n.path("vendor").asText(Instance.DEFAULT_VENDOR)).name(n.path("name").asText("")).engine(n.path("engine").asText("redis"))
                    .version(n.path("version").asText(null)).typeId(n.path("typeId").asInt())
                    .memSizeMb(n.path("memSizeMb").asLong()).shards(n.path("shards").asInt(1))
                    .replicas(n.path("replicas").asInt(1))
                    .status(InstanceStatus.valueOf(n.path("status").asText("RUNNING")))
                    .region(n.path("region").asText()).zoneId(n.path("zoneId").asInt())
                    .projectId(n.path("projectId").asLong()).billingMode(n.path("billingMode").asInt())
                    .autoRenew(n.path("autoRenew").asInt()).password(Secret.of(n.path("password").asText("")))
                    .noAuth(n.path("noAuth").asBoolean()).vpcId(n.path("vpcId").asText(""))
                    .subnetId(n.path("subnetId").asText("")).vport(n.path("vport").asInt(6379))
                    .createTime(Instant.parse(n.path("createTime").asText(clock.instant().toString())))
                    .deadlineTime(instant(n, "deadlineTime")).closeTime(instant(n, "closeTime"))
                    .dataPort(n.path("dataPort").asInt()).params(params).tags(tags).backups(backups)
                    .build();
            instance.extensions().load(n.get("extensions"));
            instances.add(instance);
        }
        List<Task> tasks = new ArrayList<>();
        for (JsonNode n : root.path("tasks")) {
            tasks.add(new Task(n.path("id").asLong(), n.path("type").asText(), n.path("label").asText(),
                    n.hasNonNull("instanceId") ? n.get("instanceId").asText() : null,
                    Instant.parse(n.path("startTime").asText()), TaskStatus.valueOf(n.path("status").asText()),
                    instant(n, "endTime"), n.path("message").asText("")));
        }
        return new Loaded(instances, tasks, root.path("nextTaskId").asLong(1001), root.get("extensions"));
    }

    private static void putInstant(ObjectNode n, String field, Instant value) {
        if (value == null) n.putNull(field);
        else n.put(field, value.toString());
    }

    private static Instant instant(JsonNode n, String field) {
        return n.hasNonNull(field) ? Instant.parse(n.get(field).asText()) : null;
    }
}
