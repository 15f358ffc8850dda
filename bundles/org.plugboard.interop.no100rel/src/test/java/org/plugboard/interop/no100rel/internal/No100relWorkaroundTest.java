package org.plugboard.interop.no100rel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.sip.internal.RewriterReplay;

/** Replays captured INVITEs through the workaround as the SIP bundle runs it (declared properties and all). */
class No100relWorkaroundTest {
    private final RewriterReplay replay = RewriterReplay.of(new No100relWorkaround(), Map.of("plugboard.profiles", "line:carrier"));

    No100relWorkaroundTest() throws Exception {
    }

    @Test
    void removes100relAndKeepsTheOtherTagsInOrder() throws Exception {
        Request r = replay.outbound("invite-100rel-timer.sip", "line:carrier");
        assertEquals(List.of("timer", "replaces"), supported(r));
        assertEquals(1, r.toString().split("Supported", -1).length - 1, r.toString()); // one header line, no empty one
    }

    @Test
    void aHeaderBuiltByCodeWithSeveralTagsIsSplit() throws Exception {
        Request r = RewriterReplay.request("invite-only-100rel.sip");
        r.removeHeader(SupportedHeader.NAME);
        r.addHeader(javax.sip.SipFactory.getInstance().createHeaderFactory().createSupportedHeader("100rel, timer"));
        replay.run(r, RewriteContext.Direction.OUTBOUND, "line:carrier");
        assertEquals(List.of("timer"), supported(r));
    }

    @Test
    void anInviteThatOnlySupported100relLosesTheHeaderButKeepsRequire() throws Exception {
        Request r = replay.outbound("invite-only-100rel.sip", "line:carrier");
        assertNull(r.getHeader(SupportedHeader.NAME));
        assertEquals("Require: 100rel", r.getHeader("Require").toString().trim());
    }

    @Test
    void otherRequestsAreLeftAlone() throws Exception {
        String before = RewriterReplay.request("update-100rel.sip").toString();
        assertEquals(before, replay.outbound("update-100rel.sip", "line:carrier").toString());
    }

    @Test
    void otherProfilesAreLeftAlone() throws Exception {
        assertEquals(List.of("timer", "100rel", "replaces"), supported(replay.outbound("invite-100rel-timer.sip", "line:other")));
    }

    @Test
    void inboundIsLeftAlone() throws Exception {
        Request r = replay.inbound("invite-100rel-timer.sip", "line:carrier");
        assertEquals(List.of("timer", "100rel", "replaces"), supported(r));
    }

    private static List<String> supported(Request r) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(SupportedHeader.NAME);
        while (it.hasNext()) {
            out.add(((SupportedHeader) it.next()).getOptionTag());
        }
        return out;
    }
}
