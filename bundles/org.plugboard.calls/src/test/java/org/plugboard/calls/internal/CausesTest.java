package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;

class CausesTest {
    @Test
    void sipStatusesMapAsRfc3398() {
        assertEquals(1, Causes.ofStatus(404));
        assertEquals(17, Causes.ofStatus(486));
        assertEquals(18, Causes.ofStatus(480));
        assertEquals(102, Causes.ofStatus(408));
        assertEquals(21, Causes.ofStatus(603));
        assertEquals(16, Causes.ofStatus(200));
        assertEquals(41, Causes.ofStatus(599), "unknown 5xx: temporary failure");
        assertEquals(127, Causes.ofStatus(499), "unknown 4xx: interworking");
    }

    @Test
    void q850ReasonHeaderWinsAndSipReasonIsIgnored() throws Exception {
        Response r = parse("Reason: SIP;cause=200;text=\"elsewhere\"\r\nReason: Q.850;cause=34;text=\"No circuit\"\r\n");
        Causes.Reason reason = Causes.fromReasonHeader(r);
        assertEquals(34, reason.cause());
        assertEquals("No circuit", reason.text());
        assertNull(Causes.fromReasonHeader(parse("Reason: SIP;cause=200\r\n")));
        assertNull(Causes.fromReasonHeader(parse("")));
    }

    private static Response parse(String extra) throws Exception {
        String msg = "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\n"
                + "To: <sip:b@x>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n" + extra + "Content-Length: 0\r\n\r\n";
        return (SIPResponse) new StringMsgParser().parseSIPMessage(msg.getBytes(), true, false, null);
    }
}
