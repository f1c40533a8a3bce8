package io.cachesh.shell.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachesh.client.auth.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence (flag > environment > profile > default), vendor variable names, and every bad-input line. */
class ConfigResolverTest {

    @TempDir
    Path home;

    ProfileFiles files;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void files() throws IOException {
        files = ProfileFiles.in(home);
        write(files.config(), """
                [default]
                provider = tencent
                region = ap-beijing

                [profile prod]
                provider = tencent
                region = ap-shanghai
                output = json
                huawei_region = cn-east-3
                huawei_project_id = 0a1b2c3d4e5f
                """, "rw-r--r--");
        write(files.credentials(), """
                [default]
                tencent_secret_id = AKIDdefault0000000000
                tencent_secret_key = default-key

                [prod]
                tencent_secret_id = AKIDprod000000000000
                tencent_secret_key = prod-key
                tencent_token = prod-token
                huawei_ak = HWAKprod
                huawei_sk = hw-prod-sk
                """, "rw-------");
    }

    private static void write(Path p, String text, String mode) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    private ResolvedConfig resolve(ConfigOverrides cli) {
        return new ConfigResolver(env, files).resolve(cli);
    }

    private static ConfigOverrides flags(String profile, String provider, String region, String output) {
        return new ConfigOverrides(profile, provider, region, null, output, null, null, null, null);
    }

    private static String source(ResolvedConfig c, String name) {
        return c.entries().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().source();
    }

    @Test
    void theDefaultProfileAppliesWithoutFlagsOrEnvironment() {
        ResolvedConfig c = resolve(ConfigOverrides.NONE);
        assertThat(c.profile()).isEqualTo("default");
        assertThat(c.settings().region()).isEqualTo("ap-beijing");
        assertThat(c.settings().output()).isEqualTo(OutputFormat.TABLE);
        assertThat(c.selectedCredentials().orElseThrow().credentials().keyId()).isEqualTo("AKIDdefault0000000000");
        assertThat(source(c, "region")).isEqualTo("~/.cachesh/config [default]");
        assertThat(source(c, "output")).isEqualTo("default");
        assertThat(source(c, "tencent SecretKey")).isEqualTo("~/.cachesh/credentials [default]");
    }

    @Test
    void flagBeatsEnvironmentBeatsProfile() {
        env.put("CACHESH_PROFILE", "prod");
        ResolvedConfig profile = resolve(ConfigOverrides.NONE);
        assertThat(profile.profile()).isEqualTo("prod");
        assertThat(profile.settings().region()).isEqualTo("ap-shanghai");
        assertThat(profile.settings().output()).isEqualTo(OutputFormat.JSON);
        var creds = profile.selectedCredentials().orElseThrow().credentials();
        assertThat(creds.keyId()).isEqualTo("AKIDprod000000000000");
        assertThat(creds.token().reveal()).isEqualTo("prod-token");
        assertThat(source(profile, "profile")).isEqualTo("env CACHESH_PROFILE");

        env.put("TENCENTCLOUD_REGION", "ap-chengdu");
        env.put("TENCENTCLOUD_SECRET_ID", "AKIDenv0000000000000");
        env.put("TENCENTCLOUD_SECRET_KEY", "env-key");
        env.put("TENCENTCLOUD_SESSION_TOKEN", "env-token");
        ResolvedConfig environment = resolve(ConfigOverrides.NONE);
        assertThat(environment.settings().region()).isEqualTo("ap-chengdu");
        creds = environment.selectedCredentials().orElseThrow().credentials();
        assertThat(creds.keyId()).isEqualTo("AKIDenv0000000000000");
        assertThat(creds.token().reveal()).isEqualTo("env-token");
        assertThat(source(environment, "tencent SecretId")).isEqualTo("env TENCENTCLOUD_SECRET_ID");

        ResolvedConfig flag = resolve(new ConfigOverrides("default", null, "ap-nanjing", null, "tsv", null,
                "AKIDflag000000000000", "flag-key", null));
        assertThat(flag.profile()).isEqualTo("default");
        assertThat(flag.settings().region()).isEqualTo("ap-nanjing");
        assertThat(flag.settings().output()).isEqualTo(OutputFormat.TSV);
        creds = flag.selectedCredentials().orElseThrow().credentials();
        assertThat(creds.keyId()).isEqualTo("AKIDflag000000000000");
        assertThat(creds.token()).as("a pair is taken whole from one place, token included").isNull();
        assertThat(source(flag, "region")).isEqualTo("--region");
        assertThat(source(flag, "tencent SecretKey")).isEqualTo("--secret-id/--secret-key");
    }

