package gov.nist.javax.sip.stack;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a SIP message crossed the wire, for ladder diagrams and traces: microseconds since 1970, strictly after every
 * earlier stamp, so two messages never tie and sorting by stamp gives the order they happened.
 *
 * <p>The RI reads every UDP datagram on one receive thread and hands it to a pool of workers; two datagrams a peer
 * sends within a millisecond (a 180 and its 200) can reach the listener in either order. So the receive thread stamps
 * a datagram as it queues it ({@link RestartableProcessorFactory}) and the worker that takes it finds the stamp in
 * {@link #arrivalOfCurrentMessage}. A sender takes {@link #next} before handing a message to the stack, so a fast
 * peer's answer is stamped after the request it answers.
 */
public final class MessageStamps {
    private static final AtomicLong LAST = new AtomicLong();
    /** Set by a UDP worker as it takes a datagram from the queue; 0 when none is waiting to be read. */
    private static final ThreadLocal<long[]> ARRIVAL = ThreadLocal.withInitial(() -> new long[1]);

    private MessageStamps() {
    }

    /** A new stamp: now, or just after the last one handed out when the clock has not moved on. */
    public static long next() {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        return LAST.updateAndGet(last -> Math.max(last + 1, micros));
    }

    /**
     * The stamp the receive thread gave the datagram this thread is processing, read once; a new stamp on threads
     * that read their own socket in order (TCP, TLS, WebSocket) and on a second call for the same datagram.
     */
    public static long arrivalOfCurrentMessage() {
        long[] slot = ARRIVAL.get();
        long arrival = slot[0];
        slot[0] = 0;
        return arrival != 0 ? arrival : next();
    }

    /** Called by the UDP worker that took a datagram stamped {@code stamp}. */
    static void taken(long stamp) {
        ARRIVAL.get()[0] = stamp;
    }
}
