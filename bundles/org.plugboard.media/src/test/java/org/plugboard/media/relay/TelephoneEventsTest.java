package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.Side;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** RFC 4733 events as the packet path reads them: once per event, on its end bit, with its duration in ms. */
class TelephoneEventsTest {
    private static final int PT = 101;

    private static Endpoint caller(String eventRtpmap) throws Exception {
        Endpoint e = new Endpoint(Side.CALLER, PortPool.NONE, 20000);
        e.peer(Sdp.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n"
                + "a=rtpmap:101 " + eventRtpmap + "\r\n").media().get(0), Addresses.literal("127.0.0.1"));
        return e;
    }

    private static DtmfEvent read(Endpoint from, boolean secure, long timestamp, byte[] payload) {
        ByteBuf buf = Unpooled.wrappedBuffer(Phone.rtpPacket(PT, false, 1, timestamp, 7, payload));
        try {
            return TelephoneEvents.ended(from, secure, buf, PT, timestamp);
        } finally {
            buf.release();
        }
    }

    @Test
    void anEventIsReportedOnceOnItsFirstEndPacket() throws Exception {
        Endpoint from = caller("telephone-event/8000");
        assertNull(read(from, false, 8000, Phone.dtmf(5, false, 400)), "still going");
        assertEquals(new DtmfEvent(Side.CALLER, '5', 100), read(from, false, 8000, Phone.dtmf(5, true, 800)));
        assertNull(read(from, false, 8000, Phone.dtmf(5, true, 800)), "the end repeated");
        assertNull(read(from, false, 8000, Phone.dtmf(5, true, 800)));
        assertEquals(new DtmfEvent(Side.CALLER, '#', 50), read(from, false, 16000, Phone.dtmf(11, true, 400)),
                "the next event has its own timestamp");
        assertEquals('?', read(from, false, 24000, Phone.dtmf(16, true, 400)).digit(), "flash: beyond 0-15");
    }

    @Test
    void theDurationIsInTheEventsClockRate() throws Exception {
        assertEquals(50, read(caller("telephone-event/16000"), false, 0, Phone.dtmf(1, true, 800)).durationMillis());
    }

    @Test
    void nothingIsReadFromSrtpOrAShortPayload() throws Exception {
        Endpoint from = caller("telephone-event/8000");
        assertNull(read(from, true, 8000, Phone.dtmf(5, true, 800)), "encrypted");
        assertNull(read(from, false, 8000, Arrays.copyOf(Phone.dtmf(5, true, 800), 3)), "3 bytes");
        assertEquals('5', read(from, false, 8000, Phone.dtmf(5, true, 800)).digit(), "neither was remembered");
    }

    @Test
    void aNewSdpWithAnotherAddressForgetsTheLastEvent() throws Exception {
        Endpoint from = caller("telephone-event/8000");
        read(from, false, 8000, Phone.dtmf(5, true, 800));
        from.peer(Sdp.parse("v=0\r\no=- 1 1 IN IP4 127.0.0.9\r\ns=-\r\nc=IN IP4 127.0.0.9\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n").media().get(0), Addresses.literal("127.0.0.9"));
        assertEquals('5', read(from, false, 8000, Phone.dtmf(5, true, 800)).digit(), "a new peer may reuse the timestamp");
    }
}
