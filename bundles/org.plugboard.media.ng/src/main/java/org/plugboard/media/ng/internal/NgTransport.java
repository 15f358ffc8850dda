package org.plugboard.media.ng.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * One UDP socket to one ng engine. Each request gets a fresh cookie; it is sent again with the same cookie every
 * {@code timeout} until a reply with that cookie comes or {@code retries} retransmissions are spent, so the engine
 * can answer a retransmission from its reply cache instead of executing the command twice.
 */
final class NgTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NgTransport.class);
    /** Requests waiting for a reply at once; beyond it a request fails at once instead of growing the map. */
    static final int MAX_PENDING = 10_000;

    private final String name;
    private final InetSocketAddress engine;
    private final long timeoutMillis;
    private final int retries;
    // Cookies must be unique among every client of a shared engine (rtpengine caches replies by cookie alone).
    private final String cookiePrefix = HexFormat.of().formatHex(new SecureRandom().generateSeed(6)) + "_";
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong strayReplies = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final EventLoopGroup group;
    private final Channel channel;
    /** Receives the engine's events (a media node's operation outcomes), on the socket's thread: hand them on. */
    private volatile java.util.function.Consumer<NgDict> events = e -> {
    };

    private record Pending(byte[] datagram, CompletableFuture<NgDict> reply, String command, int[] sent) {
    }

    NgTransport(String name, InetSocketAddress engine, long timeoutMillis, int retries) {
        this.name = name;
        this.engine = engine;
        this.timeoutMillis = Math.max(1, timeoutMillis);
        this.retries = Math.max(0, retries);
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("ng-client-" + name, true));
        try {
            this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    // Netty reads 2048 bytes per datagram by default; a query reply is larger
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(NgCodec.MAX_DATAGRAM))
                    .handler(new ReplyHandler()).bind(0).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    void onEvent(java.util.function.Consumer<NgDict> handler) {
        this.events = handler;
    }

    /** How long a blocking caller waits at most: every attempt's timeout. */
    long bound() {
        return timeoutMillis * (retries + 1);
    }

    String engineAddress() {
        return Addresses.format(engine);
    }

    long strayReplies() {
        return strayReplies.get();
    }

    long timeouts() {
        return timeouts.get();
    }

    int pending() {
        return pending.size();
    }

    /**
     * Sends a request; the future completes with the reply dictionary (whatever its result) or an NgTimeoutException.
     *
     * @throws IllegalArgumentException when the command cannot be encoded in one datagram
     */
    CompletableFuture<NgDict> request(Map<String, Object> command) {
        CompletableFuture<NgDict> future = new CompletableFuture<>();
        if (pending.size() >= MAX_PENDING) {
            future.completeExceptionally(new NgTimeoutException(MAX_PENDING + " requests already wait for " + engineAddress()));
            return future;
        }
        if (!channel.isOpen()) {
            future.completeExceptionally(new NgTimeoutException("the client of media engine '" + name + "' is stopped"));
            return future;
        }
        String cookie = cookiePrefix + sequence.incrementAndGet();
        Pending p = new Pending(NgCodec.encode(cookie, command), future, String.valueOf(command.get(Ng.COMMAND)), new int[1]);
        pending.put(cookie, p);
        channel.eventLoop().execute(() -> attempt(cookie, p));
        return future;
    }

    /**
     * Sends a request without waiting: the future completes on the socket's event loop with the reply dictionary
     * (whatever its result), or exceptionally with a {@link MediaException}: BAD_SDP when the command does not fit
     * in one datagram (nothing is sent), ENGINE_FAILURE naming the engine's address and the time waited when no
     * reply came. Dependents must not be slow: give them an executor ({@code ...Async}).
     */
    CompletableFuture<NgDict> send(Map<String, Object> command) {
        CompletableFuture<NgDict> reply;
        try {
            reply = request(command);
        } catch (IllegalArgumentException e) {
            // our commands are well-typed: only an SDP too large for one datagram gets here
            return CompletableFuture.failedFuture(new MediaException(Kind.BAD_SDP, "'" + command.get(Ng.COMMAND)
                    + "' cannot be sent to media engine '" + name + "': " + e.getMessage(), e));
        }
        CompletableFuture<NgDict> mapped = new CompletableFuture<>();
        reply.whenComplete((dict, error) -> {
            if (error == null) {
                mapped.complete(dict);
            } else {
                mapped.completeExceptionally(notAnswered(command, error));
            }
        });
        return mapped;
    }

    /**
     * Sends a request and waits for its reply, at most {@link #bound()} ms.
     *
     * @throws MediaException as {@link #send}
     */
    NgDict call(Map<String, Object> command) throws MediaException {
        return await(send(command), bound(), name);
    }

    /**
     * Waits for a future of {@link #send} (or a stage built on it). The future ends itself after the last attempt;
     * the second of slack only covers a stalled event loop.
     */
    static <T> T await(CompletableFuture<T> future, long boundMillis, String engine) throws MediaException {
        try {
            return future.get(boundMillis + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(Kind.ENGINE_FAILURE, "interrupted while waiting for media engine '" + engine + "'");
        } catch (TimeoutException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "media engine '" + engine + "': no outcome within "
                    + (boundMillis + 1000) + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MediaException m) {
                // a fresh exception, so the waiting caller's stack shows up too
                throw new MediaException(m.kind(), m.getMessage(), m);
            }
            throw new MediaException(Kind.ENGINE_FAILURE, "media engine '" + engine + "' failed: " + cause, cause);
        }
    }

    private MediaException notAnswered(Map<String, Object> command, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new MediaException(Kind.ENGINE_FAILURE, "media engine '" + name + "' at " + engineAddress()
                + " did not answer '" + command.get(Ng.COMMAND) + "': " + cause.getMessage(), cause);
    }

    private void attempt(String cookie, Pending p) {
        if (p.reply().isDone()) {
            pending.remove(cookie);
            return;
        }
        if (p.sent()[0] > retries) {
            pending.remove(cookie);
            timeouts.incrementAndGet();
            p.reply().completeExceptionally(new NgTimeoutException("no reply within " + bound() + " ms ("
                    + (retries + 1) + " attempt(s), " + timeoutMillis + " ms each)"));
            return;
        }
        p.sent()[0]++;
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(p.datagram()), engine));
        ScheduledFuture<?> next = channel.eventLoop().schedule(() -> attempt(cookie, p), timeoutMillis, TimeUnit.MILLISECONDS);
        p.reply().whenComplete((r, e) -> next.cancel(false));
    }

    /** Lets requests in flight (a release's delete) finish, at most one bound, then closes. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bound());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        for (Pending p : pending.values()) {
            p.reply().completeExceptionally(new NgTimeoutException("the client of media engine '" + name + "' stopped"));
        }
        pending.clear();
    }

    private final class ReplyHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (!engine.equals(packet.sender())) {
                strayReplies.incrementAndGet();
                return;
            }
            NgMessage message;
            try {
                message = NgCodec.decode(ByteBufUtil.getBytes(packet.content()));
            } catch (NgFormatException e) {
                strayReplies.incrementAndGet();
                LOG.debug("Media engine '{}': unreadable reply dropped: {}", name, e.getMessage());
                return;
            }
            Pending p = pending.remove(message.cookie());
            if (p == null && EndpointWire.EVENT.equals(message.dict().string(Ng.COMMAND))) {
                // the engine's event: acknowledged (every copy, so it stops resending), then handed on
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(NgCodec.encode(message.cookie(),
                        Map.of(Ng.RESULT, Ng.OK))), engine));
                events.accept(message.dict());
                return;
            }
            if (p == null) {
                // a reply to a retransmission after the first reply, or after we gave up
                strayReplies.incrementAndGet();
                return;
            }
            p.reply().complete(message.dict());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Media engine '{}': socket error: {}", name, cause.toString());
        }
    }
}
