package io.cachesh.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cachesh.client.auth.Credentials;
import io.cachesh.client.auth.IamPasswordCredentials;
import io.cachesh.client.core.ClientConfig;
import io.cachesh.client.error.ApiException;
import io.cachesh.client.retry.RetryPolicy;
import io.cachesh.client.tencent.redis.TencentRedisClient;
import io.cachesh.emulator.Emulator;
import io.cachesh.reliability.support.Jul;
import io.cachesh.shell.cli.CacheshCommand;
import io.cachesh.shell.config.ShellEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A session that uses secrets, then a scan of everything it printed, logged, stored or threw; plus profile and TLS. */
@Timeout(180)
class SecretsScanTest {

    static final String SECRET_KEY = "SK-reliability-7f3a9c1e5b";
    static final String KEY_ID = "AKIDreliability00000000000000000000";
    static final String PW_CREATE = "Pw-Create-4711";
    static final String PW_CHANGED = "Pw-Changed-0815";
    static final String PW_DRYRUN = "Pw-DryRun-2342";
    static final String PW_WRONG = "Pw-Wrong-9999";
    static final String IAM_PASSWORD = "Iam-Pass-31337";
    static final List<String> SECRETS = List.of(SECRET_KEY, PW_CREATE, PW_CHANGED, PW_DRYRUN, PW_WRONG, IAM_PASSWORD);

    @TempDir
    Path home;

    final Map<String, String> captured = new LinkedHashMap<>();

    record Cli(int code, String out, String err, String terminal) {
    }

