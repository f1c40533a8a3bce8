package io.cachesh.client.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportExceptionTest {

    @Test
    void aReadTimeoutOfANonIdempotentCallIsPlainWordsAndWarns() {
        SocketTimeoutException cause = new SocketTimeoutException("timeout");
        TransportException e = new TransportException("tencent-redis CreateInstances", "https://redis.tencentcloudapi.com/",
                cause, false, Duration.ofMillis(700));
        assertThat(e.getMessage()).isEqualTo("tencent-redis CreateInstances failed: timed out after 0.7 s waiting for "
                + "redis.tencentcloudapi.com — the action may have been performed; check before retrying");
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.mayHaveBeenPerformed()).isTrue();
    }

    @Test
    void aRefusedConnectionNeverWarnsAndNamesTheAddress() {
        TransportException e = new TransportException("tencent-redis CreateInstances", "http://127.0.0.1:9000",
                new ConnectException("Connection refused"), false, Duration.ofSeconds(30));
        assertThat(e.getMessage()).isEqualTo("tencent-redis CreateInstances failed: connection refused by 127.0.0.1:9000");
        assertThat(e.beforeSending()).isTrue();
        assertThat(e.mayHaveBeenPerformed()).isFalse();
    }

    @Test
    void noJavaNamesEvenFromOddCauses() {
        TransportException reset = new TransportException("x Op", "http://h:1/", new SocketException("Connection reset"),
                true, null);
        assertThat(reset.getMessage()).isEqualTo("x Op failed: connection reset by h:1");
        TransportException odd = new TransportException("x Op", "http://h/",
                new java.io.IOException("java.lang.IllegalStateException: boom"), true, null);
        assertThat(odd.getMessage()).isEqualTo("x Op failed: no answer from h").doesNotContain("Exception");
    }
}
