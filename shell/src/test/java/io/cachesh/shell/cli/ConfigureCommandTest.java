package io.cachesh.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachesh.client.auth.Credentials;
import io.cachesh.emulator.Emulator;
import io.cachesh.shell.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cachesh configure} and profiles end to end: files written (mode 600), interactive answers with the secret not
 * echoed, {@code configure list} with sources, and the profile's keys signing real requests to an emulator that only
 * accepts those keys.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConfigureCommandTest {

    static final Credentials KEYS = Credentials.of("AKIDcacheshProfileTest00000000000000", "profile-test-secret-key");
    static final String PROJECT = "cacheshprofiletest01";
    static Emulator emulator;
    static final java.util.List<io.cachesh.emulator.protocol.HttpRequestData> requests =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
    String typed = "";
    final ByteArrayOutputStream terminalOut = new ByteArrayOutputStream();
    String out;
    String err;

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.builder().port(0).stateDir(null).credentials(KEYS).build().start();
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) emulator.close();
    }

    private int cachesh(String... args) {
        Cli.Result r = Cli.run(Cli.environment(env, home, typed, terminalOut), args);
        out = r.out();
        err = r.err();
        return r.code();
    }

    private Path config() {
        return home.resolve(".cachesh/config");
    }

    private Path credentials() {
        return home.resolve(".cachesh/credentials");
    }

    private String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void flagsWritePrivateIniFilesAndTheProfileSignsRealRequests() throws IOException {
        typed = KEYS.secret().reveal() + "\n";
        assertThat(cachesh("configure", "--profile", "prod", "--secret-id", KEYS.keyId(), "--secret-key", "-",
                "--region", "ap-shanghai", "--output", "json", "--set", "endpoint=" + emulator.endpoint())).isZero();
        assertThat(err).isEqualTo("profile 'prod' written to ~/.cachesh/config and ~/.cachesh/credentials (mode 600)\n");
        assertThat(mode(config())).isEqualTo("rw-------");
        assertThat(mode(credentials())).isEqualTo("rw-------");
        assertThat(mode(config().getParent())).isEqualTo("rwx------");
        assertThat(Files.readString(config())).isEqualTo("""
                [profile prod]
                provider = tencent
                region = ap-shanghai
                output = json
                endpoint = %s
                """.formatted(emulator.endpoint()));
        assertThat(Files.readString(credentials())).isEqualTo("""
                [prod]
                tencent_secret_id = %s
                tencent_secret_key = %s
                """.formatted(KEYS.keyId(), KEYS.secret().reveal()));
        assertThat(terminalOut.toString(StandardCharsets.UTF_8)).doesNotContain(KEYS.secret().reveal());

        // the profile's keys, region, endpoint and output are used: the emulator accepts only these keys
        assertThat(cachesh("--profile", "prod", "-e", "tencent.redis.describeInstances(limit: 5)",
                "--query", "TotalCount")).isZero();
        assertThat(out).isEqualTo("0\n");
        assertThat(err).isEmpty();

        // the environment beats the profile: wrong keys there are refused by the emulator
        env.putAll(Map.of("TENCENTCLOUD_SECRET_ID", "AKIDwrong000000000000000000000000000",
                "TENCENTCLOUD_SECRET_KEY", "wrong"));
        assertThat(cachesh("--profile", "prod", "-e", "tencent.redis.describeInstances(limit: 5)")).isEqualTo(1);
        assertThat(err).startsWith("error: tencent AuthFailure");
        // and the flags beat the environment
        assertThat(cachesh("--profile", "prod", "--secret-id", KEYS.keyId(), "--secret-key", KEYS.secret().reveal(),
                "-e", "tencent.redis.describeInstances(limit: 5).totalCount")).isZero();
        assertThat(out).isEqualTo("0\n");
    }

    private static String header(io.cachesh.emulator.protocol.HttpRequestData request, String name) {
        return request.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    @Test
    void temporaryTokensAndEveryProviderOfTheProfileReachTheWire() {
        // an emulator that accepts only this temporary key pair and token (it checks X-TC-Token and X-Security-Token)
        Credentials temporary = new Credentials(KEYS.keyId(), KEYS.secret(), io.cachesh.client.auth.Secret.of("session-token-1"));
        try (Emulator sts = Emulator.builder().port(0).stateDir(null).credentials(temporary).huaweiProjectId(PROJECT)
                .requestObserver(requests::add).build().start()) {
            typed = KEYS.secret().reveal() + "\n" + "session-token-1\n";
            assertThat(cachesh("configure", "--profile", "multi", "--secret-id", KEYS.keyId(), "--secret-key", "-",
                    "--token", "-", "--set", "endpoint=" + sts.endpoint())).as(err).isZero();
            typed = KEYS.secret().reveal() + "\n";
            assertThat(cachesh("configure", "--profile", "multi", "--provider", "huawei", "--secret-id", KEYS.keyId(),
                    "--secret-key", "-", "--token", "session-token-1", "--set", "huawei_project_id=" + PROJECT)).as(err).isZero();

            requests.clear();
            assertThat(cachesh("--profile", "multi", "-e", "tencent.redis.describeInstances(limit: 1).totalCount")).as(err).isZero();
            assertThat(header(requests.get(requests.size() - 1), "X-TC-Token")).isEqualTo("session-token-1");

            // the profile's provider is tencent; its huawei keys, token and project serve `provider huawei`
            requests.clear();
            assertThat(cachesh("--profile", "multi", "-e", "cache { provider huawei; list().size() }")).as(err).isZero();
            assertThat(out).isEqualTo("0\n");
            var last = requests.get(requests.size() - 1);
            assertThat(last.path()).contains("/" + PROJECT + "/");
            assertThat(header(last, "X-Security-Token")).isEqualTo("session-token-1");

            // without the token the emulator refuses the same keys
            assertThat(cachesh("--profile", "multi", "--secret-id", KEYS.keyId(), "--secret-key", KEYS.secret().reveal(),
                    "-e", "tencent.redis.describeInstances(limit: 1)")).isEqualTo(1);
            assertThat(err).startsWith("error: tencent AuthFailure");
        }
    }

    @Test
    void interactiveConfigureAsksForEachValueWithoutEchoingSecrets() throws IOException {
        typed = String.join("\n", "huawei", "cn-north-4", "", "HWAKinteractive01", "hw-secret-sk-value", "-",
                Emulator.DEFAULT_HUAWEI_PROJECT_ID, "-", "-") + "\n";
        env.put("CACHESH_PROFILE", "hw");
        assertThat(cachesh("configure")).as(err).isZero();
        String screen = terminalOut.toString(StandardCharsets.UTF_8);
        assertThat(screen).contains("Configuring profile 'hw'", "Provider (tencent, huawei, capitalonline) [tencent]: ",
                "huawei region [cn-north-4]: ", "Output (table, json, text, tsv) [table]: ", "huawei AK: ", "huawei SK: ",
                "huawei_project_id (- for none) [-]: ");
        assertThat(screen).as("the SK is not echoed").doesNotContain("hw-secret-sk-value");
        assertThat(Files.readString(config())).isEqualTo("""
                [profile hw]
                provider = huawei
                region = cn-north-4
                output = table
                huawei_project_id = %s
                """.formatted(Emulator.DEFAULT_HUAWEI_PROJECT_ID));
        assertThat(Files.readString(credentials())).isEqualTo("""
                [hw]
                huawei_ak = HWAKinteractive01
                huawei_sk = hw-secret-sk-value
                """);

        // run again: Enter keeps every value, secrets shown as ******
        terminalOut.reset();
        typed = "\n".repeat(9);
        assertThat(cachesh("configure")).isZero();
        assertThat(terminalOut.toString(StandardCharsets.UTF_8))
                .contains("huawei AK [HWAKinteractive01]: ", "huawei SK [******]: ")
                .doesNotContain("hw-secret-sk-value");
        assertThat(Files.readString(credentials())).contains("huawei_sk = hw-secret-sk-value");
    }

    @Test
    void configureListShowsEachValuesSourceWithSecretsMasked() {
        typed = "tencent-secret-value\n";
        assertThat(cachesh("configure", "--profile", "prod", "--secret-id", "AKIDlist0000000000001234",
                "--secret-key", "-", "--region", "ap-beijing")).isZero();
        env.put("TENCENTCLOUD_REGION", "ap-chengdu");
        assertThat(cachesh("configure", "list", "--profile", "prod", "--output", "table")).isZero();
        assertThat(out).isEqualTo("""
                name               value       source
                profile            prod        --profile
                provider           tencent     ~/.cachesh/config [profile prod]
                region             ap-chengdu  env TENCENTCLOUD_REGION
                output             table       --output
                endpoint           <not set>   -
                tencent SecretId   ******1234  ~/.cachesh/credentials [prod]
                tencent SecretKey  ******      ~/.cachesh/credentials [prod]
                """);
        assertThat(cachesh("configure", "list", "--profile", "prod", "-o", "json", "--query", "[?name=='region'].source | [0]"))
                .isZero();
        assertThat(out).isEqualTo("\"env TENCENTCLOUD_REGION\"\n");
    }

    @Test
    void theEarlierPropertiesFileStillWorksAndIsMigratedOnWrite() throws IOException {
        Files.createDirectories(credentials().getParent());
        Files.writeString(credentials(), "# old\ntencent.secretId=" + KEYS.keyId() + "\ntencent.secretKey="
                + KEYS.secret().reveal() + "\n");
        Files.setPosixFilePermissions(credentials(), PosixFilePermissions.fromString("rw-------"));
        assertThat(cachesh("--endpoint", emulator.endpoint(), "-e", "tencent.redis.describeInstances(limit: 1).totalCount"))
                .as(err).isZero();
        assertThat(out).isEqualTo("0\n");

        assertThat(cachesh("configure", "--set", "region=ap-beijing")).isZero();
        assertThat(err).startsWith("migrated ~/.cachesh/credentials to the INI format ([default] section)\n");
        assertThat(Files.readString(credentials())).isEqualTo("[default]\n# old\ntencent_secret_id = " + KEYS.keyId()
                + "\ntencent_secret_key = " + KEYS.secret().reveal() + "\n");
        assertThat(mode(credentials())).isEqualTo("rw-------");
    }

    @Test
    void everyProviderWorksOnTheEmbeddedEmulatorInTheRegionAsked() {
        assertThat(cachesh("--provider", "huawei", "--region", "cn-east-3", "-o", "tsv", "--query", "[[provider, region]]", "-e",
                "create name: 'orders', spec: 'redis.ha', capacity: 1, password: 'Orders-Pass1'")).as(err).isZero();
        assertThat(out).isEqualTo("huawei\tcn-east-3\n");
        assertThat(cachesh("--provider", "capitalonline", "-o", "json", "--query", "length(@)", "-e", "list()")).as(err).isZero();
        assertThat(out).isEqualTo("0\n");
    }

    @Test
    void setAndGetWorkAsInTccli() throws IOException {
        assertThat(cachesh("configure", "set", "output", "json", "--profile", "prod")).as(err).isZero();
        assertThat(cachesh("configure", "set", "huawei_project_id", "0a1b2c", "--profile", "prod")).isZero();
        assertThat(cachesh("--profile", "prod", "configure", "get", "output")).isZero();
        assertThat(out).isEqualTo("json\n");
        assertThat(cachesh("configure", "get", "huawei_project_id", "--profile", "prod")).isZero();
        assertThat(out).isEqualTo("0a1b2c\n");
        assertThat(cachesh("configure", "set", "output", "--profile", "prod")).isZero(); // no value: removed
        assertThat(cachesh("configure", "get", "output", "--profile", "prod")).isZero();
        assertThat(out).isEmpty();
        assertThat(Files.readString(config())).isEqualTo("[profile prod]\nhuawei_project_id = 0a1b2c\n");

        assertThat(cachesh("configure", "get", "tencent_secret_key")).isEqualTo(2);
        assertThat(err).isEqualTo("error: tencent_secret_key is a credential: cachesh configure list shows it masked\n");
        assertThat(cachesh("configure", "set", "tencent_secret_key", "x")).isEqualTo(2);
        assertThat(err).startsWith("error: tencent_secret_key is a credential: give it with --secret-id/--secret-key");
        assertThat(cachesh("configure", "set", "output", "yaml")).isEqualTo(2);
        assertThat(err).isEqualTo("error: unknown output format 'yaml': use one of table, json, text, tsv\n");
    }

    @Test
    void helpShowsTheExamples() {
        assertThat(cachesh("configure", "--help")).isZero();
        assertThat(out).contains("Usage: cachesh configure", "--secret-key=<key>", "--set=<key=value>",
                "printf '%s\\n' \"$SK\" | cachesh configure --profile prod --provider huawei \\\n", "list  Show the effective");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        assertThat(cachesh("--profile", "nosuch", "-e", "1")).isEqualTo(2);
        assertThat(err).isEqualTo("error: unknown profile 'nosuch' (from --profile; no profiles are configured): "
                + "run cachesh configure --profile nosuch\n");
        assertThat(out).isEmpty();

        assertThat(cachesh("-e", "1", "--query", "[?status=='running'")).isEqualTo(2);
        assertThat(err).startsWith("error: malformed --query '[?status=='running'': ").endsWith("see docs/output.md)\n")
                .hasLineCount(1);

        assertThat(cachesh("configure", "--set", "colour=blue")).isEqualTo(2);
        assertThat(err).startsWith("error: unknown setting 'colour': use one of provider, region, output, endpoint, ");
        assertThat(cachesh("configure", "--secret-id", "AKIDonly")).isEqualTo(2);
        assertThat(err).isEqualTo("error: give both --secret-id and --secret-key (the tencent SecretId and SecretKey)\n");
        assertThat(Files.exists(credentials())).as("nothing written on bad input").isFalse();

        Files.createDirectories(config().getParent());
        Files.writeString(config(), "[default]\nregion ap-beijing\n");
        assertThat(cachesh("-e", "1")).isEqualTo(2);
        assertThat(err).isEqualTo("error: ~/.cachesh/config line 2 has no '=' in 'region ap-beijing': write key = value "
                + "under [default] or [profile <name>], or run cachesh configure to rewrite it\n");
    }
}
