package org.plugboard.interop.ruriparam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/** Replays captured requests through the rewriter. */
class RuriParamRewriterTest {
    private final RuriParamRewriter userPhone = new RuriParamRewriter(RuriParamRewriter.parse("user=phone"));

    @Test
    void registerGetsUserPhone() throws Exception {
        Request r = Traces.request("register-to-ims.sip");
        userPhone.rewriteOutbound(r, Traces.outbound("line:ims"));
        assertEquals("sip:ims.example.net;user=phone", r.getRequestURI().toString());
        assertEquals("<sip:+8612345678@ims.example.net>", r.getHeader("To").toString().substring(4).trim());
    }

    @Test
    void inviteGetsUserPhone() throws Exception {
        Request r = Traces.request("invite-to-ims.sip");
        userPhone.rewriteOutbound(r, Traces.outbound("line:ims"));
        assertEquals("sip:+8687654321@ims.example.net;user=phone", r.getRequestURI().toString());
    }

    @Test
    void otherMethodsAreLeftAlone() throws Exception {
        Request r = Traces.request("options-to-ims.sip");
        userPhone.rewriteOutbound(r, Traces.outbound("line:ims"));
        assertEquals("sip:ims.example.net", r.getRequestURI().toString());
    }

    @Test
    void inboundIsLeftAlone() throws Exception {
        Request r = Traces.request("register-to-ims.sip");
        userPhone.rewriteInbound(r, Traces.outbound("line:ims"));
        assertEquals("sip:ims.example.net", r.getRequestURI().toString());
    }

    @Test
    void aParameterAlreadyThereIsNotAddedTwice() throws Exception {
        Request r = Traces.request("register-already-user-phone.sip");
        userPhone.rewriteOutbound(r, Traces.outbound("line:ims"));
        assertEquals("sip:ims.example.net;user=phone", r.getRequestURI().toString());
    }

    @Test
    void severalParametersAndFlags() throws Exception {
        Request r = Traces.request("register-to-ims.sip");
        new RuriParamRewriter(RuriParamRewriter.parse("user=phone;cpc=ordinary")).rewriteOutbound(r, Traces.outbound("x"));
        assertEquals("sip:ims.example.net;user=phone;cpc=ordinary", r.getRequestURI().toString());
        Request flagged = Traces.request("register-to-ims.sip");
        new RuriParamRewriter(RuriParamRewriter.parse("ob")).rewriteOutbound(flagged, Traces.outbound("x"));
        assertEquals("sip:ims.example.net;ob", flagged.getRequestURI().toString());
    }

    @Test
    void badConfigurationIsRefusedWithTheReason() {
        assertEquals(Map.of("user", "phone"), RuriParamRewriter.parse(" user=phone , "));
        assertThrows(IllegalArgumentException.class, () -> RuriParamRewriter.parse(""));
        assertThrows(IllegalArgumentException.class, () -> RuriParamRewriter.parse("us er=phone"));
    }
}
