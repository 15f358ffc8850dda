package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.address.AddressFactoryImpl;

class InviteChecksTest {
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();

    @Test
    void dialledNumberComesFromSipUserOrTelNumber() throws Exception {
        assertEquals("1002", InviteChecks.dialled(addresses.createURI("sip:1002@pbx.example;user=phone")));
        assertEquals("+8613901088888", InviteChecks.dialled(addresses.createURI("tel:+86-139-0108-8888")));
        assertEquals("1001", InviteChecks.dialled(addresses.createURI("tel:1001;phone-context=example.com")));
        assertNull(InviteChecks.dialled(addresses.createURI("sip:pbx.example")));
    }

    @Test
    void sdpIsParsedBeforeItIsPassedOn() throws Exception {
        PassThroughSdp sdp = new PassThroughSdp();
        byte[] good = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\nm=video 4002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(good, sdp.relay(null, null, null, good, true), "passed through unchanged");
        assertThrows(SdpBridge.BadSdpException.class, () -> sdp.check("hello".getBytes(StandardCharsets.UTF_8)));
        assertThrows(SdpBridge.BadSdpException.class,
                () -> sdp.check("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n".getBytes(StandardCharsets.UTF_8)),
                "no m= line");
        assertThrows(SdpBridge.BadSdpException.class,
                () -> sdp.check("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n".getBytes(StandardCharsets.UTF_8)),
                "no c= line anywhere");
    }
}
