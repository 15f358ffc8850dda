package org.plugboard.api.sip;

import javax.sip.message.Message;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hook on SIP messages of one or more profiles (a line, a trunk, a device profile), run in order of
 * {@code service.ranking} (highest first, ties by service id). Inbound hooks run before the stack matches the
 * message to a transaction; outbound hooks run just before a message is sent. Every interop workaround is one of
 * these. Rewriters must be quick and must not keep per-call state (a bundle update must lose nothing).
 * <p>
 * The SIP bundle does the selecting from the service properties: a rewriter sees only messages of its
 * {@link #PROFILES} and, when {@link #METHODS} is set, only requests of those methods and responses to them. A DS
 * component with a factory configuration gets both straight from the configuration (component properties are
 * service properties), so a workaround needs no code of its own for either.
 */
@ConsumerType
public interface SipMessageRewriter {
    /**
     * Service property (String or String[]; a String may list several, comma separated): profiles this rewriter
     * applies to, e.g. {@code line:carrier1}; {@code *} means all. Without it the rewriter applies to no message.
     */
    String PROFILES = "plugboard.profiles";

    /**
     * Service property (String or String[]; a String may list several, comma separated): the SIP methods whose
     * requests, and responses to them (by their CSeq method), this rewriter sees, e.g. {@code INVITE,REGISTER}.
     * Without it the rewriter sees every method.
     *
     * @since 1.2
     */
    String METHODS = "plugboard.rewrite.methods";

    /** A message that arrived, before any handler sees it. */
    default void rewriteInbound(Message message, RewriteContext context) {
    }

    /** A message about to leave. */
    default void rewriteOutbound(Message message, RewriteContext context) {
    }
}
