package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.media.relay.Sdp;

class EndpointSdpTest {
    private static final String HEAD = "v=0\r\no=phone 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n";

    private static String offer(String... lines) {
        return HEAD + String.join("\r\n", lines) + "\r\n";
    }

    @Test
    void theAnswerTakesTheOfferersFirstLawWithTelephoneEventAndRefusesTheRest() throws Exception {
        String o = offer("m=audio 4000 RTP/AVP 9 8 0 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-16",
                "a=ptime:30", "m=video 4002 RTP/AVP 96", "a=rtpmap:96 H264/90000");
        EndpointSdp.Peer p = EndpointSdp.read(o, null);
        assertEquals(AudioEncoding.PCMA, p.law(), "8 before 0 in the offer");
        assertEquals(101, p.telephoneEventPt());
        assertEquals(30, p.ptime());
        String answer = EndpointSdp.answer(p, InetAddress.getByName("127.0.0.1"), 20000, 42, 2);
        assertEquals("v=0\r\no=plugboard 42 2 IN IP4 127.0.0.1\r\ns=plugboard\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 20000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\na=ptime:30\r\na=sendrecv\r\nm=video 0 RTP/AVP 96\r\n", answer);
        Sdp.parse(answer); // and it is valid SDP
    }

    @Test
    void aReOfferKeepsTheLawWhileItIsOffered() throws Exception {
        assertEquals(AudioEncoding.PCMA, EndpointSdp.read(offer("m=audio 4000 RTP/AVP 0 8"), AudioEncoding.PCMA).law());
        assertEquals(AudioEncoding.PCMU, EndpointSdp.read(offer("m=audio 4000 RTP/AVP 0"), AudioEncoding.PCMA).law());
    }

    @Test
    void aLineWithoutG711IsSkippedAndNoneAtAllIsRefused() throws Exception {
        EndpointSdp.Peer p = EndpointSdp.read(offer("m=audio 4000 RTP/AVP 18", "m=audio 4002 RTP/AVP 0"), null);
        assertEquals(1, p.index());
        assertEquals(-1, p.telephoneEventPt());
        assertEquals(20, p.ptime(), "the default");
        String answer = EndpointSdp.answer(p, InetAddress.getByName("127.0.0.1"), 20000, 1, 1);
        assertTrue(answer.contains("m=audio 0 RTP/AVP 18\r\nm=audio 20000 RTP/AVP 0\r\n"), answer);
        MediaException e = assertThrows(MediaException.class,
                () -> EndpointSdp.read(offer("m=audio 4000 RTP/AVP 9 18", "m=audio 4002 RTP/SAVP 0"), null));
        assertEquals(MediaException.Kind.NO_USABLE_MEDIA, e.kind());
        assertTrue(e.getMessage().contains("m=audio 4000 RTP/AVP 9 18; m=audio 4002 RTP/SAVP 0"), e.getMessage());
        assertEquals(MediaException.Kind.BAD_SDP, assertThrows(MediaException.class,
                () -> EndpointSdp.read("v=0\r\nnonsense\r\n", null)).kind());
    }

    @Test
    void directionsAndPtimes() throws Exception {
        EndpointSdp.Peer held = EndpointSdp.read(offer("m=audio 4000 RTP/AVP 0", "a=sendonly", "a=ptime:25"), null);
        assertFalse(held.receives());
        assertTrue(held.sends());
        assertEquals(20, held.ptime(), "25 ms is not a multiple of 10: the default");
        assertTrue(EndpointSdp.answer(held, InetAddress.getByName("127.0.0.1"), 20000, 1, 1).contains("a=recvonly\r\n"));
        EndpointSdp.Peer zero = EndpointSdp.read(HEAD.replace("c=IN IP4 192.0.2.10", "c=IN IP4 0.0.0.0")
                + "m=audio 4000 RTP/AVP 0\r\n", null);
        assertFalse(zero.receives(), "c=0.0.0.0 is the old hold");
        EndpointSdp.Peer listening = EndpointSdp.read(offer("m=audio 4000 RTP/AVP 0", "a=recvonly"), null);
        assertTrue(listening.receives());
        assertFalse(listening.sends());
    }

    @Test
    void theEnginesOwnOfferAndIpv6() throws Exception {
        String own = EndpointSdp.offer(InetAddress.getByName("::1"), 20002, 7, 1);
        assertEquals("v=0\r\no=plugboard 7 1 IN IP6 0:0:0:0:0:0:0:1\r\ns=plugboard\r\nc=IN IP6 0:0:0:0:0:0:0:1\r\nt=0 0\r\n"
                + "m=audio 20002 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n", own);
        Sdp.parse(own);
        EndpointSdp.Peer answer = EndpointSdp.read(offer("m=audio 4000 RTP/AVP 8 101", "a=rtpmap:101 telephone-event/8000"), null);
        assertEquals(AudioEncoding.PCMA, answer.law());
    }
}
