package io.cachesh.client.auth;

import java.util.Objects;

/**
 * Huawei Cloud IAM password credentials for token authentication ({@code POST /v3/auth/tokens}, password method,
 * project scope): the IAM user, its password, the account (domain) name and the project the token is scoped to.
 * {@link #toString()} masks the password.
 *
 * @param userName    IAM user name
 * @param password    the user's password
 * @param domainName  account name the user belongs to
 * @param projectName project to scope the token to, e.g. {@code cn-north-4}; null for the client's region
 */
public record IamPasswordCredentials(String userName, Secret password, String domainName, String projectName) {

    public IamPasswordCredentials {
        Objects.requireNonNull(userName, "userName == null");
        Objects.requireNonNull(password, "password == null");
        Objects.requireNonNull(domainName, "domainName == null");
        if (userName.isBlank()) throw new IllegalArgumentException("userName is blank");
        if (domainName.isBlank()) throw new IllegalArgumentException("domainName is blank");
    }

    public static IamPasswordCredentials of(String userName, String password, String domainName, String projectName) {
        return new IamPasswordCredentials(userName, Secret.of(password), domainName, projectName);
    }

    @Override
    public String toString() {
        return "IamPasswordCredentials[userName=" + userName + ", password=" + Secret.MASK + ", domainName=" + domainName
                + (projectName == null ? "" : ", projectName=" + projectName) + "]";
    }
}
