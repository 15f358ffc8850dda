package org.plugboard.bench.media;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

/**
 * The generator's sockets and event loops. Side A of call c uses socket c % K, side B socket K + c % K, so a
 * few sockets carry many calls (each call still has its own relay ports): every wake-up reads and writes a
 * batch per socket with recvmmsg/sendmmsg instead of a system call per packet.
 */
final class Generator implements AutoCloseable {
    private static final int MAX_DATAGRAM = 512;     // > 172: a longer datagram is cut and counted malformed
    private static final int BATCH = 64;              // datagrams per recvmmsg
    private static final int SOCKET_BUFFER = 4 << 20; // capped by net.core.rmem_max / wmem_max
    private final EpollEventLoopGroup group;
    private final EventLoop[] loops;
    private final Channel[] sockets;
    private final Receiver[] receivers;
    private final int perSide;
    private volatile StepState current;

    Generator(String ip, int firstPort, int perSide, int loopCount) throws InterruptedException {
        Epoll.ensureAvailability();
        this.perSide = perSide;
        group = new EpollEventLoopGroup(loopCount);
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor e : group) {
            all.add((EventLoop) e);
        }
        loops = all.toArray(new EventLoop[0]);
        sockets = new Channel[2 * perSide];
        receivers = new Receiver[sockets.length];
        try {
            for (int i = 0; i < sockets.length; i++) {
                int loop = i % loops.length;
                receivers[i] = new Receiver(i, loop, () -> current);
                sockets[i] = new Bootstrap().group(loops[loop]).channel(EpollDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                        .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM * BATCH))
                        .handler(receivers[i])
                        .bind(new InetSocketAddress(ip, firstPort + i)).sync().channel();
            }
        } catch (InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    int loopCount() {
        return loops.length;
    }

    int sideA(int call) {
        return call % perSide;
    }

    int sideB(int call) {
        return perSide + call % perSide;
    }

    InetSocketAddress address(int socket) {
        return (InetSocketAddress) sockets[socket].localAddress();
    }

    /**
     * Sends every stream of {@code step} from {@code start} on, paced, and returns once all are sent (or the
     * time limit passed). Receiving goes on until {@link #finish} is called.
     *
     * @return true if every pacer finished in time
     */
    boolean send(StepState step, long start, long tickNs, long limitNs) throws InterruptedException {
        current = step;
        CountDownLatch done = new CountDownLatch(loops.length);
        Pacer[] pacers = new Pacer[loops.length];
        for (int l = 0; l < loops.length; l++) {
            pacers[l] = new Pacer(loops[l], step, step.loops[l], streamsOfLoop(step, l), sockets, start, tickNs, done);
            loops[l].execute(pacers[l]);
        }
        boolean inTime = done.await(limitNs, TimeUnit.NANOSECONDS);
        if (!inTime) {
            for (Pacer p : pacers) {
                p.stop();
            }
            done.await(5, TimeUnit.SECONDS);
        }
        return inTime;
    }

    /** Stops counting for {@code step}; waits until each loop has handled what it already read. */
    void finish() throws Exception {
        current = null;
        barrier();
    }

    /** Packets of {@code step} counted so far (unique ones, on the right socket), while it is still being counted. */
    long received(StepState step) throws Exception {
        barrier();
        long n = 0;
        for (int r : step.received) {
            n += r;
        }
        return n;
    }

    /** Waits for a no-op on every loop: what a loop wrote before it is visible to the caller after it. */
    private void barrier() throws Exception {
        for (EventLoop l : loops) {
            l.submit(() -> { }).get(10, TimeUnit.SECONDS);
        }
    }

    private int[] streamsOfLoop(StepState step, int loop) {
        return java.util.stream.IntStream.range(0, step.streams)
                .filter(s -> step.source[s] % loops.length == loop).toArray();
    }

    @Override
    public void close() {
        for (Channel c : sockets) {
            if (c != null) {
                c.close().awaitUninterruptibly(2000);
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
}
