package org.plugboard.interop.no100rel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.header.SupportedHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/** Replays captured INVITEs through the rewriter. */
class No100relRewriterTest {
    private final No100relRewriter rewriter = new No100relRewriter();

    @Test
    void removes100relAndKeepsTheOtherTagsInOrder() throws Exception {
        Request r = Traces.request("invite-100rel-timer.sip");
        rewriter.rewriteOutbound(r, Traces.outbound("line:carrier"));
        assertEquals(List.of("timer", "replaces"), supported(r));
        assertEquals(1, r.toString().split("Supported", -1).length - 1, r.toString()); // one header line, no empty one
    }

    @Test
    void aHeaderBuiltByCodeWithSeveralTagsIsSplit() throws Exception {
        Request r = Traces.request("invite-only-100rel.sip");
        r.removeHeader(SupportedHeader.NAME);
        r.addHeader(javax.sip.SipFactory.getInstance().createHeaderFactory().createSupportedHeader("100rel, timer"));
        rewriter.rewriteOutbound(r, Traces.outbound("line:carrier"));
        assertEquals(List.of("timer"), supported(r));
    }

    @Test
    void anInviteThatOnlySupported100relLosesTheHeaderButKeepsRequire() throws Exception {
        Request r = Traces.request("invite-only-100rel.sip");
        rewriter.rewriteOutbound(r, Traces.outbound("line:carrier"));
        assertNull(r.getHeader(SupportedHeader.NAME));
        assertEquals("Require: 100rel", r.getHeader("Require").toString().trim());
    }

    @Test
    void otherRequestsAreLeftAlone() throws Exception {
        Request r = Traces.request("update-100rel.sip");
        String before = r.toString();
        rewriter.rewriteOutbound(r, Traces.outbound("line:carrier"));
        assertEquals(before, r.toString());
    }

    @Test
    void inboundIsLeftAlone() throws Exception {
        Request r = Traces.request("invite-100rel-timer.sip");
        rewriter.rewriteInbound(r, Traces.outbound("line:carrier"));
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
