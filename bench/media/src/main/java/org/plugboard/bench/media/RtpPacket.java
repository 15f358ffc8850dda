package org.plugboard.bench.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The benchmark's G.711 packet: a 12-byte RTP header (PCMU, 20 ms) and 160 bytes of payload, 172 bytes in all.
 * The payload starts with what the receiver needs: the send time (System.nanoTime of this JVM), the stream id,
 * a 32-bit sequence number, the step's tag (so a packet of an earlier step is not counted) and a magic word.
 */
final class RtpPacket {
    static final int SIZE = 172;
    static final int MAGIC = 0x504c4742; // "PLGB"
    private static final int HEADER = 12;
    private static final int SENT_AT = HEADER, STREAM = HEADER + 8, SEQ = HEADER + 12, TAG = HEADER + 16,
            CHECK = HEADER + 20, FILL = HEADER + 24;
    private static final byte[] FILLER = filler();

    private RtpPacket() {
    }

    private static byte[] filler() {
        byte[] b = new byte[SIZE - FILL];
        java.util.Arrays.fill(b, (byte) 0xFF); // mu-law silence
        return b;
    }

    static ByteBuf encode(ByteBufAllocator alloc, int stream, int seq, int tag, long sentAt) {
        ByteBuf b = alloc.directBuffer(SIZE, SIZE);
        b.writeByte(0x80).writeByte(0).writeShort(seq & 0xFFFF).writeInt(seq * 160).writeInt(stream);
        b.writeLong(sentAt).writeInt(stream).writeInt(seq).writeInt(tag).writeInt(MAGIC).writeBytes(FILLER);
        return b;
    }

    /** True if {@code b} is one of ours: the right size and the magic word (it says nothing about the tag). */
    static boolean valid(ByteBuf b) {
        return b.readableBytes() == SIZE && b.getInt(b.readerIndex() + CHECK) == MAGIC;
    }

    static long sentAt(ByteBuf b) {
        return b.getLong(b.readerIndex() + SENT_AT);
    }

    static int stream(ByteBuf b) {
        return b.getInt(b.readerIndex() + STREAM);
    }

    static int seq(ByteBuf b) {
        return b.getInt(b.readerIndex() + SEQ);
    }

    static int tag(ByteBuf b) {
        return b.getInt(b.readerIndex() + TAG);
    }
}
