package io.cachesh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void thePasswordVerbsOldAndNewPasswordsAreMasked() {
        assertThat(SecretMasker.mask("password orders, 'N3w-Secret!'"))
                .isEqualTo("password orders, '******'");
        assertThat(SecretMasker.mask("password('orders', \"N3w-Secret!\")"))
                .isEqualTo("password('orders', \"******\")");
        assertThat(SecretMasker.mask("password orders, old: 'Old-Pass1', new: 'N3w-Pass1'"))
                .isEqualTo("password orders, old: '******', new: '******'");
        // old/new elsewhere are not secrets
        assertThat(SecretMasker.mask("resize orders, capacity: 4; def old = 1")).isEqualTo("resize orders, capacity: 4; def old = 1");
    }

    @Test
    void namedSecretArgumentsAreMasked() {
        assertThat(SecretMasker.mask("create name: 'a', password: 'hunter2', spec: 'redis.ha'"))
                .isEqualTo("create name: 'a', password: '******', spec: 'redis.ha'");
        assertThat(SecretMasker.mask("provider tencent, secretKey: \"abc\\\"def\", secretId: 'AKID1'"))
                .isEqualTo("provider tencent, secretKey: \"******\", secretId: '******'");
        assertThat(SecretMasker.mask("tencent.redis.resetPassword(instanceId: 'crs-1', Password: 'p@ss')"))
                .isEqualTo("tencent.redis.resetPassword(instanceId: 'crs-1', Password: '******')");
        assertThat(SecretMasker.mask("login(sk: 'xyz', ak: 'AK1')")).isEqualTo("login(sk: '******', ak: 'AK1')");
    }

    @Test
    void assignmentsAndBareValuesAreMasked() {
        assertThat(SecretMasker.mask("def secret = 's3cr3t'")).isEqualTo("def secret = '******'");
        assertThat(SecretMasker.mask("token=abc123")).isEqualTo("token='******'");
        assertThat(SecretMasker.mask("[\"SecretKey\": \"k\"]")).isEqualTo("[\"SecretKey\": \"******\"]");
    }

    @Test
    void credentialsOfMasksTheSecond() {
        assertThat(SecretMasker.mask("Credentials.of('AKID1', 'topsecret')")).isEqualTo("Credentials.of('AKID1', '******')");
    }

    @Test
    void otherTextIsLeftAlone() {
        String cell = "list().findAll { it.status == 'running' }.each { skip it }";
        assertThat(SecretMasker.mask(cell)).isEqualTo(cell);
        assertThat(SecretMasker.mask("println secret")).isEqualTo("println secret");
    }
}
