package org.plugboard.bench.media;

import java.net.InetSocketAddress;

/**
 * The streams of one step. Stream 2c goes from call c's side A to side B (through the engine), 2c+1 back. Each
 * per-stream slot is written by one thread only: {@code sent} by the loop of the sending socket, the receive
 * slots by the loop of the receiving socket.
 */
final class StepState {
    final int tag;
    final int calls;
    final int streams;
    final int packetsPerStream;
    final InetSocketAddress[] target;
    final int[] source;      // socket index that sends the stream
    final int[] sink;        // socket index that must receive it
    final long[] sent;
    final int[] received;
    final int[] highestSeq;
    private final long[] seen; // one bit per (stream, seq)
    private final int words;
    final LoopStats[] loops;
    /** When the step's first packet is due (set before sending starts), for the per-second timeline. */
    volatile long startNanos;

    StepState(int tag, int calls, int packetsPerStream, int loopCount) {
        this.tag = tag;
        this.calls = calls;
        this.streams = 2 * calls;
        this.packetsPerStream = packetsPerStream;
        target = new InetSocketAddress[streams];
        source = new int[streams];
        sink = new int[streams];
        sent = new long[streams];
        received = new int[streams];
        highestSeq = new int[streams];
        java.util.Arrays.fill(highestSeq, -1);
        words = (packetsPerStream + 63) >>> 6;
        seen = new long[streams * words];
        loops = new LoopStats[loopCount];
        for (int i = 0; i < loopCount; i++) {
            loops[i] = new LoopStats();
        }
    }

    /** Records one valid packet of this step received on {@code socket} at {@code now}. */
    void received(LoopStats st, int socket, int stream, int seq, long sentAt, long now) {
        if (stream < 0 || stream >= streams || seq < 0 || seq >= packetsPerStream) {
            st.strays++;
            return;
        }
        if (sink[stream] != socket) {
            st.misrouted++;
            return;
        }
        int word = stream * words + (seq >>> 6);
        long bit = 1L << (seq & 63);
        if ((seen[word] & bit) != 0) {
            st.duplicates++;
            return;
        }
        seen[word] |= bit;
        received[stream]++;
        if (seq < highestSeq[stream]) {
            st.reordered++;
        } else {
            highestSeq[stream] = seq;
        }
        st.latency.recordValue(LoopStats.clamp(now - sentAt));
        st.timeline(sentAt, startNanos, now - sentAt);
    }
}
