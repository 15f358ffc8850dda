package org.plugboard.sip.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sip.header.CSeqHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rewriters that apply to a message, in ranking order: those whose {@code plugboard.profiles} name the
 * message's profile (or {@code *}) and whose {@code plugboard.rewrite.methods}, when set, name its method (a
 * response's method is its CSeq method). A failing rewriter is logged and skipped.
 */
final class RewriterChain {
    private static final RateLimitedLog FAILURES = RateLimitedLog.of(RewriterChain.class);
    private static final Logger LOG = LoggerFactory.getLogger(RewriterChain.class);

    private RewriterChain() {
    }

    /** A rewriter with its service properties read once, when it is bound. */
    record Entry(SipMessageRewriter service, Set<String> profiles, Set<String> methods) {
        static Entry of(SipMessageRewriter service, Map<String, Object> props) {
            Set<String> profiles = Set.copyOf(Whiteboard.strings(props.get(SipMessageRewriter.PROFILES)));
            Set<String> methods = Whiteboard.strings(props.get(SipMessageRewriter.METHODS)).stream()
                    .map(String::toUpperCase).collect(Collectors.toUnmodifiableSet());
            if (profiles.isEmpty()) {
                LOG.warn("Rewriter {} (service {}) has no {}: it applies to no message. Set {} = line:<name>, trunk:<name> "
                        + "or * in its configuration{}", service.getClass().getName(), Whiteboard.id(props),
                        SipMessageRewriter.PROFILES, SipMessageRewriter.PROFILES,
                        props.containsKey("profiles") ? " (its key 'profiles' is the name used before API 1.2: rename it)" : "");
            }
            return new Entry(service, profiles, methods);
        }

        boolean appliesTo(Message message, String profile) {
            return (profiles.contains("*") || profiles.contains(profile)) && (methods.isEmpty() || methods.contains(methodOf(message)));
        }
    }

    static void apply(List<Whiteboard.Ranked<Entry>> rewriters, Message message, RewriteContext ctx) {
        for (Whiteboard.Ranked<Entry> r : rewriters) {
            Entry e = r.service();
            if (!e.appliesTo(message, ctx.profile())) {
                continue;
            }
            try {
                if (ctx.direction() == RewriteContext.Direction.INBOUND) {
                    e.service().rewriteInbound(message, ctx);
                } else {
                    e.service().rewriteOutbound(message, ctx);
                }
            } catch (RuntimeException x) {
                FAILURES.warn(e.service().getClass().getName(),
                        "Rewriter {} failed on a {} message of profile {}; message left as it was: {}",
                        e.service().getClass().getName(), ctx.direction(), ctx.profile(), x.toString());
            }
        }
    }

    /** A request's method, or a response's CSeq method; empty when there is none. */
    static String methodOf(Message message) {
        if (message instanceof Request r) {
            return r.getMethod();
        }
        return message.getHeader(CSeqHeader.NAME) instanceof CSeqHeader cseq ? cseq.getMethod() : "";
    }
}
