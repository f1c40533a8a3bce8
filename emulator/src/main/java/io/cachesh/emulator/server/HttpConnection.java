package io.cachesh.emulator.server;

import io.cachesh.emulator.protocol.HttpRequestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One client connection, on its event loop: assembles each request (head and body pieces from the HTTP codec) into an
 * {@link HttpRequestData}, hands it to a worker thread and writes the answer. Requests of a connection are answered one
 * at a time, in order (a pipelining client waits, and its connection stops being read meanwhile).
 *
 * <p>The body limit: a {@code Content-Length} above {@link HttpRequestData#MAX_BODY_BYTES} is refused at once, without
 * reading the body, and a chunked body that runs past it is refused there; both answer the vendor's size error
 * ({@link HttpRequestData#TOO_LARGE}) and close the connection, dropping the rest of the body unread.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(EmulatorServer.class.getName());

    /** One request to serve; {@code problem} is non-null when it could not be read to its end. */
    private record Incoming(HttpRequestData request, String problem, boolean keepAlive) {
    }

    private final RequestRouter router;
    private final Executor workers;
    private String remote = "";
    private HttpRequest head;
    private ByteArrayOutputStream body;
    /** Nothing more is read on this connection: its last request is submitted (it closes after the answer). */
    private boolean finished;
    private boolean busy;
    private final ArrayDeque<Incoming> waiting = new ArrayDeque<>();

    HttpConnection(RequestRouter router, Executor workers) {
        this.router = router;
        this.workers = workers;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remote = String.valueOf(ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (finished) return;
            if (msg instanceof HttpRequest request) {
                if (request.decoderResult().isFailure()) {
                    refuse(ctx, request, problem(request.decoderResult().cause()));
                    return;
                }
                if (request.protocolVersion().majorVersion() != 1) {
                    refuse(ctx, request, "the protocol must be HTTP/1.1 or HTTP/1.0, got " + request.protocolVersion());
                    return;
                }
                head = request;
                long announced = HttpUtil.getContentLength(request, -1L);
                if (announced > HttpRequestData.MAX_BODY_BYTES) {
                    complete(ctx, request, HttpRequestData.TOO_LARGE, false);
                    return;
                }
                // grown as the body arrives: an announced 10 MB that never comes must not hold 10 MB per connection
                body = new ByteArrayOutputStream(announced > 0 ? (int) Math.min(announced, 64 * 1024) : 256);
                if (HttpUtil.is100ContinueExpected(request)) {
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                            Unpooled.EMPTY_BUFFER));
                }
            }
            if (msg instanceof HttpContent content && head != null) {
                if (content.decoderResult().isFailure()) {
                    refuse(ctx, head, problem(content.decoderResult().cause()));
                    return;
                }
                ByteBuf bytes = content.content();
                if (body.size() + bytes.readableBytes() > HttpRequestData.MAX_BODY_BYTES) {
                    complete(ctx, head, HttpRequestData.TOO_LARGE, false);
                    return;
                }
                bytes.readBytes(body, bytes.readableBytes());
                if (content instanceof LastHttpContent) {
                    HttpRequest request = head;
                    byte[] bytesRead = body.toByteArray();
                    head = null;
                    body = null;
                    complete(ctx, request, bytesRead, HttpUtil.isKeepAlive(request));
                }
            }
        } catch (Exception e) {
            // e.g. a Content-Length the codec let through but HttpUtil cannot read: refuse it, never a 500
            LOG.log(System.Logger.Level.DEBUG, "unreadable request from " + remote + ": " + e.getMessage());
            submit(ctx, new Incoming(null, "the request could not be read", false));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** A request read (or refused for its size): served, unless its target is neither a path nor a URL. */
    private void complete(ChannelHandlerContext ctx, HttpRequest request, byte[] bytes, boolean keepAlive) {
        HttpRequestData data = data(request, bytes);
        if (data == null) {
            submit(ctx, new Incoming(null, "the request-target must be a path (/...) or an absolute URL "
                    + "(http://host/...), got " + quoted(request.uri()), false));
        } else {
            submit(ctx, new Incoming(data, null, keepAlive));
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, String problem) {
        LOG.log(System.Logger.Level.DEBUG, "malformed request from " + remote + ": " + problem);
        HttpRequestData data = request.decoderResult().isFailure() && request.uri().equals("/bad-request")
                ? null : data(request, new byte[0]);
        submit(ctx, new Incoming(data, problem, false));
    }

    /** The codec's complaint in plain words, never a Java class name. */
    private static String problem(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return "the request line or headers are too long";
        }
        String m = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        m = m.replaceAll("[\\p{Cntrl}]", "?");
        if (m.isBlank() || m.contains("java.") || m.contains("io.netty")) return "the request is not valid HTTP/1.1";
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    private static String quoted(String s) {
        String t = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return "'" + t.replaceAll("[\\p{Cntrl}]", "?") + "'";
    }

    /** The request as the front-ends see it, null when its target is neither a path nor an absolute URL. */
    private HttpRequestData data(HttpRequest request, byte[] bytes) {
        RequestTarget target = RequestTarget.parse(request.uri());
        if (target == null) return null;
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> h : request.headers()) {
            headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>(1)).add(h.getValue());
        }
        return new HttpRequestData(request.method().name().toUpperCase(Locale.ROOT), target.path(), target.rawQuery(),
                headers, bytes, remote, target.rawPath());
    }

    private void submit(ChannelHandlerContext ctx, Incoming incoming) {
        if (!incoming.keepAlive()) {
            finished = true;
            head = null;
            body = null;
        }
        if (busy) {
            waiting.add(incoming);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        run(ctx, incoming);
    }

    private void run(ChannelHandlerContext ctx, Incoming incoming) {
        busy = true;
        Channel channel = ctx.channel();
        try {
            workers.execute(() -> answer(ctx, channel, incoming));
        } catch (RejectedExecutionException e) {
            channel.close();     // the server is closing
        }
    }

    /** On a worker thread: serve, write, then (back on the event loop) take the next request or close. */
    private void answer(ChannelHandlerContext ctx, Channel channel, Incoming incoming) {
        ChannelFuture written;
        try {
            if (incoming.problem() != null) {
                written = ResponseWriter.write(channel, router.refuse(incoming.request(), incoming.problem()), false);
            } else {
                RequestRouter.Answer answer = router.serve(incoming.request());
                written = answer.fault() == null
                        ? ResponseWriter.write(channel, answer.response(), incoming.keepAlive())
                        : DeliveryFaultWriter.deliver(channel, answer.response(), answer.fault(), incoming.keepAlive());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            return;
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.ERROR, "answering " + remote + " failed", e);
            channel.close();
            return;
        }
        if (channel.eventLoop().isShuttingDown()) return;     // the server is closing
        written.addListener(f -> {
            if (!incoming.keepAlive() || !f.isSuccess() || !channel.isActive()) {
                channel.close();
            } else {
                next(ctx);
            }
        });
    }

    /** On the event loop, after an answer went out on a kept-alive connection. */
    private void next(ChannelHandlerContext ctx) {
        busy = false;
        Incoming queued = waiting.poll();
        if (queued != null) {
            run(ctx, queued);
        } else if (!finished && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "connection from " + remote + ": " + cause.getMessage());
        ctx.close();
    }
}
