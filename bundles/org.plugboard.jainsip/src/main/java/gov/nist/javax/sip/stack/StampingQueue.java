package gov.nist.javax.sip.stack;

import java.net.DatagramPacket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The UDP processor's queue between its receive thread and its workers, stamping each datagram as it is queued (on the
 * one receive thread, so in wire order) and handing the stamp to the worker that takes it: see {@link MessageStamps}.
 * The RI offers, takes and polls; nothing else is used.
 */
final class StampingQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
    private static final long serialVersionUID = 1L;

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
        return taken(super.take());
    }

    @Override
    public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
        return taken(super.poll(timeout, unit));
    }

    private static DatagramQueuedMessageDispatch taken(DatagramQueuedMessageDispatch dispatch) {
        if (dispatch instanceof Stamped s) {
            MessageStamps.taken(s.stamp);
        }
        return dispatch;
    }
}
