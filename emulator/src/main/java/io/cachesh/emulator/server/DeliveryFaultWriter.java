package io.cachesh.emulator.server;

import io.cachesh.emulator.control.FaultRule;
import io.cachesh.emulator.protocol.HttpResponseData;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * An injected delivery fault ({@link FaultRule#changesDelivery}): the announced body is cut in half and the connection
 * dropped ({@code reset}), or it is trickled in about ten pieces over {@code slowBody}; an HTTP 5xx is delivered as it
 * is. Runs on the worker thread that served the request, so its pauses never hold the event loop.
 */
final class DeliveryFaultWriter {

    private DeliveryFaultWriter() {
    }

    static ChannelFuture deliver(Channel channel, HttpResponseData response, FaultRule fault, boolean keepAlive)
            throws InterruptedException {
        byte[] body = response.body();
        if (fault.reset()) {
            channel.write(ResponseWriter.head(response, keepAlive));
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, 0, body.length / 2)));
            // closing with bytes missing: the client reads a short body
            return channel.close();
        }
        if (fault.slowBody().isZero()) return ResponseWriter.write(channel, response, keepAlive);
        channel.writeAndFlush(ResponseWriter.head(response, keepAlive));
        int pieces = Math.max(1, Math.min(body.length, 10));
        long pause = fault.slowBody().toMillis() / pieces;
        int step = Math.max(1, (body.length + pieces - 1) / pieces);
        for (int off = 0; off < body.length && channel.isActive(); off += step) {
            Thread.sleep(pause);
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(body, off, Math.min(step, body.length - off))));
        }
        return channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
}
