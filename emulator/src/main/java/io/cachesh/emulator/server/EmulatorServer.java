package io.cachesh.emulator.server;

import io.cachesh.emulator.protocol.HttpRequestData;
import io.cachesh.emulator.protocol.ProtocolHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's one HTTP/1.1 port on 127.0.0.1: Netty reads and writes on an event loop ({@link HttpConnection}), and
 * every request is served on a bounded pool of worker threads by the first {@link ProtocolHandler} that accepts it
 * ({@link RequestRouter}): handlers block (real redis-server/memcached, injected latency) and the armed fault rule is a
 * thread-local of the serving thread. Netty rather than the JDK's {@code com.sun.net.httpserver}: the raw request-target
 * reaches us (the JDK refused a bad percent-escape itself with an HTML page), no JVM-wide system properties, and less
 * work per request.
 */
public final class EmulatorServer implements AutoCloseable {

    /** Larger bodies are refused (Tencent's documented POST limit is 10 MB). */
    public static final int MAX_BODY_BYTES = HttpRequestData.MAX_BODY_BYTES;

    /** Worker threads: handlers block on injected latency and the data plane, so more than the cores. */
    static final int WORKERS = 16;

    private final EventLoopGroup loops;
    private final ExecutorService workers;
    private final Channel listener;

    public EmulatorServer(int port, List<ProtocolHandler> handlers) throws IOException {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        RequestRouter router = new RequestRouter(handlers);
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemons("cachesh-emulator-http-"));
        this.loops = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                daemons("cachesh-emulator-io-"), NioIoHandler.newFactory());
        HttpDecoderConfig codec = new HttpDecoderConfig().setMaxInitialLineLength(64 * 1024)
                .setMaxHeaderSize(64 * 1024).setMaxChunkSize(64 * 1024)
                // a header value with odd characters (a hostile Authorization) reaches the front-end, which answers
                // in its vendor's terms (AuthFailure), as a gateway that passes headers through would
                .setValidateHeaders(false);
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                // connections are accepted from start() on, as the JDK server did (bound here, so port() works)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(codec), new HttpConnection(router, workers));
                    }
                });
        try {
            this.listener = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                    .syncUninterruptibly().channel();
        } catch (Exception e) {
            shutDown();
            throw e instanceof IOException io ? io : new IOException("cannot listen on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public void start() {
        listener.config().setAutoRead(true);
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        shutDown();
    }

    /** Workers first (an answer in progress is interrupted), then the event loops, so no answer outlives its loop. */
    private void shutDown() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
