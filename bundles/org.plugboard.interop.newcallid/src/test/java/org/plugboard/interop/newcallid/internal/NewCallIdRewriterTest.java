package org.plugboard.interop.newcallid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/** Replays a captured REGISTER (and an INVITE) through the rewriter. */
class NewCallIdRewriterTest {
    private final NewCallIdRewriter rewriter = new NewCallIdRewriter();

    @Test
    void everyRegisterGetsItsOwnCallIdAndKeepsItsCseq() throws Exception {
        Request first = Traces.request("register-to-ims.sip");
        Request second = Traces.request("register-to-ims.sip");
        String original = callId(first);
        rewriter.rewriteOutbound(first, Traces.outbound("line:strict"));
        rewriter.rewriteOutbound(second, Traces.outbound("line:strict"));
        assertNotEquals(original, callId(first));
        assertNotEquals(callId(first), callId(second));
        assertTrue(callId(first).endsWith("@plugboard"), callId(first));
        assertEquals(1L, ((CSeqHeader) first.getHeader(CSeqHeader.NAME)).getSeqNumber());
    }

    @Test
    void invitesAndInboundAreLeftAlone() throws Exception {
        Request invite = Traces.request("invite-to-ims.sip");
        rewriter.rewriteOutbound(invite, Traces.outbound("line:strict"));
        assertEquals("invite-1@plugboard", callId(invite));
        Request register = Traces.request("register-to-ims.sip");
        rewriter.rewriteInbound(register, Traces.outbound("line:strict"));
        assertEquals("9f2c41d8e7a6b5c4d3e2f1a0b9c8d7e6@plugboard", callId(register));
    }

    @Test
    void aCallIdWithoutHostStaysWithoutHost() {
        assertTrue(NewCallIdRewriter.fresh("abc").matches("[0-9a-f]{32}"));
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
