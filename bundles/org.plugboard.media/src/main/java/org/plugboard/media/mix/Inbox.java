package org.plugboard.media.mix;

import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;

/**
 * A single-producer, single-consumer ring of RTP payloads between two event loops (a leg's loop and the mixer's):
 * fixed slots allocated once, no lock, no allocation per packet. Full: the packet is dropped and counted (the jitter
 * buffer turns it into silence).
 */
final class Inbox {
    /** Up to 80 ms of G.711 per packet: the longest ptime an endpoint accepts is 60 ms. */
    static final int MAX_PAYLOAD = 640;

    private final int mask;
    private final long[] ssrc;
    private final long[] timestamp;
    private final int[] payloadType;
    private final int[] length;
    private final byte[][] data;
    private final AtomicLong head = new AtomicLong(); // next slot to read (consumer)
    private final AtomicLong tail = new AtomicLong(); // next slot to write (producer)
    private final AtomicLong dropped = new AtomicLong();

    /** One slot as the consumer sees it. */
    interface Reader {
        void packet(long ssrc, long timestamp, int payloadType, byte[] data, int length);
    }

    Inbox(int slotsPowerOfTwo) {
        if (Integer.bitCount(slotsPowerOfTwo) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slotsPowerOfTwo);
        }
        mask = slotsPowerOfTwo - 1;
        ssrc = new long[slotsPowerOfTwo];
        timestamp = new long[slotsPowerOfTwo];
        payloadType = new int[slotsPowerOfTwo];
        length = new int[slotsPowerOfTwo];
        data = new byte[slotsPowerOfTwo][MAX_PAYLOAD];
    }

    /** Producer: copies the payload's readable bytes. False when full or too long (dropped). */
    boolean offer(long ssrcValue, long timestampValue, int pt, ByteBuf payload) {
        int n = payload.readableBytes();
        long t = tail.get();
        if (n > MAX_PAYLOAD || t - head.get() > mask) {
            dropped.incrementAndGet();
            return false;
        }
        int i = (int) (t & mask);
        payload.getBytes(payload.readerIndex(), data[i], 0, n);
        fill(i, ssrcValue, timestampValue, pt, n);
        tail.lazySet(t + 1);
        return true;
    }

    /** Producer: copies {@code n} bytes of an array. */
    boolean offer(long ssrcValue, long timestampValue, int pt, byte[] bytes, int n) {
        long t = tail.get();
        if (n > MAX_PAYLOAD || t - head.get() > mask) {
            dropped.incrementAndGet();
            return false;
        }
        int i = (int) (t & mask);
        System.arraycopy(bytes, 0, data[i], 0, n);
        fill(i, ssrcValue, timestampValue, pt, n);
        tail.lazySet(t + 1);
        return true;
    }

    private void fill(int i, long ssrcValue, long timestampValue, int pt, int n) {
        ssrc[i] = ssrcValue;
        timestamp[i] = timestampValue;
        payloadType[i] = pt;
        length[i] = n;
    }

    /** Consumer: hands every waiting packet to {@code reader}, oldest first; returns how many. */
    int drain(Reader reader) {
        long h = head.get();
        long t = tail.get();
        int count = 0;
        for (; h < t; h++, count++) {
            int i = (int) (h & mask);
            reader.packet(ssrc[i], timestamp[i], payloadType[i], data[i], length[i]);
        }
        head.lazySet(h);
        return count;
    }

    long dropped() {
        return dropped.get();
    }
}