    Cli cachesh(Map<String, String> env, String typed, String... args) {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ShellEnvironment environment = new ShellEnvironment(env, home,
                () -> new DumbTerminal("test", "dumb", new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                        terminal, StandardCharsets.UTF_8), false, latch -> { });
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cmd = CacheshCommand.newCommandLine(environment);
        cmd.setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true));
        int code = cmd.execute(args);
        return new Cli(code, o.toString(), e.toString(), terminal.toString(StandardCharsets.UTF_8));
    }

    void capture(String where, Cli cli) {
        captured.put(where + " stdout", cli.out());
        captured.put(where + " stderr", cli.err());
        // the terminal echoes what the user typed (their own input, as on a real terminal): scan everything else
        captured.put(where + " terminal", cli.terminal().lines().filter(l -> !l.matches("^(In \\[\\d+]:|\\s*\\.\\.\\.:).*"))
                .collect(java.util.stream.Collectors.joining("\n")));
    }

    static String throwableText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            sb.append(x).append('\n');
            for (Throwable s : x.getSuppressed()) sb.append(" suppressed ").append(s).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aSessionThatUsesSecretsLeaksNoneOfThem() throws Exception {
        Credentials credentials = Credentials.of(KEY_ID, SECRET_KEY);
        try (Jul logs = new Jul();
             Emulator emulator = Emulator.builder().port(0).taskDelay(Duration.ofMillis(50)).credentials(credentials)
                     .iamCredentials(IamPasswordCredentials.of("cachesh", IAM_PASSWORD, "cachesh", "cn-north-4"))
                     .build().start()) {
            Map<String, String> env = Map.of("NO_COLOR", "1", "TENCENTCLOUD_SECRET_ID", KEY_ID,
                    "TENCENTCLOUD_SECRET_KEY", SECRET_KEY);
            String endpoint = emulator.endpoint();

            // a runbook: create with a password, change it, connect with it, JSON output
            Path runbook = Files.writeString(home.resolve("secrets.groovy"), """
                    def i = create name: 'orders', spec: 'redis.ha', capacity: 1, password: '%s'
                    password i, new: '%s'
                    def c = connect i, password: '%s'
                    c.set('k', 'v')
                    c.close()
                    [instance: describe(i), config: '%s'.size()]
                    """.formatted(PW_CREATE, PW_CHANGED, PW_CHANGED, PW_CHANGED));
            Cli run = cachesh(env, "", "run", runbook.toString(), "--endpoint", endpoint, "--output", "json");
            capture("run --output json", run);
            assertThat(run.code()).as("%s", run).isZero();

            // dry-run of a create with a password
            Path dry = Files.writeString(home.resolve("dry.groovy"),
                    "create name: 'dry', spec: 'redis.ha', capacity: 1, password: '" + PW_DRYRUN + "'");
            Cli dryRun = cachesh(env, "", "run", dry.toString(), "--endpoint", endpoint, "--dry-run");
            capture("run --dry-run", dryRun);
            assertThat(dryRun.err()).contains("dry-run: CreateInstances");

            // a failing call (wrong password on clear) and --debug stack traces
            Cli failing = cachesh(env, "", "--debug", "--endpoint", endpoint, "-e",
                    "clear 'orders', password: '" + PW_WRONG + "'");
            capture("-e failing clear --debug", failing);
            Cli json = cachesh(env, "", "--output", "json", "--endpoint", endpoint, "-e",
                    "tencent.redis.describeInstances(limit: 10)");
            capture("-e raw json", json);

            // the REPL with history (dumb terminal)
            Cli repl = cachesh(env, "x = create name: 'repl', spec: 'redis.ha', capacity: 1, password: '" + PW_CREATE + "'\n"
                    + "x.status\n%history\nCredentials.of('id', '" + SECRET_KEY + "')\n"
                    + "clear x, password: '" + PW_WRONG + "'\n", "--endpoint", endpoint);
            capture("repl", repl);
            Path history = home.resolve(".cachesh/history");
            if (Files.exists(history)) captured.put("history file", Files.readString(history));

            // the client: request log, an ApiException, toString of what it touched
            List<String> requestLog = new CopyOnWriteArrayList<>();
            ClientConfig config = ClientConfig.builder().credentials(credentials).region("ap-guangzhou").endpoint(endpoint)
                    .iamCredentials(IamPasswordCredentials.of("cachesh", IAM_PASSWORD, "cachesh", "cn-north-4"))
                    .requestLog(requestLog::add).retryPolicy(RetryPolicy.none()).build();
            List<Object> touched = new ArrayList<>(List.of(config, credentials, credentials.secret(), config.iamCredentials()));
            try (TencentRedisClient redis = TencentRedisClient.create(config)) {
                var page = redis.describeInstances(r -> r.limit(10L));
                touched.add(page);
                String id = page.instanceSet().get(0).instanceId();
                var reset = redis.resetPassword(r -> r.instanceId(id).password(PW_CHANGED));
                touched.add(reset);
                var request = io.cachesh.client.tencent.redis.model.ClearInstanceRequest.builder().instanceId(id)
                        .password(PW_WRONG).build();
                touched.add(request);
                Throwable thrown = null;
                try {
                    redis.clearInstance(request);
                    redis.clearInstance(r -> r.instanceId("crs-nope").password(PW_WRONG));
                } catch (ApiException e) {
                    thrown = e;
                }
                if (thrown != null) captured.put("ApiException", throwableText(thrown));
            }
            try (TencentRedisClient bad = TencentRedisClient.create(config.toBuilder()
                    .credentials(Credentials.of(KEY_ID, SECRET_KEY + "x")).build())) {
                assertThatThrownBy(() -> bad.describeInstances(r -> r.limit(1L))).isInstanceOf(ApiException.class)
                        .satisfies(t -> captured.put("auth ApiException", throwableText(t)));
            }
            captured.put("request log", String.join("\n", requestLog));
            for (Object o : touched) captured.put("toString " + o.getClass().getSimpleName(), String.valueOf(o));
            captured.put("logs (java.util.logging)", String.join("\n", logs.lines));
        }

        List<String> hits = new ArrayList<>();
        captured.forEach((where, text) -> {
            for (String secret : SECRETS) {
                if (text != null && text.contains(secret)) {
                    int at = text.indexOf(secret);
                    hits.add(secret + " in " + where + ": ..." + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + 40)).replace("\n", "\\n"));
                }
            }
        });
        assertThat(captured).as("the scan saw output").hasSizeGreaterThan(15);
        assertThat(hits).as("secrets found").isEmpty();
    }

    @Test
    void aProfileReadableByOthersIsRefused() throws Exception {
        Path profile = home.resolve(".cachesh/credentials");
        Files.createDirectories(profile.getParent());
        Files.writeString(profile, "tencent.secretId=" + KEY_ID + "\ntencent.secretKey=" + SECRET_KEY + "\n");
        for (String mode : List.of("rw-r--r--", "rw-rw-rw-", "rw----r--", "rw-r-----")) {
            Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString(mode));
            Cli cli = cachesh(Map.of("NO_COLOR", "1"), "", "-e", "1");
            assertThat(cli.code()).as(mode).isEqualTo(2);
            assertThat(cli.err()).as(mode).contains("readable by other users", "chmod 600").doesNotContain(SECRET_KEY);
        }
        Files.setPosixFilePermissions(profile, PosixFilePermissions.fromString("rw-------"));
        Cli ok = cachesh(Map.of("NO_COLOR", "1"), "", "--endpoint", "http://127.0.0.1:1", "-e", "1 + 1");
        assertThat(ok.out()).isEqualTo("2\n");
    }

    /** A client pointed at https:// with a self-signed certificate must fail verification: there is no trust-all path. */
    @Test
    void aSelfSignedHttpsEndpointFailsVerification() throws Exception {
        Path store = home.resolve("self-signed.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "s", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            byte[] b = "{\"Response\":{\"TotalCount\":0,\"InstanceSet\":[],\"RequestId\":\"x\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try (TencentRedisClient redis = TencentRedisClient.create(ClientConfig.builder()
                .credentials(Credentials.of(KEY_ID, SECRET_KEY)).region("ap-guangzhou")
                .endpoint("https://127.0.0.1:" + server.getAddress().getPort()).retryPolicy(RetryPolicy.none()).build())) {
            assertThatThrownBy(() -> redis.describeInstances(r -> r.limit(1L)))
                    .satisfies(t -> assertThat(throwableText(t)).containsAnyOf("SSL", "PKIX", "certificate"))
                    .satisfies(t -> assertThat(throwableText(t)).doesNotContain(SECRET_KEY));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theHistoryNeverHoldsTheNewPasswordOfThePasswordVerb() throws Exception {
        Cli repl = cachesh(Map.of("NO_COLOR", "1"), "password 'x', new: '" + PW_CHANGED + "', old: '" + PW_CREATE
                + "'\n%history\n", "--endpoint", "http://127.0.0.1:1");
        assertThat(Files.readString(home.resolve(".cachesh/history"))).doesNotContain(PW_CHANGED).doesNotContain(PW_CREATE);
        assertThat(repl.terminal().lines().filter(l -> !l.startsWith("In ["))).noneMatch(l -> l.contains(PW_CHANGED));
    }
}
