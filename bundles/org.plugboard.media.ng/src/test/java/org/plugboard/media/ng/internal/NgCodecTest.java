package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NgCodecTest {

    @Test
    void pingIsEncodedAsTheDocsShowIt() {
        assertEquals("5323_1 d7:command4:pinge", new String(NgCodec.encode("5323_1", NgCommands.ping()), StandardCharsets.US_ASCII));
    }

    @Test
    void stringLengthsCountBytesSoNonAsciiSdpSurvives() throws Exception {
        String sdp = Sdps.audio(42000);
        byte[] wire = NgCodec.encode("c1", Map.of(Ng.SDP, sdp));
        int bytes = sdp.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes > sdp.length(), "the test SDP has multi-byte characters");
        assertTrue(new String(wire, StandardCharsets.UTF_8).contains("3:sdp" + bytes + ":v=0\r\n"), "length in bytes");
        NgMessage back = NgCodec.decode(wire);
        assertEquals("c1", back.cookie());
        assertEquals(sdp, back.dict().string(Ng.SDP));
    }

    @Test
    void nestedValuesRoundTrip() throws Exception {
        Map<String, Object> dict = Map.of("list", List.of("IP4", "127.0.0.1"), "n", 42L,
                "d", Map.of("stats", Map.of("packets", 7L)), "neg", -3L);
        NgDict back = NgCodec.decode(NgCodec.encode("x", dict)).dict();
        assertEquals(List.of("IP4", "127.0.0.1"), back.strings("list"));
        assertEquals(42, back.number("n", 0));
        assertEquals(-3, back.number("neg", 0));
        assertEquals(7, back.dict("d").dict("stats").number("packets", 0));
        assertEquals(-1, back.number("missing", -1));
        assertEquals(null, back.string("n"), "a number is not a string");
        assertEquals(List.of(), back.dicts("list"), "strings are not dictionaries");
    }

    @Test
    void rtpenginesReplyDecodes() throws Exception {
        byte[] reply = "abc d6:result5:error12:error-reason15:Unknown call-ide".getBytes(StandardCharsets.US_ASCII);
        NgMessage m = NgCodec.decode(reply);
        assertEquals("abc", m.cookie());
        assertEquals(Ng.ERROR, m.dict().string(Ng.RESULT));
        assertTrue(Ng.isUnknownCall(m.dict().string(Ng.ERROR_REASON)));
    }

    @Test
    void malformedDatagramsAreRefusedWithoutAllocatingTheAnnouncedLength() {
        List<String> bad = List.of("", "nocookie", " d7:command4:pinge", "c1 ", "c1 garbage", "c1 l4:pinge", "c1 d3:abc",
                "c1 d3:abc2000000000:xe", "c1 d1:ai12345678901234567890ee", "c1 d1:aie", "c1 d1:ai-e", "c1 d7:command4:pinge junk",
                "c1 di1ei2ee", "c1 d1:a" + "l".repeat(100) + "e".repeat(101));
        for (String datagram : bad) {
            assertThrows(NgFormatException.class, () -> NgCodec.decode(datagram.getBytes(StandardCharsets.ISO_8859_1)),
                    "refused: " + datagram);
        }
        byte[] longCookie = ("x".repeat(200) + " de").getBytes(StandardCharsets.US_ASCII);
        assertThrows(NgFormatException.class, () -> NgCodec.decode(longCookie));
    }

    @Test
    void badCookiesAndOversizedMessagesAreNotSent() {
        assertThrows(IllegalArgumentException.class, () -> NgCodec.encode("with space", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> NgCodec.encode("", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> NgCodec.encode("c", Map.of(Ng.SDP, "x".repeat(70_000))));
        assertThrows(IllegalArgumentException.class, () -> NgCodec.encode("c", Map.of("x", new Object())));
    }
}
