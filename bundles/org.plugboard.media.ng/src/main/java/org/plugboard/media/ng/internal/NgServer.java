package org.plugboard.media.ng.internal;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.plugboard.api.media.MediaGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The media node's ng socket: answers rtpengine's ng protocol with a local {@link MediaGateway}, so several PBX
 * nodes can share this process as their media engine. Datagrams are read on one Netty thread; commands run on a
 * small bounded pool (the gateway may block briefly); replies are cached by sender and cookie.
 */
@Component(service = {}, immediate = true, configurationPid = NgServerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NgServerConfig.class)
public class NgServer {
    private static final Logger LOG = LoggerFactory.getLogger(NgServer.class);
    static final int QUEUE = 1024;
    static final int CACHE_ENTRIES = 100_000;

    private final CallTable calls;
    private final ServedEndpoints endpoints;
    private final EventSender events;
    private final ReplyCache cache;
    private final ThreadPoolExecutor workers;
    private final EventLoopGroup group;
    private final Channel channel;
    private final String engineName;

    final AtomicLong received = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong answeredFromCache = new AtomicLong();
    final AtomicLong ignoredInProgress = new AtomicLong();
    final AtomicLong overloaded = new AtomicLong();

    @Activate
    public NgServer(NgServerConfig config, @Reference(name = "engine") MediaGateway engine) {
        this(config.listen(), engine, config.threads(), config.reply_cache_seconds());
    }

    NgServer(String listen, MediaGateway engine, int threads, int cacheSeconds) {
        InetSocketAddress address = Addresses.parse(listen, "ng server listen");
        this.engineName = engine.engine();
        this.calls = new CallTable(engine);
        this.cache = new ReplyCache(TimeUnit.SECONDS.toNanos(Math.max(1, cacheSeconds)), CACHE_ENTRIES);
        int n = Math.max(1, threads);
        this.workers = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                new DefaultThreadFactory("ng-server-worker", true));
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("ng-server", true));
        this.events = new EventSender(this::reply, group);
        this.endpoints = new ServedEndpoints(engine, events);
        try {
            this.channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(NgCodec.MAX_DATAGRAM))
                    .handler(new CommandHandler()).bind(address).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            workers.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("ng server cannot listen on " + listen + ": " + e.getMessage(), e);
        }
        group.scheduleWithFixedDelay(() -> {
            int idle = closeIdleEndpoints(System.nanoTime());
            if (idle > 0) {
                LOG.info("ng server closed {} endpoint(s) no client touched for a minute", idle);
            }
        }, 10, 10, TimeUnit.SECONDS);
        LOG.info("ng server on {} serving media engine '{}' ({} worker(s), replies kept {} s)", Addresses.format(address),
                engineName, n, Math.max(1, cacheSeconds));
    }

    @Deactivate
    void deactivate() {
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        int served = calls.size() + endpoints.size();
        calls.releaseAll();
        endpoints.closeAll();
        LOG.info("ng server stopped: released {} session(s); {} datagram(s) received, {} malformed dropped, "
                + "{} retransmission(s) answered from the cache, {} refused while overloaded", served, received.get(),
                malformed.get(), answeredFromCache.get(), overloaded.get());
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    int liveCalls() {
        return calls.size();
    }

    int closeIdleEndpoints(long now) {
        return endpoints.closeIdle(now);
    }

    int liveEndpoints() {
        return endpoints.size();
    }

    private void reply(InetSocketAddress to, byte[] datagram) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to));
    }

    /** Runs on a worker: execute, encode, cache, send. */
    private void execute(String key, NgMessage message, InetSocketAddress sender) {
        byte[] out;
        try {
            String command = message.dict().string(Ng.COMMAND);
            boolean endpoint = command != null && command.toLowerCase(java.util.Locale.ROOT).startsWith(EndpointWire.PREFIX);
            out = NgCodec.encode(message.cookie(), endpoint ? endpoints.handle(message.dict(), sender) : calls.handle(message.dict()));
        } catch (IllegalArgumentException e) {
            // a reply that cannot be encoded (too big for one datagram)
            out = error(message.cookie(), "Reply too large: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // the engine's bundle broke under us: still answer, so the client does not wait and retry
            LOG.warn("ng command from {} failed", sender, e);
            out = error(message.cookie(), "Internal error: " + e);
        }
        cache.finish(key, out, System.nanoTime());
        reply(sender, out);
    }

    private static byte[] error(String cookie, String reason) {
        return NgCodec.encode(cookie, Map.of(Ng.RESULT, Ng.ERROR, Ng.ERROR_REASON, reason));
    }

    private final class CommandHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            received.incrementAndGet();
            InetSocketAddress sender = packet.sender();
            NgMessage message;
            try {
                message = NgCodec.decode(ByteBufUtil.getBytes(packet.content()));
            } catch (NgFormatException e) {
                malformed.incrementAndGet();
                LOG.debug("ng datagram from {} dropped: {}", sender, e.getMessage());
                return;
            }
            if (events.acknowledged(message.cookie())) {
                return; // a client acknowledged one of our events
            }
            String key = Addresses.format(sender) + " " + message.cookie();
            ReplyCache.Lookup lookup = cache.begin(key, System.nanoTime());
            switch (lookup.state()) {
                case DONE -> {
                    answeredFromCache.incrementAndGet();
                    reply(sender, lookup.reply());
                }
                case IN_PROGRESS -> ignoredInProgress.incrementAndGet();
                case NEW -> {
                    try {
                        workers.execute(() -> execute(key, message, sender));
                    } catch (RejectedExecutionException e) {
                        overloaded.incrementAndGet();
                        cache.abandon(key);
                        reply(sender, error(message.cookie(), "Overloaded: " + QUEUE + " commands waiting"));
                    }
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("ng server socket error: {}", cause.toString());
        }
    }
}
