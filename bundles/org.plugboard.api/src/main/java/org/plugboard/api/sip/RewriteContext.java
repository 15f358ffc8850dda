package org.plugboard.api.sip;

import java.net.InetSocketAddress;

import javax.sip.header.HeaderFactory;

/**
 * Where a message comes from or goes to, and the factory a rewriter builds new headers with.
 *
 * @param direction     inbound or outbound
 * @param profile       the line, trunk or device profile name
 * @param transport     UDP, TCP or TLS
 * @param remote        the peer's address
 * @param headerFactory the SIP stack's header factory (since 1.2); null only in a context built with the
 *                      four-argument constructor
 */
public record RewriteContext(Direction direction, String profile, String transport, InetSocketAddress remote,
        HeaderFactory headerFactory) {
    public enum Direction { INBOUND, OUTBOUND }

    /** A context without a header factory (API 1.1). The SIP bundle always supplies one. */
    public RewriteContext(Direction direction, String profile, String transport, InetSocketAddress remote) {
        this(direction, profile, transport, remote, null);
    }
}
