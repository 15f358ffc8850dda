package org.plugboard.callback.internal;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
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

/**
 * The UDP socket on Netty: one I/O thread, receive buffers one byte larger than the maximum datagram (so a larger
 * one is seen as too large, its excess discarded by the kernel), each datagram handed to {@link CallbackRequests}.
 * Answers are queued on the channel from any thread and never waited for.
 */
final class UdpListener implements Replies, AutoCloseable {
    /** What the I/O thread hands a datagram to. */
    interface Handler {
        void datagram(InetSocketAddress sender, byte[] data, int size);
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final CallbackCounters counters;

    private UdpListener(EventLoopGroup group, Channel channel, CallbackCounters counters) {
        this.group = group;
        this.channel = channel;
        this.counters = counters;
    }

    /** Binds the socket; throws (with the group shut down) when the address or port cannot be had. */
    static UdpListener open(String bindAddress, int port, int maxDatagramBytes, CallbackCounters counters, java.util.function.Function<Replies, Handler> handler)
            throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(1, (java.util.concurrent.ThreadFactory) r -> new Thread(r, "plugboard-callback-udp"));
        try {
            Replies[] self = new Replies[1];
            Handler h = handler.apply((to, text) -> self[0].send(to, text));
            Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagramBytes + 1))
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            ByteBuf content = packet.content();
                            int size = content.readableBytes();
                            byte[] data = new byte[Math.min(size, maxDatagramBytes)];
                            content.readBytes(data);
                            h.datagram(packet.sender(), data, size);
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            counters.sendErrors.incrementAndGet(); // e.g. ICMP port unreachable for an earlier answer
                        }
                    })
                    .bind(new InetSocketAddress(bindAddress, port)).sync().channel();
            UdpListener listener = new UdpListener(group, channel, counters);
            self[0] = listener;
            return listener;
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw e;
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked-ly
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            throw new IllegalStateException(e.toString(), e);
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void send(InetSocketAddress to, String text) {
        if (!channel.isActive()) {
            counters.sendErrors.incrementAndGet(); // the socket was closed (configuration change): the answer is lost
            return;
        }
        channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8), to))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        counters.sendErrors.incrementAndGet();
                    }
                });
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
