package io.cachesh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import groovy.lang.GroovyShell;
import io.cachesh.client.error.ApiException;
import io.cachesh.dsl.DslException;
import io.cachesh.shell.config.UsageException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    private static Throwable groovy(String source) {
        return catchThrowable(() -> new GroovyShell().evaluate(source));
    }

    @Test
    void vendorErrorsKeepCodeAndRequestIdAndExitOne() {
        ApiException e = new ApiException("tencent", "ResourceNotFound.InstanceNotExists", "instance crs-x does not exist",
                "req-123", 400);
        assertThat(ErrorMessages.message(new ExecutionException(e)))
                .isEqualTo("tencent ResourceNotFound.InstanceNotExists: instance crs-x does not exist (RequestId req-123)");
        assertThat(ErrorMessages.exitCode(e)).isEqualTo(1);
    }

    @Test
    void dslAndUsageErrorsExitTwo() {
        assertThat(ErrorMessages.message(new DslException("unknown spec 'redis.huge'"))).isEqualTo("unknown spec 'redis.huge'");
        assertThat(ErrorMessages.exitCode(new RuntimeException(new DslException("x")))).isEqualTo(2);
        assertThat(ErrorMessages.exitCode(new UsageException("x"))).isEqualTo(2);
        assertThat(ErrorMessages.exitCode(new io.cachesh.dsl.DslTimeoutException("orders not running after 5m"))).isEqualTo(1);
    }

    @Test
    void dslErrorsNameTheScriptLineWhenTheSessionRecordedIt() {
        assertThat(ErrorMessages.message(new DslException("lst: x").at(null, 3))).isEqualTo("line 3: lst: x");
        assertThat(ErrorMessages.message(new RuntimeException(new DslException("lst: x").at("scripts/a.groovy", 7))))
                .isEqualTo("scripts/a.groovy:7: lst: x");
    }

    @Test
    void compileErrorsAreOneLineWithLineAndColumn() {
        Throwable e = groovy("x = 1\ny = = 2");
        assertThat(ErrorMessages.message(e)).isEqualTo("syntax error at line 2, column 5: Unexpected input: '='");
        assertThat(ErrorMessages.exitCode(e)).isEqualTo(2);
    }

    @Test
    void groovyRuntimeErrorsLoseTheScriptClass() {
        assertThat(ErrorMessages.message(groovy("nosuch"))).isEqualTo("No such property: nosuch");
        assertThat(ErrorMessages.message(groovy("nosuch(1)")))
                .isEqualTo("No signature of method: nosuch() is applicable for argument types: (Integer) values: [1]");
        assertThat(ErrorMessages.message(groovy("null.foo()")))
                .isEqualTo("NullPointerException: Cannot invoke method foo() on null object");
        assertThat(ErrorMessages.exitCode(groovy("nosuch"))).isEqualTo(1);
    }
}
