package org.plugboard.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Symmetric latching with the anti-hijack rule: a side's packets are accepted from one source, the first one whose
 * IP is the SDP's or the signalling one (any IP with {@code latch.any.address}), whatever its port (NAT). Another
 * source may take over only after the latched one has been silent for {@code relatch.after.ms} (NAT rebinding),
 * and only under the same IP rule. Confined to the session's event loop.
 */
final class Latching {
    private static final Logger LOG = LoggerFactory.getLogger(Latching.class);

    private final String sessionId;
    private final boolean anyAddress;
    private final long relatchNanos;

    Latching(String sessionId, RelayConfig config) {
        this(sessionId, config.latchAnyAddress(), TimeUnit.MILLISECONDS.toNanos(config.relatchAfterMillis()));
    }

    Latching(String sessionId, boolean anyAddress, long relatchNanos) {
        this.sessionId = sessionId;
        this.anyAddress = anyAddress;
        this.relatchNanos = relatchNanos;
    }

    /** True when a packet from {@code source} is accepted into {@code latch} of {@code from}; latches it if new. */
    boolean admit(Endpoint from, Latch latch, InetSocketAddress source, long now) {
        if (source.getPort() == 0) {
            return false; // forged (raw sockets can send it): nothing can be sent back to port 0
        }
        if (latch.source != null) {
            if (latch.source.equals(source)) {
                latch.lastNanos = now;
                return true;
            }
            if (now - latch.lastNanos < relatchNanos || !mayLatch(from, source.getAddress())) {
                return false;
            }
            LOG.debug("Session {} {} m-line {}: re-latched from {} to {} after silence", sessionId, from.side,
                    from.stream.index, latch.source, source);
        } else if (!mayLatch(from, source.getAddress())) {
            return false;
        }
        latch.source = source;
        latch.lastNanos = now;
        return true;
    }

    /** A source may latch: any IP if configured, else the IP of the side's SDP (RTP or RTCP) or of its signalling. */
    boolean mayLatch(Endpoint from, InetAddress source) {
        if (anyAddress) {
            return true;
        }
        MediaSection peer = from.peer;
        return peer != null && (source.equals(peer.address()) || source.equals(peer.rtcpAddress())
                || source.equals(from.signalling));
    }
}
