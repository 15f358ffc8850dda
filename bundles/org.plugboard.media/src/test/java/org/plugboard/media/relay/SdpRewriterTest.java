package org.plugboard.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;

class SdpRewriterTest {
    /** A WebRTC-ish offer: ICE, rtcp with address, rtcp-mux, audio + video, odd attributes that must survive. */
    static final String OFFER = "v=0\r\n"
            + "o=alice 2890844526 2890844527 IN IP4 192.0.2.10\r\n"
            + "s=Talk  with  two spaces\r\n"
            + "c=IN IP4 192.0.2.10\r\n"
            + "t=0 0\r\n"
            + "a=ice-ufrag:F7gI\r\n"
            + "a=ice-pwd:x9cml/YzichV2+XlhiMu8g\r\n"
            + "a=group:BUNDLE 0 1\r\n"
            + "m=audio 49170 RTP/SAVPF 111 0 101\r\n"
            + "c=IN IP4 192.0.2.11\r\n"
            + "a=rtcp:49171 IN IP4 192.0.2.11\r\n"
            + "a=candidate:1 1 UDP 2130706431 192.0.2.11 49170 typ host\r\n"
            + "a=candidate:2 1 UDP 1694498815 198.51.100.7 50000 typ srflx raddr 192.0.2.11 rport 49170\r\n"
            + "a=end-of-candidates\r\n"
            + "a=ice-options:trickle\r\n"
            + "a=rtcp-mux\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n"
            + "a=x-unknown: kept   as is \r\n"
            + "m=video 51372 RTP/AVP 96\r\n"
            + "a=rtpmap:96 H264/90000\r\n"
            + "a=remote-candidates:1 192.0.2.1 5000\r\n"
            + "a=sendonly\r\n";

    @Test
    void rewritesAddressesPortsAndRtcpAndDropsIceKeepingEveryOtherByte() throws Exception {
        Sdp sdp = Sdp.parse(OFFER);
        String out = SdpRewriter.rewrite(sdp, InetAddress.getByName("10.0.0.1"), new int[] {20000, 20002},
                new int[] {20001, 20003});
        String expected = "v=0\r\n"
                + "o=alice 2890844526 2890844527 IN IP4 10.0.0.1\r\n"
                + "s=Talk  with  two spaces\r\n"
                + "c=IN IP4 10.0.0.1\r\n"
                + "t=0 0\r\n"
                + "a=group:BUNDLE 0 1\r\n"
                + "m=audio 20000 RTP/SAVPF 111 0 101\r\n"
                + "c=IN IP4 10.0.0.1\r\n"
                + "a=rtcp:20001 IN IP4 10.0.0.1\r\n"
                + "a=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n"
                + "a=x-unknown: kept   as is \r\n"
                + "m=video 20002 RTP/AVP 96\r\n"
                + "a=rtpmap:96 H264/90000\r\n"
                + "a=sendonly\r\n";
        assertEquals(expected, out);
    }

    @Test
    void readsWhatTheRelayNeeds() throws Exception {
        Sdp sdp = Sdp.parse(OFFER);
        assertEquals(2, sdp.media().size());
        MediaSection audio = sdp.media().get(0);
        assertEquals("audio", audio.media());
        assertEquals(49170, audio.port());
        assertEquals(InetAddress.getByName("192.0.2.11"), audio.address());
        assertEquals(49171, audio.rtcpPort());
        assertTrue(audio.rtcpMux());
        assertEquals(101, audio.telephoneEventPt());
        assertEquals(48000, audio.clockRate(111));
        assertEquals(8000, audio.clockRate(0));
        assertTrue(audio.secure());
        assertFalse(audio.held());
        MediaSection video = sdp.media().get(1);
        assertEquals(InetAddress.getByName("192.0.2.10"), video.address(), "session-level c= applies");
        assertEquals(51373, video.rtcpPort(), "no a=rtcp: port + 1");
        assertEquals(90000, video.clockRate(96));
        assertTrue(video.held(), "sendonly is a hold");
    }

    /**
     * A section keeps only its own rtpmap rates; the RFC 3551 static types come from one shared table (issue 18: a copy
     * of the whole table per section was about 1 KB of every established call's heap).
     */
    @Test
    void clockRatesKeepTheRtpmapsAndReadTheStaticTypesFromOneTable() throws Exception {
        Sdp sdp = Sdp.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0 6 34 101 111\r\na=rtpmap:101 telephone-event/8000\r\na=rtpmap:111 opus/48000/2\r\n");
        MediaSection audio = sdp.media().get(0);
        assertEquals(java.util.Map.of(101, 8000, 111, 48000), audio.clockRates(), "only what the rtpmap lines say");
        assertEquals(8000, audio.clockRate(0), "PCMU, static");
        assertEquals(16000, audio.clockRate(6), "DVI4/16000, static");
        assertEquals(90000, audio.clockRate(34), "H263, static");
        assertEquals(48000, audio.clockRate(111));
        assertEquals(8000, audio.clockRate(120), "unknown: the telephony default");
    }