    @Test
    void terraformsTokenVariableIsAcceptedToo() {
        env.putAll(Map.of("TENCENTCLOUD_SECRET_ID", "AKIDenv0000000000000", "TENCENTCLOUD_SECRET_KEY", "k",
                "TENCENTCLOUD_SECURITY_TOKEN", "tf-token"));
        assertThat(resolve(ConfigOverrides.NONE).selectedCredentials().orElseThrow().credentials().token().reveal())
                .isEqualTo("tf-token");
    }

    @Test
    void huaweiReadsItsSdkVariablesAndProfileKeys() {
        ResolvedConfig fromProfile = resolve(flags("prod", "huawei", null, null));
        assertThat(fromProfile.settings().provider()).isEqualTo("huawei");
        assertThat(fromProfile.settings().region()).isEqualTo("cn-east-3");
        assertThat(fromProfile.optionsOf("huawei")).containsEntry("projectId", "0a1b2c3d4e5f");
        assertThat(fromProfile.selectedCredentials().orElseThrow().credentials().keyId()).isEqualTo("HWAKprod");
        assertThat(fromProfile.credentialsOf("tencent")).as("the profile's other vendor stays usable").isPresent();

        env.putAll(Map.of("HUAWEICLOUD_SDK_AK", "HWAKenv", "HUAWEICLOUD_SDK_SK", "hw-env-sk",
                "HUAWEICLOUD_SDK_SECURITY_TOKEN", "hw-token", "HUAWEICLOUD_SDK_PROJECT_ID", "ffff0000",
                "HUAWEICLOUD_SDK_REGION", "ap-southeast-1"));
        ResolvedConfig fromEnv = resolve(flags("prod", "huawei", null, null));
        var creds = fromEnv.selectedCredentials().orElseThrow().credentials();
        assertThat(creds.keyId()).isEqualTo("HWAKenv");
        assertThat(creds.secret().reveal()).isEqualTo("hw-env-sk");
        assertThat(creds.token().reveal()).isEqualTo("hw-token");
        assertThat(fromEnv.optionsOf("huawei")).containsEntry("projectId", "ffff0000");
        assertThat(fromEnv.settings().region()).isEqualTo("ap-southeast-1");
    }

    @Test
    void capitalOnlineReadsTheCdsVariablesAndHasNoTokens() {
        env.putAll(Map.of("CDS_SECRET_ID", "cds-id", "CDS_SECRET_KEY", "cds-key"));
        ResolvedConfig c = resolve(flags(null, "capitalonline", null, null));
        assertThat(c.settings().region()).isEqualTo("cn");
        assertThat(c.selectedCredentials().orElseThrow().credentials().keyId()).isEqualTo("cds-id");
        assertThatThrownBy(() -> resolve(new ConfigOverrides(null, "capitalonline", null, null, null, null, "a", "b", "t")))
                .isInstanceOf(UsageException.class).hasMessage("capitalonline has no temporary credentials: drop --token");
    }

    @Test
    void listingMasksSecretsAndShowsOnlyTheKeyIdsEnd() {
        ResolvedConfig c = resolve(flags("prod", null, null, null));
        List<String> shown = c.entries().stream().map(ConfigValue::toString).toList();
        assertThat(String.join("\n", shown)).doesNotContain("prod-key", "prod-token", "hw-prod-sk", "AKIDprod0000")
                .contains("tencent SecretId=******0000 (~/.cachesh/credentials [prod])",
                        "tencent SecretKey=****** (~/.cachesh/credentials [prod])",
                        "tencent token=****** (~/.cachesh/credentials [prod])",
                        "huawei AK=****** (~/.cachesh/credentials [prod])");
        assertThat(Secret.MASK).isEqualTo("******");
    }

