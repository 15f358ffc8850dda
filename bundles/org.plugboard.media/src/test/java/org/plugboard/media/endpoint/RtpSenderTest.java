package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

class RtpSenderTest {
    private static final long MS = 1_000_000;
    private final RtpSender sender = new RtpSender(0xCAFEL, 65534, 0xFFFFFF00L);

    private ByteBuf send(long nowNanos) {
        return sender.packet(UnpooledByteBufAllocator.DEFAULT, 8, new byte[160], nowNanos);
    }

    @Test
    void headerFieldsAcrossTheWraps() {
        sender.talkspurt(0);
        ByteBuf first = send(0);
        assertEquals(0x80, first.getUnsignedByte(0));
        assertEquals(0x80 | 8, first.getUnsignedByte(1), "marker on the first packet of the talkspurt");
        assertEquals(65534, first.getUnsignedShort(2));
        assertEquals(0xFFFFFF00L, first.getUnsignedInt(4));
        assertEquals(0xCAFEL, first.getUnsignedInt(8));
        assertEquals(172, first.readableBytes());
        ByteBuf second = send(20 * MS);
        assertEquals(8, second.getUnsignedByte(1), "no marker after the first");
        assertEquals(65535, second.getUnsignedShort(2));
        assertEquals(0xFFFFFFA0L, second.getUnsignedInt(4));
        ByteBuf third = send(40 * MS);
        assertEquals(0, third.getUnsignedShort(2), "sequence wraps");
        assertEquals(0x40L, third.getUnsignedInt(4), "timestamp wraps");
        first.release();
        second.release();
        third.release();
    }

    @Test
    void aPauseMovesTheTimestampOnByTheTimeThatPassed() {
        sender.talkspurt(0);
        send(0).release();
        send(20 * MS).release(); // last packet at 20 ms, timestamp base + 160
        sender.talkspurt(1020 * MS); // one second after the last packet
        ByteBuf next = send(1020 * MS);
        assertEquals(0x80 | 8, next.getUnsignedByte(1), "marker: a new talkspurt");
        assertEquals((0xFFFFFF00L + 160 + 8000) & 0xFFFFFFFFL, next.getUnsignedInt(4));
        next.release();
    }
}
