package org.plugboard.media.relay;

import java.util.concurrent.ThreadFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/** Epoll when its native library loads (Linux with the netty-transport-native-epoll fragment), NIO otherwise. */
final class Transport {
    private final boolean epoll;

    Transport() {
        this.epoll = Epoll.isAvailable();
    }

    /** The transport of a group a previous version of the bundle started (its channels are of that kind). */
    Transport(EventLoopGroup adopted) {
        this.epoll = adopted instanceof EpollEventLoopGroup;
    }

    boolean epoll() {
        return epoll;
    }

    EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        return epoll ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    ChannelFactory<? extends DatagramChannel> channels() {
        return epoll ? EpollDatagramChannel::new : NioDatagramChannel::new;
    }

    /**
     * Level-triggered epoll for relay sockets: a media socket holds one packet per wake-up, and edge-triggered mode
     * makes Netty read until EAGAIN, one wasted recvfrom per packet. Level-triggered reads what the buffer holds
     * and lets epoll report the socket again if more is queued.
     */
    Bootstrap tune(Bootstrap bootstrap) {
        return epoll ? bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED) : bootstrap;
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }
}
