package io.cachesh.emulator.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachesh.emulator.Emulator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated typed client ({@code io.cachesh.client.tencent.redis}) against the emulator: its signatures verify, and
 * the emulator's responses bind to its model classes. Reflective, so this module compiles whatever state the clients
 * jar is in; skipped when the generated client is not installed yet.
 */
class TypedClientRoundTripTest {

    static final String PKG = "io.cachesh.client.tencent.redis";
    static final ObjectMapper JSON = new ObjectMapper();

    static Emulator emulator;
    static Tc3TestClient raw;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulator.builder().taskDelay(Duration.ofMillis(100)).build().start();
        raw = new Tc3TestClient(emulator.endpoint(), emulator.credentials());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            assumeTrue(false, "generated client class " + name + " not installed yet");
            throw new AssertionError(e);
        }
    }

    /** Calls the public method {@code name} with {@code args.length} parameters. */
    static Object invoke(Object target, String name, Object... args) throws Exception {
        Class<?> cls = target instanceof Class<?> c ? c : target.getClass();
        for (Method m : cls.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && (args.length == 0 || m.getParameterTypes()[0].isInstance(args[0])
                        || m.getParameterTypes()[0] == Long.class && args[0] instanceof Long)) {
                try {
                    return m.invoke(target instanceof Class<?> ? null : target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception ex) throw ex;
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(cls.getName() + "." + name + "/" + args.length);
    }

    static Object request(String shape, Object... namesAndValues) throws Exception {
        Object builder = invoke(type(PKG + ".model." + shape), "builder");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            invoke(builder, (String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return invoke(builder, "build");
    }

    static Object client() throws Exception {
        Object config = invoke(type("io.cachesh.client.core.ClientConfig"), "builder");
        invoke(config, "credentials", emulator.credentials());
        invoke(config, "region", "ap-guangzhou");
        invoke(config, "endpoint", emulator.endpoint());
        return invoke(type(PKG + ".TencentRedisClient"), "create", invoke(config, "build"));
    }

    @Test
    void theTypedClientCreatesDescribesAndSeesVendorErrors() throws Exception {
        assumeTrue(emulator.dataPlaneAvailable(), "no redis-server");
        Object client = client();
        try {
            Object created = invoke(client, "createInstances", request("CreateInstancesRequest",
                    "typeId", 15L, "memSize", 1024L, "goodsNum", 1L, "period", 1L, "billingMode", 0L,
                    "password", "Cachesh-Pass1", "instanceName", "typed"));
            List<?> ids = (List<?>) invoke(created, "instanceIds");
            String id = (String) ids.get(0);
            assertThat((String) invoke(created, "requestId")).isNotBlank();
            raw.waitStatus(id, 2);

            Object described = invoke(client, "describeInstances", request("DescribeInstancesRequest", "instanceId", id));
            assertThat((Long) invoke(described, "totalCount")).isEqualTo(1L);
            Object set = ((List<?>) invoke(described, "instanceSet")).get(0);
            assertThat(invoke(set, "instanceId")).isEqualTo(id);
            assertThat(invoke(set, "wanIp")).isEqualTo("127.0.0.1");
            assertThat(((Number) invoke(set, "port")).intValue()).isPositive();
            assertThat(((Number) invoke(set, "status")).intValue()).isEqualTo(2);
            assertThat(invoke(set, "instanceName")).isEqualTo("typed");

            Object task = invoke(client, "clearInstance", request("ClearInstanceRequest", "instanceId", id, "password", "Cachesh-Pass1"));
            Long taskId = (Long) invoke(task, "taskId");
            raw.waitTask(taskId);
            Object info = invoke(client, "describeTaskInfo", request("DescribeTaskInfoRequest", "taskId", taskId));
            assertThat(invoke(info, "status")).isEqualTo("succeed");

            try {
                invoke(client, "clearInstance", request("ClearInstanceRequest", "instanceId", id, "password", "Wrong-Pass1"));
                throw new AssertionError("expected an ApiException");
            } catch (RuntimeException e) {
                assertThat(e.getClass().getName()).startsWith("io.cachesh.client.error.");
                assertThat(invoke(e, "code")).isEqualTo("InvalidParameterValue.PasswordError");
            }
        } finally {
            if (client instanceof AutoCloseable c) c.close();
        }
    }

    @Test
    void rawResponsesBindToTheGeneratedModelClasses() throws Exception {
        bind("DescribeProductInfo", "{}", "DescribeProductInfoResponse");
        bind("DescribeInstances", "{\"Limit\":5}", "DescribeInstancesResponse");
        if (emulator.dataPlaneAvailable()) {
            String id = raw.call("CreateInstances", "{\"TypeId\":8,\"MemSize\":1024,\"GoodsNum\":1,\"Period\":1,"
                    + "\"BillingMode\":0,\"Password\":\"Cachesh-Pass1\"}").path("InstanceIds").get(0).asText();
            raw.waitStatus(id, 2);
            Object params = bind("DescribeInstanceParams", "{\"InstanceId\":\"" + id + "\"}", "DescribeInstanceParamsResponse");
            assertThat((List<?>) invoke(params, "instanceIntegerParam")).hasSize(10);
            raw.waitTask(raw.call("ManualBackupInstance", "{\"InstanceId\":\"" + id + "\"}").path("TaskId").asLong());
            Object backups = bind("DescribeInstanceBackups", "{\"InstanceId\":\"" + id + "\"}", "DescribeInstanceBackupsResponse");
            assertThat((List<?>) invoke(backups, "backupSet")).hasSize(1);
        }
    }

    private static Object bind(String action, String body, String responseShape) throws Exception {
        Class<?> cls = type(PKG + ".model." + responseShape);
        JsonNode response = raw.call(action, body);
        Object bound = JSON.treeToValue(response, cls);
        assertThat((String) invoke(bound, "requestId")).isEqualTo(response.path("RequestId").asText());
        return bound;
    }
}