    @Test
    void anRtpmapOverridesAStaticRate() throws Exception {
        Sdp sdp = Sdp.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 6\r\na=rtpmap:6 DVI4/8000\r\n");
        assertEquals(8000, sdp.media().get(0).clockRate(6));
    }

    @Test
    void lineEndingsAreKeptAsTheyCame() throws Exception {
        String lf = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 0\na=ptime:20";
        String out = SdpRewriter.rewrite(Sdp.parse(lf), InetAddress.getByName("10.0.0.1"), new int[] {20000},
                new int[] {20001});
        assertEquals("v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 20000 RTP/AVP 0\na=ptime:20", out);
    }

    @Test
    void ipv6AdvertisedAddressWritesIp6() throws Exception {
        String out = SdpRewriter.rewrite(Sdp.parse(sdp("192.0.2.1", "m=audio 4000 RTP/AVP 0")),
                InetAddress.getByName("::1"), new int[] {20000}, new int[] {20001});
        assertTrue(out.contains("o=- 1 1 IN IP6 0:0:0:0:0:0:0:1\r\n"), out);
        assertTrue(out.contains("c=IN IP6 0:0:0:0:0:0:0:1\r\n"), out);
    }

    @Test
    void refusedAndNonUdpLinesGoOnWithPortZero() throws Exception {
        Sdp sdp = Sdp.parse(sdp("192.0.2.1", "m=audio 4000 RTP/AVP 0", "m=application 5000 TCP/MRCPv2 1",
                "m=image 6000 udptl t38", "m=video 0 RTP/AVP 96"));
        assertTrue(sdp.media().get(0).relayable());
        assertFalse(sdp.media().get(1).relayable(), "TCP is not relayed");
        assertTrue(sdp.media().get(2).relayable());
        assertTrue(sdp.media().get(2).udptl());
        assertFalse(sdp.media().get(3).relayable(), "port 0 is not relayed");
        String out = SdpRewriter.rewrite(sdp, InetAddress.getByName("10.0.0.1"), new int[] {20000, 0, 20002, 0},
                new int[] {20001, 0, 20003, 0});
        assertTrue(out.contains("m=audio 20000 RTP/AVP 0\r\n"));
        assertTrue(out.contains("m=application 0 TCP/MRCPv2 1\r\n"));
        assertTrue(out.contains("m=image 20002 udptl t38\r\n"));
        assertTrue(out.contains("m=video 0 RTP/AVP 96\r\n"));
    }

    @Test
    void holdByUnspecifiedAddressIsKept() throws Exception {
        Sdp sdp = Sdp.parse(sdp("0.0.0.0", "m=audio 4000 RTP/AVP 0"));
        assertNull(sdp.media().get(0).address());
        assertTrue(sdp.media().get(0).held());
        String out = SdpRewriter.rewrite(sdp, InetAddress.getByName("10.0.0.1"), new int[] {20000}, new int[] {20001});
        assertTrue(out.contains("c=IN IP4 0.0.0.0\r\n"), out);
    }

    @Test
    void garbageIsBadSdpNamingTheProblem() {
        assertBad("", "empty");
        assertBad("hello world", "must start with v=");
        assertBad("v=0\r\nthis is not sdp\r\n", "line 2");
        assertBad(sdp("192.0.2.1", "m=audio abc RTP/AVP 0"), "not a port");
        assertBad(sdp("192.0.2.1", "m=audio 99999 RTP/AVP 0"), "not a port");
        assertBad(sdp("192.0.2.1", "m=audio 4000"), "m=");
        assertBad("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", "no c= line");
        assertBad("v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", "o=");
        assertBad("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n", "no m= line");
        assertBad(sdp("pbx.example.com", "m=audio 4000 RTP/AVP 0"), "not an IP address");
        assertBad(sdp("192.0.2.1", "m=audio 4000 RTP/AVP 0", "c=IN XX 1"), "c=IN IP4|IP6");
    }

    private static void assertBad(String text, String fragment) {
        MediaException e = assertThrows(MediaException.class, () -> Sdp.parse(text), text);
        assertEquals(Kind.BAD_SDP, e.kind());
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should name '" + fragment + "'");
    }

    static String sdp(String address, String... mediaLines) {
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN IP4 " + (address.contains(".") && address.matches("[0-9.]+") ? address : "192.0.2.1")
                + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n");
        for (String m : mediaLines) {
            b.append(m).append("\r\n");
        }
        return b.toString();
    }
}
