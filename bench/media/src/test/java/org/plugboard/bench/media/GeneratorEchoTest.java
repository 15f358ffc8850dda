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

    private StepState run(int dropEvery) throws Exception {
        try (Echo echo = new Echo(58100, dropEvery); Generator gen = new Generator("127.0.0.1", 58000, 2, 1)) {
            StepState step = new StepState(42, CALLS, SECONDS * 50, gen.loopCount());
            new CallSetup(null, new InetSocketAddress("127.0.0.1", 58100), gen, "t").setUp(step);
            assertTrue(gen.send(step, System.nanoTime(), TimeUnit.MICROSECONDS.toNanos(500),
                    TimeUnit.SECONDS.toNanos(SECONDS + 5)));
            // on a busy machine the echo may still be working through its queue: wait (bounded) until it saw all
            long sent = 2L * CALLS * SECONDS * 50, deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (echo.seen.get() < sent && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300);
            gen.finish();
            assertEquals(sent, echo.seen.get());
            if (dropEvery > 0) {
                assertEquals(sent / dropEvery, echo.dropped.get());
            }
            return step;
        }
    }

    @Test
    void everyPacketComesBackOnceWithItsLatency() throws Exception {
        StepState step = run(0);
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
        StepState step = run(7);
        long sent = 0, received = 0;
        for (int s = 0; s < step.streams; s++) {
            sent += step.sent[s];
            received += step.received[s];
        }
        assertEquals(2000 / 7, sent - received);
    }

    @Test
    void pacingSpreadsPacketsOverTheInterval() throws Exception {
        // 40 streams over 20 ms, phases 0.5 ms apart: the sending takes about 1 s (plus the 300 ms drain), not a burst
        long t = System.nanoTime();
        run(0);
        long elapsedMs = (System.nanoTime() - t) / 1_000_000;
        assertTrue(elapsedMs >= 1250, "the step ended after " + elapsedMs + " ms");
    }
}
