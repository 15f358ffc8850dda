package org.plugboard.api.sip;

import javax.sip.message.Message;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hook on SIP messages of one or more profiles (a line, a trunk, a device profile), run in order of
 * {@code service.ranking} (highest first). Inbound hooks run before the stack matches the message to a
 * transaction; outbound hooks run just before a message is sent. Every interop workaround is one of these.
 * Rewriters must be quick and must not keep per-call state (a bundle update must lose nothing).
 */
@ConsumerType
public interface SipMessageRewriter {
    /** Service property (String or String[]): profiles this rewriter applies to; {@code *} means all. */
    String PROFILES = "plugboard.profiles";

    /** A message that arrived, before any handler sees it. */
    default void rewriteInbound(Message message, RewriteContext context) {
    }

    /** A message about to leave. */
    default void rewriteOutbound(Message message, RewriteContext context) {
    }
}
