package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.Side;

/** The clock rate the packet path uses for jitter and DTMF durations follows the payload type and a new SDP. */
class EndpointClockTest {
    private static MediaSection audio(String rtpmaps) throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0 9 101 111\r\n" + rtpmaps;
        return Sdp.parse(sdp).media().get(0);
    }

    @Test
    void followsThePayloadTypeAndTheLatestSdp() throws Exception {
        Endpoint endpoint = new Endpoint(Side.CALLER, PortPool.NONE, 20000);
        assertEquals(8000, endpoint.clockRate(0), "no SDP yet: the telephony default");

        endpoint.peer(audio("a=rtpmap:111 opus/48000/2\r\na=rtpmap:101 telephone-event/8000\r\n"),
                InetAddress.getLoopbackAddress());
        assertEquals(8000, endpoint.clockRate(0));
        assertEquals(48000, endpoint.clockRate(111), "a new payload type is looked up");
        assertEquals(48000, endpoint.clockRate(111));
        assertEquals(8000, endpoint.clockRate(9), "G.722 is 8000 in RTP time (RFC 3551)");
        assertEquals(48000, endpoint.clockRate(111));

        endpoint.peer(audio("a=rtpmap:111 opus/16000\r\n"), InetAddress.getLoopbackAddress());
        assertEquals(16000, endpoint.clockRate(111), "a re-offer with another rate for the same type is seen");
    }
}