    @Test
    void anUnknownProfileSaysWhichExistAndHowToCreateIt() {
        assertThatThrownBy(() -> resolve(flags("prdo", null, null, null)))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown profile 'prdo' (from --profile; configured: default, prod): run cachesh configure --profile prdo");
        env.put("CACHESH_PROFILE", "staging");
        assertThatThrownBy(() -> resolve(ConfigOverrides.NONE))
                .hasMessage("unknown profile 'staging' (from env CACHESH_PROFILE; configured: default, prod): "
                        + "run cachesh configure --profile staging");
        assertThatThrownBy(() -> resolve(flags("../etc", null, null, null)))
                .hasMessage("bad profile name '../etc' (from --profile): use letters, digits, '-', '_' or '.'");
    }

    @Test
    void aWorldReadableCredentialsFileIsRefused() throws IOException {
        Files.setPosixFilePermissions(files.credentials(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> resolve(ConfigOverrides.NONE))
                .isInstanceOf(UsageException.class)
                .hasMessage(files.credentials() + " is readable by other users (mode rw-r--r--): run chmod 600 "
                        + files.credentials());
    }

    @Test
    void malformedProfilesGetOneLineSayingWhatToDo() throws IOException {
        write(files.credentials(), "[prod]\ntencent_secret_id = AKIDonly\n", "rw-------");
        assertThatThrownBy(() -> resolve(flags("prod", null, null, null)))
                .hasMessage("~/.cachesh/credentials [prod] sets tencent_secret_id but not tencent_secret_key: "
                        + "run cachesh configure --profile prod");
        write(files.config(), "[default]\ntencent_secret_key = oops\n", "rw-r--r--");
        assertThatThrownBy(() -> resolve(ConfigOverrides.NONE))
                .hasMessage("~/.cachesh/config [default] holds the secret tencent_secret_key: move it to "
                        + "~/.cachesh/credentials (mode 600), e.g. with cachesh configure");
        write(files.config(), "[default]\noutput = yaml\n", "rw-r--r--");
        assertThatThrownBy(() -> resolve(ConfigOverrides.NONE))
                .hasMessage("unknown output format 'yaml': use one of table, json, text, tsv (in ~/.cachesh/config [default])");
        write(files.config(), "[default]\nprovider = aws\n", "rw-r--r--");
        assertThatThrownBy(() -> resolve(ConfigOverrides.NONE))
                .hasMessage("unknown provider 'aws' (from ~/.cachesh/config [default]): use one of tencent, huawei, capitalonline");
    }

    @Test
    void aBadCredentialsLineIsNotQuotedInTheError() throws IOException {
        write(files.credentials(), "[default]\ntencent_secret_id = AKIDx\nsk-pasted-without-a-key\n", "rw-------");
        assertThatThrownBy(() -> resolve(ConfigOverrides.NONE))
                .hasMessage("~/.cachesh/credentials line 3 has no '=': write key = value under [default] or "
                        + "[profile <name>], or run cachesh configure to rewrite it")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-pasted"));
    }

    @Test
    void halfAPairFromFlagsOrEnvironmentIsAnError() {
        assertThatThrownBy(() -> resolve(new ConfigOverrides(null, null, null, null, null, null, "AKIDx", null, null)))
                .hasMessage("give both --secret-id and --secret-key (only --secret-id is set)");
        env.put("HUAWEICLOUD_SDK_SK", "sk");
        assertThatThrownBy(() -> resolve(flags(null, "huawei", null, null)))
                .hasMessage("set both HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (only HUAWEICLOUD_SDK_SK is set)");
    }

    @Test
    void aMalformedQueryIsOneLine() {
        assertThatThrownBy(() -> resolve(new ConfigOverrides(null, null, null, null, null, "InstanceSet[", null, null, null)))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("malformed --query 'InstanceSet[': ")
                .hasMessageEndingWith("(a JMESPath expression such as InstanceSet[].InstanceId, see docs/output.md)")
                .hasNoCause();
    }
}
