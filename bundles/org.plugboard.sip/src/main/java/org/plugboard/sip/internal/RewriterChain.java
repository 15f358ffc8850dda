package org.plugboard.sip.internal;

import java.util.List;

import javax.sip.message.Message;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/** Runs the rewriters that apply to a profile, in ranking order. A failing rewriter is logged and skipped. */
final class RewriterChain {
    private static final RateLimitedLog LOG = RateLimitedLog.of(RewriterChain.class);

    private RewriterChain() {
    }

    static void apply(List<Whiteboard.Ranked<SipMessageRewriter>> rewriters, Message message, RewriteContext ctx) {
        for (Whiteboard.Ranked<SipMessageRewriter> r : rewriters) {
            if (!appliesTo(r, ctx.profile())) {
                continue;
            }
            try {
                if (ctx.direction() == RewriteContext.Direction.INBOUND) {
                    r.service().rewriteInbound(message, ctx);
                } else {
                    r.service().rewriteOutbound(message, ctx);
                }
            } catch (RuntimeException e) {
                LOG.warn(r.service().getClass().getName(), "Rewriter {} failed on a {} message of profile {}; message left as it was: {}",
                        r.service().getClass().getName(), ctx.direction(), ctx.profile(), e.toString());
            }
        }
    }

    static boolean appliesTo(Whiteboard.Ranked<SipMessageRewriter> r, String profile) {
        List<String> profiles = Whiteboard.strings(r.props().get(SipMessageRewriter.PROFILES));
        return profiles.contains("*") || profiles.contains(profile);
    }
}
