package gov.nist.javax.sip.stack;

import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The UDP processor's queue between its receive thread and its workers, stamping each datagram as it is queued (on the
 * one receive thread, so in wire order) and handing the stamp to the worker that takes it: see {@link MessageStamps}.
 * The RI offers, takes and polls; nothing else is used.
 *
 * <p>It also bounds the backlog by age: a request that waited longer than {@link #dropRequestsOlderThan} is dropped
 * as a worker takes it, unparsed and counted, and the worker takes the next. Its sender has retransmitted it by then
 * (T1 = 500 ms), or given up, so the copy further back in the queue is the one worth the work, and a server past its
 * limit spends its time on requests whose senders still wait. Responses always pass (each may end a transaction),
 * and so do the requests Plugboard's admission never refuses: ACK, BYE, CANCEL and PRACK end or complete what is up,
 * and OPTIONS is how monitors tell an overloaded server from a dead one.
 */
final class StampingQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
    private static final long serialVersionUID = 1L;
    /** How a response and the requests that are never dropped start: "SIP/2.0 200 OK", "BYE sip:...". */
    private static final List<byte[]> ALWAYS_PASS = Stream.of("SIP/", "ACK ", "BYE ", "CANCEL ", "PRACK ", "OPTIONS ")
            .map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
    private final transient LongSupplier clockMillis;
    private volatile long dropAfterMillis;
    final transient LongAdder droppedStale = new LongAdder();

    StampingQueue() {
        this(System::currentTimeMillis);
    }

    StampingQueue(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Requests that waited longer than {@code millis} are dropped when taken; 0 keeps every request. */
    void dropRequestsOlderThan(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("a queue age limit of " + millis + " ms: use 0 (none) or more");
        }
        dropAfterMillis = millis;
    }

    /** A queued datagram with its stamp. */
    static final class Stamped extends DatagramQueuedMessageDispatch {
        final long stamp;

        Stamped(DatagramPacket packet, long receptionMillis, long stamp) {
            super(packet, receptionMillis);
            this.stamp = stamp;
        }
    }

    @Override
    public boolean offer(DatagramQueuedMessageDispatch dispatch) {
        return super.offer(dispatch instanceof Stamped ? dispatch
                : new Stamped(dispatch.packet, dispatch.getReceptionTime(), MessageStamps.next()));
    }

    @Override
    public DatagramQueuedMessageDispatch take() throws InterruptedException {
        DatagramQueuedMessageDispatch dispatch = super.take();
        while (stale(dispatch)) {
            dispatch = super.take();
        }
        return taken(dispatch);
    }

    @Override
    public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
        DatagramQueuedMessageDispatch dispatch = super.poll(timeout, unit);
        while (dispatch != null && stale(dispatch)) {
            dispatch = super.poll(); // what waits behind it, if anything: the RI takes null as its poll timing out
        }
        return taken(dispatch);
    }

    /** A request that waited past the limit: counted here, and dropped by the caller. */
    private boolean stale(DatagramQueuedMessageDispatch dispatch) {
        long limit = dropAfterMillis;
        if (limit == 0 || dispatch.packet == null || clockMillis.getAsLong() - dispatch.getReceptionTime() <= limit
                || alwaysPasses(dispatch.packet)) {
            return false;
        }
        droppedStale.increment();
        return true;
    }

    /** A response, or a request that always passes; read from the first bytes, before any parsing. */
    static boolean alwaysPasses(DatagramPacket packet) {
        for (byte[] start : ALWAYS_PASS) {
            if (startsWith(packet, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(DatagramPacket packet, byte[] start) {
        if (packet.getLength() < start.length) {
            return false;
        }
        byte[] d = packet.getData();
        int o = packet.getOffset();
        for (int i = 0; i < start.length; i++) {
            if (d[o + i] != start[i]) {
                return false;
            }
        }
        return true;
    }

    private static DatagramQueuedMessageDispatch taken(DatagramQueuedMessageDispatch dispatch) {
        if (dispatch instanceof Stamped s) {
            MessageStamps.taken(s.stamp);
        }
        return dispatch;
    }
}
