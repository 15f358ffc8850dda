package org.plugboard.bench.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The generator against a real UDP echo on loopback (ports 58000-58100): every packet counted once when nothing
 * is lost, and exactly the dropped ones reported lost when the echo drops some.
 */
class GeneratorEchoTest {
    private static final int CALLS = 20, SECONDS = 1;

    /** Echoes every datagram, except every {@code dropEvery}-th (0: none); stops when closed. */
    static final class Echo implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicLong seen = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final Thread thread;

        Echo(int port, int dropEvery) throws Exception {
            socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(100);
            thread = new Thread(() -> {
                byte[] buf = new byte[2048];
                long n = 0;
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        seen.incrementAndGet();
                        if (dropEvery > 0 && ++n % dropEvery == 0) {
                            dropped.incrementAndGet();
                            continue;
                        }
                        socket.send(p);
                    } catch (SocketTimeoutException e) {
                        // look at isClosed again
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "test-echo");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(2000);
        }
    }

    /** A step's counters, and how long sending it took. */
    private record Run(StepState step, long sendMillis) {
    }

    /** A condition that may throw, such as a read on the generator's loops. */
    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits (bounded) for what another thread does; on a busy machine the echo and the loops may lag. */
    private static void until(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.holds()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting: " + what);
            Thread.sleep(20); // poll interval of this bounded wait
        }
    }

    private Run run(int dropEvery) throws Exception {
        try (Echo echo = new Echo(58100, dropEvery); Generator gen = new Generator("127.0.0.1", 58000, 2, 1)) {
            StepState step = new StepState(42, CALLS, SECONDS * 50, gen.loopCount());
            new CallSetup(null, new InetSocketAddress("127.0.0.1", 58100), gen, "t").setUp(step);
            long start = System.nanoTime();
            assertTrue(gen.send(step, start, TimeUnit.MICROSECONDS.toNanos(500),
                    TimeUnit.SECONDS.toNanos(SECONDS + 5)));
            long sendMillis = (System.nanoTime() - start) / 1_000_000;
            long sent = 2L * CALLS * SECONDS * 50;
            until("the echo saw every packet", () -> echo.seen.get() >= sent);
            until("the generator counted every echoed packet", () -> gen.received(step) >= sent - echo.dropped.get());
            gen.finish();
            assertEquals(sent, echo.seen.get());
            if (dropEvery > 0) {
                assertEquals(sent / dropEvery, echo.dropped.get());
            }
            return new Run(step, sendMillis);
        }
    }

    @Test
    void everyPacketComesBackOnceWithItsLatency() throws Exception {
        StepState step = run(0).step();
        long sent = 0, received = 0;
        for (int s = 0; s < step.streams; s++) {
            assertEquals(50, step.sent[s], "stream " + s);
            sent += step.sent[s];
            received += step.received[s];
        }
        assertEquals(2L * CALLS * 50, sent);
        assertEquals(sent, received);
        LoopStats st = step.loops[0];
        assertEquals(sent, st.latency.getTotalCount());
        assertEquals(0, st.duplicates + st.misrouted + st.strays + st.malformed);
        assertTrue(st.latency.getValueAtPercentile(50) < TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void droppedPacketsAreCountedLost() throws Exception {
        StepState step = run(7).step();
        long sent = 0, received = 0;
        for (int s = 0; s < step.streams; s++) {
            sent += step.sent[s];
            received += step.received[s];
        }
        assertEquals(2000 / 7, sent - received);
    }

    @Test
    void pacingSpreadsPacketsOverTheInterval() throws Exception {
        // 40 streams over 20 ms, phases 0.5 ms apart, 50 rounds: the last packet is due 999.5 ms after the start
        // and none leaves early, so the sending takes about 1 s, not a burst
        long sendMillis = run(0).sendMillis();
        assertTrue(sendMillis >= 990, "the sending ended after " + sendMillis + " ms");
    }
}
