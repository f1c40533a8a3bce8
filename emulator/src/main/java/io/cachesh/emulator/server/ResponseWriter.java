package io.cachesh.emulator.server;

import io.cachesh.emulator.protocol.HttpResponseData;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Date;
import java.util.Map;

/** Writes one {@link HttpResponseData} to a connection (from any thread: Netty hands the write to the event loop). */
final class ResponseWriter {

    private ResponseWriter() {
    }

    /** The whole answer; {@code keepAlive} false announces {@code Connection: close} (the caller closes). */
    static ChannelFuture write(Channel channel, HttpResponseData response, boolean keepAlive) {
        DefaultFullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        setHeaders(out.headers(), response, keepAlive);
        return channel.writeAndFlush(out);
    }

    /** The status line and headers only, announcing the whole body's length (the caller writes the body). */
    static HttpResponse head(HttpResponseData response, boolean keepAlive) {
        DefaultHttpResponse out = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()));
        setHeaders(out.headers(), response, keepAlive);
        return out;
    }

    private static void setHeaders(HttpHeaders headers, HttpResponseData response, boolean keepAlive) {
        headers.set(HttpHeaderNames.DATE, Clock.now());
        headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        headers.set(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (!keepAlive) headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        for (Map.Entry<String, String> h : response.headers().entrySet()) headers.set(h.getKey(), h.getValue());
    }

    /** The {@code Date} header, formatted once a second rather than per answer. */
    private static final class Clock {
        private static volatile long second;
        private static volatile String text = "";

        static String now() {
            long s = System.currentTimeMillis() / 1000;
            if (s != second) {
                text = DateFormatter.format(new Date(s * 1000));
                second = s;
            }
            return text;
        }
    }
}
