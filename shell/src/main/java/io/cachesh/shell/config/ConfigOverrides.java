package io.cachesh.shell.config;

/**
 * What the command line says (null: not given). These win over the environment and the profile.
 *
 * @param profile   {@code --profile}
 * @param provider  {@code --provider}
 * @param region    {@code --region}
 * @param endpoint  {@code --endpoint}
 * @param output    {@code --output}
 * @param query     {@code --query}
 * @param secretId  {@code --secret-id} (the selected provider's key id)
 * @param secretKey {@code --secret-key} (its secret; visible in {@code ps}, so the environment or a profile is better)
 * @param token     {@code --token} (a temporary credential's token)
 */
public record ConfigOverrides(String profile, String provider, String region, String endpoint, String output,
                              String query, String secretId, String secretKey, String token) {

    public static final ConfigOverrides NONE = new ConfigOverrides(null, null, null, null, null, null, null, null, null);

    /** These values where given, else {@code outer}'s (a subcommand's options over the main command's). */
    public ConfigOverrides over(ConfigOverrides outer) {
        if (outer == null) return this;
        return new ConfigOverrides(or(profile, outer.profile), or(provider, outer.provider), or(region, outer.region),
                or(endpoint, outer.endpoint), or(output, outer.output), or(query, outer.query),
                or(secretId, outer.secretId), or(secretKey, outer.secretKey), or(token, outer.token));
    }

    public ConfigOverrides withProvider(String value) {
        return new ConfigOverrides(profile, value, region, endpoint, output, query, secretId, secretKey, token);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    /** True when a credential flag was given. */
    public boolean hasCredentialFlags() {
        return secretId != null || secretKey != null || token != null;
    }

    @Override
    public String toString() {
        return "ConfigOverrides[profile=" + profile + ", provider=" + provider + ", region=" + region + ", endpoint="
                + endpoint + ", output=" + output + ", query=" + query + ", secretId=" + secretId
                + (secretKey == null ? "" : ", secretKey=******") + (token == null ? "" : ", token=******") + "]";
    }
}
