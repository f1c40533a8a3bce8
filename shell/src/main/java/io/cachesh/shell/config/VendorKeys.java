package io.cachesh.shell.config;

import io.cachesh.dsl.ProviderSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where each provider's credentials and settings are read: the vendor's own environment variable names (those of its
 * SDK, CLI and Terraform provider) and the keys of {@code ~/.cachesh/credentials} and {@code ~/.cachesh/config}.
 * See docs/credentials.md.
 */
public enum VendorKeys {

    /** Tencent Cloud SDK / tccli / Terraform names; {@code TENCENTCLOUD_SECURITY_TOKEN} is Terraform's token name. */
    TENCENT("tencent", "SecretId", "SecretKey", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY",
            List.of("TENCENTCLOUD_SESSION_TOKEN", "TENCENTCLOUD_SECURITY_TOKEN"), "TENCENTCLOUD_REGION",
            "tencent_secret_id", "tencent_secret_key", "tencent_token", Map.of()),
    /** Huawei Cloud SDK v3 {@code EnvCredentialProvider} names. */
    HUAWEI("huawei", "AK", "SK", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK",
            List.of("HUAWEICLOUD_SDK_SECURITY_TOKEN"), "HUAWEICLOUD_SDK_REGION",
            "huawei_ak", "huawei_sk", "huawei_security_token",
            orderedMap(ProviderSettings.PROJECT_ID, "HUAWEICLOUD_SDK_PROJECT_ID", ProviderSettings.VPC_ID, null,
                    ProviderSettings.SUBNET_ID, null)),
    /** CapitalOnline's Go SDK and Terraform provider ({@code terraform-provider-cds}) names; no temporary keys. */
    CAPITALONLINE("capitalonline", "AccessKeyId", "AccessKeySecret", "CDS_SECRET_ID", "CDS_SECRET_KEY",
            List.of(), "CDS_REGION", "capitalonline_secret_id", "capitalonline_secret_key", null,
            orderedMap(ProviderSettings.VDC_ID, null, ProviderSettings.PIPE_ID, null, ProviderSettings.SITE, null));

    private final String provider;
    private final String idLabel;
    private final String secretLabel;
    private final String envId;
    private final String envSecret;
    private final List<String> envToken;
    private final String envRegion;
    private final String fileId;
    private final String fileSecret;
    private final String fileToken;
    /** Provider option (ProviderSettings key) -> its environment variable, or null. */
    private final Map<String, String> options;

    VendorKeys(String provider, String idLabel, String secretLabel, String envId, String envSecret, List<String> envToken,
               String envRegion, String fileId, String fileSecret, String fileToken, Map<String, String> options) {
        this.provider = provider;
        this.idLabel = idLabel;
        this.secretLabel = secretLabel;
        this.envId = envId;
        this.envSecret = envSecret;
        this.envToken = envToken;
        this.envRegion = envRegion;
        this.fileId = fileId;
        this.fileSecret = fileSecret;
        this.fileToken = fileToken;
        this.options = options;
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    public static Optional<VendorKeys> of(String provider) {
        return Arrays.stream(values()).filter(v -> v.provider.equals(provider)).findFirst();
    }

    /** The keys of a provider, or a one-line error listing the known providers. */
    public static VendorKeys require(String provider) {
        return of(provider).orElseThrow(() -> new UsageException("unknown provider '" + provider + "': use one of "
                + names()));
    }

    public static String names() {
        return Arrays.stream(values()).map(VendorKeys::provider).collect(Collectors.joining(", "));
    }

    public String provider() {
        return provider;
    }

    /** The vendor's word for the key id: SecretId, AK, AccessKeyId. */
    public String idLabel() {
        return idLabel;
    }

    /** The vendor's word for the secret: SecretKey, SK, AccessKeySecret. */
    public String secretLabel() {
        return secretLabel;
    }

    public String envId() {
        return envId;
    }

    public String envSecret() {
        return envSecret;
    }

    /** Token variables, first wins; empty when the vendor has no temporary credentials. */
    public List<String> envToken() {
        return envToken;
    }

    public String envRegion() {
        return envRegion;
    }

    /** {@code tencent_secret_id}, {@code huawei_ak}, {@code capitalonline_secret_id}. */
    public String fileId() {
        return fileId;
    }

    public String fileSecret() {
        return fileSecret;
    }

    /** The token key, or null when the vendor has no temporary credentials. */
    public String fileToken() {
        return fileToken;
    }

    public boolean supportsToken() {
        return fileToken != null;
    }

    /** {@code tencent_region}: the provider's region in the config file. */
    public String fileRegion() {
        return provider + "_region";
    }

    /** Provider options ({@code projectId}, {@code vdcId}...), in order. */
    public List<String> options() {
        return List.copyOf(options.keySet());
    }

    /** The environment variable of an option, or null. */
    public String envOption(String option) {
        return options.get(option);
    }

    /** {@code huawei_project_id} for {@code projectId}. */
    public String fileOption(String option) {
        return provider + "_" + snake(option);
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** True for keys that hold secrets (they belong in the credentials file only). */
    public static boolean isSecretKey(String fileKey) {
        for (VendorKeys v : values()) {
            if (fileKey.equals(v.fileSecret) || fileKey.equals(v.fileToken)) return true;
        }
        return false;
    }

    /**
     * The current spelling of a key of the earlier properties-style credentials file ({@code tencent.secretId},
     * {@code secretId}, {@code TENCENTCLOUD_SECRET_ID}...); other keys unchanged.
     */
    public static String canonicalKey(String key) {
        return switch (key) {
            case "tencent.secretId", "secretId", "TENCENTCLOUD_SECRET_ID" -> TENCENT.fileId;
            case "tencent.secretKey", "secretKey", "TENCENTCLOUD_SECRET_KEY" -> TENCENT.fileSecret;
            case "tencent.token", "token", "TENCENTCLOUD_SESSION_TOKEN" -> TENCENT.fileToken;
            default -> key;
        };
    }
}
