package org.plugboard.interop.newcallid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.plugboard.sip.internal.RewriterReplay;

/** Replays a captured REGISTER (and an INVITE) through the workaround as the SIP bundle runs it. */
class NewCallIdWorkaroundTest {
    private final RewriterReplay replay = RewriterReplay.of(new NewCallIdWorkaround(), Map.of("plugboard.profiles", "line:strict"));

    NewCallIdWorkaroundTest() throws Exception {
    }

    @Test
    void everyRegisterGetsItsOwnCallIdAndKeepsItsCseq() throws Exception {
        String original = callId(RewriterReplay.request("register-to-ims.sip"));
        Request first = replay.outbound("register-to-ims.sip", "line:strict");
        Request second = replay.outbound("register-to-ims.sip", "line:strict");
        assertNotEquals(original, callId(first));
        assertNotEquals(callId(first), callId(second));
        assertTrue(callId(first).endsWith("@plugboard"), callId(first));
        assertEquals(1L, ((CSeqHeader) first.getHeader(CSeqHeader.NAME)).getSeqNumber());
    }

    @Test
    void invitesOtherProfilesAndInboundAreLeftAlone() throws Exception {
        assertEquals("invite-1@plugboard", callId(replay.outbound("invite-to-ims.sip", "line:strict")));
        String original = "9f2c41d8e7a6b5c4d3e2f1a0b9c8d7e6@plugboard";
        assertEquals(original, callId(replay.outbound("register-to-ims.sip", "line:other")));
        assertEquals(original, callId(replay.inbound("register-to-ims.sip", "line:strict")));
    }

    @Test
    void aCallIdWithoutHostStaysWithoutHost() {
        assertTrue(NewCallIdWorkaround.fresh("abc").matches("[0-9a-f]{32}"));
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
