package org.plugboard.interop.ruriparam.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.plugboard.sip.internal.RewriterReplay;

/** Replays captured requests through the workaround as the SIP bundle runs it (declared properties and all). */
class RuriParamWorkaroundTest {
    private static final Map<String, Object> IMS = Map.of("plugboard.profiles", "line:ims");
    private final RewriterReplay userPhone = replay("user=phone");

    @Test
    void registerGetsUserPhone() throws Exception {
        Request r = userPhone.outbound("register-to-ims.sip", "line:ims");
        assertEquals("sip:ims.example.net;user=phone", r.getRequestURI().toString());
        assertEquals("<sip:+8612345678@ims.example.net>", r.getHeader("To").toString().substring(4).trim());
    }

    @Test
    void inviteGetsUserPhone() throws Exception {
        Request r = userPhone.outbound("invite-to-ims.sip", "line:ims");
        assertEquals("sip:+8687654321@ims.example.net;user=phone", r.getRequestURI().toString());
    }

    @Test
    void otherMethodsAreLeftAlone() throws Exception {
        Request r = userPhone.outbound("options-to-ims.sip", "line:ims");
        assertEquals("sip:ims.example.net", r.getRequestURI().toString());
    }

    @Test
    void otherProfilesAreLeftAlone() throws Exception {
        Request r = userPhone.outbound("register-to-ims.sip", "line:other");
        assertEquals("sip:ims.example.net", r.getRequestURI().toString());
    }

    @Test
    void inboundIsLeftAlone() throws Exception {
        Request r = userPhone.inbound("register-to-ims.sip", "line:ims");
        assertEquals("sip:ims.example.net", r.getRequestURI().toString());
    }

    @Test
    void aParameterAlreadyThereIsNotAddedTwice() throws Exception {
        Request r = userPhone.outbound("register-already-user-phone.sip", "line:ims");
        assertEquals("sip:ims.example.net;user=phone", r.getRequestURI().toString());
    }

    @Test
    void severalParametersAndFlags() throws Exception {
        Request r = replay("user=phone;cpc=ordinary").outbound("register-to-ims.sip", "line:ims");
        assertEquals("sip:ims.example.net;user=phone;cpc=ordinary", r.getRequestURI().toString());
        Request flagged = replay("ob").outbound("register-to-ims.sip", "line:ims");
        assertEquals("sip:ims.example.net;ob", flagged.getRequestURI().toString());
    }

    @Test
    void badConfigurationIsRefusedWithTheReason() {
        assertEquals(Map.of("user", "phone"), RuriParamWorkaround.parse(" user=phone , "));
        assertThrows(IllegalArgumentException.class, () -> RuriParamWorkaround.parse(""));
        assertThrows(IllegalArgumentException.class, () -> RuriParamWorkaround.parse("us er=phone"));
    }

    private static RewriterReplay replay(String params) {
        try {
            return RewriterReplay.of(new RuriParamWorkaround(RuriParamWorkaround.parse(params)), IMS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
