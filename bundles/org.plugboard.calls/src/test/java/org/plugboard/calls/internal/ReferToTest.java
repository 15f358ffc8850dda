package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.parser.StringMsgParser;

/** What a REFER's Refer-To asks for, and the 400 reasons for what cannot be used; the transferee's SDP unheld. */
class ReferToTest {
    private static Request refer(String... headers) throws Exception {
        StringBuilder b = new StringBuilder("REFER sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
                + "From: <sip:1002@127.0.0.1>;tag=1\r\nTo: <sip:1001@127.0.0.1>;tag=2\r\nCall-ID: c\r\nCSeq: 2 REFER\r\nMax-Forwards: 70\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        return (Request) new StringMsgParser().parseSIPMessage(b.toString().getBytes(StandardCharsets.UTF_8), true, false,
                (ex, message, type, header, text) -> message.addUnparsed(header));
    }

    private static String bad(String... headers) {
        return assertThrows(ReferTo.Bad.class, () -> ReferTo.of(refer(headers))).getMessage();
    }

    @Test
    void blindTargetsFromSipSipsAndTelUris() throws Exception {
        assertEquals(new ReferTo("1003", null), ReferTo.of(refer("Refer-To: <sip:1003@127.0.0.1;user=phone>")));
        assertEquals("1003", ReferTo.of(refer("Refer-To: sips:1003@pbx.example")).number());
        assertEquals("+4930123", ReferTo.of(refer("Refer-To: <tel:+4930123>")).number());
        assertEquals("1003", ReferTo.of(refer("r: <sip:1003@127.0.0.1>")).number(), "the compact form");
    }

    @Test
    void replacesIsDecodedInAnyCaseAndOrder() throws Exception {
        ReferTo r = ReferTo.of(refer("Refer-To: <sip:1003@127.0.0.1?replaces=abc%40h%3Bfrom-tag%3Df1%3Bto-tag%3Dt1%3Bearly-only>"));
        assertEquals(new ReferTo.Replaces("abc@h", "t1", "f1"), r.replaces());
    }

    @Test
    void unusableReferToAndReplacesNameTheHeader() {
        assertEquals("Bad Refer-To: missing", bad());
        assertTrue(bad("Refer-To: <<x").startsWith("Bad Refer-To: does not parse: Refer-To: <<x"));
        assertEquals("Bad Refer-To: no number in sip:127.0.0.1", bad("Refer-To: <sip:127.0.0.1>"));
        assertEquals("Bad Refer-To: not a sip:, sips: or tel: URI: http://example.org", bad("Refer-To: <http://example.org>"));
        assertEquals("Bad Refer-To: 10(3) is no number", bad("Refer-To: <sip:10(3)@127.0.0.1>"));
        assertEquals("Bad Replaces: needs to-tag and from-tag: abc;from-tag=1", bad("Refer-To: <sip:1003@h?Replaces=abc%3Bfrom-tag%3D1>"));
    }

    @Test
    void aHeldTransfereeIsOfferedSendrecv() {
        byte[] held = "v=0\r\nm=audio 4000 RTP/AVP 0\r\na=recvonly\r\nm=video 4002 RTP/AVP 96\r\na=inactive\r\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(TransferSdp.held(held));
        String unheld = new String(TransferSdp.unheld(held), StandardCharsets.UTF_8);
        assertEquals("v=0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\nm=video 4002 RTP/AVP 96\r\na=sendrecv\r\n", unheld);
        assertFalse(TransferSdp.held("v=0\r\na=sendonly\r\n".getBytes(StandardCharsets.UTF_8)), "holding itself is its own business");
        assertNull(null);
    }
}
