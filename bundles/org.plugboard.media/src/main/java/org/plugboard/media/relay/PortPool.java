package org.plugboard.media.relay;

import java.util.BitSet;

/**
 * The even/odd port pairs of a range, handed out round-robin: a pair just given back is the last to be handed out
 * again, so stale packets of an ended call do not reach a new one. Only bookkeeping: binding is the caller's.
 */
public final class PortPool {
    /** No pair at all: what a handed-over session frees into when its ports lie outside the current range. */
    static final PortPool NONE = new PortPool(0, -1);

    private final int firstPort;
    private final int pairs;
    private final BitSet used;
    private int usedCount;
    private int cursor;

    public PortPool(int min, int max) {
        this.firstPort = min % 2 == 0 ? min : min + 1;
        this.pairs = Math.max(0, (max - firstPort + 1) / 2);
        this.used = new BitSet(pairs);
    }

    /** The RTP (even) port of the next free pair, marked used; -1 when every pair is used. */
    public synchronized int take() {
        if (usedCount == pairs) {
            return -1;
        }
        int index = used.nextClearBit(cursor);
        if (index >= pairs) {
            index = used.nextClearBit(0);
        }
        used.set(index);
        usedCount++;
        cursor = index + 1 == pairs ? 0 : index + 1;
        return firstPort + 2 * index;
    }

    /**
     * Marks a pair a session handed over by the previous version holds: true when it lies in this pool and was
     * free, and then the session gives it back here when released; false otherwise (kept out of the count).
     */
    public synchronized boolean claim(int rtpPort) {
        int index = (rtpPort - firstPort) / 2;
        if (rtpPort < firstPort || (rtpPort - firstPort) % 2 != 0 || index >= pairs || used.get(index)) {
            return false;
        }
        used.set(index);
        usedCount++;
        return true;
    }

    /** Gives a pair back; a port not taken from this pool is ignored. */
    public synchronized void free(int rtpPort) {
        int index = (rtpPort - firstPort) / 2;
        if (rtpPort >= firstPort && (rtpPort - firstPort) % 2 == 0 && index < pairs && used.get(index)) {
            used.clear(index);
            usedCount--;
        }
    }

    public int totalPairs() {
        return pairs;
    }

    public synchronized int freePairs() {
        return pairs - usedCount;
    }

    public int firstPort() {
        return firstPort;
    }

    public int lastPort() {
        return firstPort + 2 * pairs - 1;
    }
}
