package org.plugboard.api.sip;

import java.net.InetSocketAddress;

/**
 * Where a message comes from or goes to.
 *
 * @param direction inbound or outbound
 * @param profile   the line, trunk or device profile name
 * @param transport UDP, TCP or TLS
 * @param remote    the peer's address
 */
public record RewriteContext(Direction direction, String profile, String transport, InetSocketAddress remote) {
    public enum Direction { INBOUND, OUTBOUND }
}
