package org.plugboard.media.endpoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Symmetric RTP for a terminated leg, with the relay's anti-hijack rule: the first packet whose source IP is the
 * SDP's or the signalling one (any IP with {@code latch.any.address}) latches its address and port, whatever the
 * port (NAT); later sources are refused until the latched one has been silent for the re-latch time. Audio goes
 * to the latched source, else to the SDP's address. Loop-confined.
 */
final class PeerLatch {
    private final boolean anyAddress;
    private final long relatchNanos;
    private InetAddress sdpIp;
    private int sdpPort;
    private InetAddress signalling;
    private InetSocketAddress latched;
    private long lastNanos;

    PeerLatch(boolean anyAddress, long relatchMillis) {
        this.anyAddress = anyAddress;
        this.relatchNanos = relatchMillis * 1_000_000;
    }

    /** A new SDP from the peer; a changed address or port starts over. */
    void peer(InetAddress ip, int port, InetAddress from) {
        if (!Objects.equals(ip, sdpIp) || port != sdpPort || !Objects.equals(from, signalling)) {
            latched = null;
        }
        sdpIp = ip;
        sdpPort = port;
        signalling = from;
    }

    /** The latch as JDK values, for the next version of the bundle. */
    Object[] save() {
        return new Object[] {sdpIp, sdpPort, signalling, latched, lastNanos};
    }

    void restore(Object[] s) {
        sdpIp = (InetAddress) s[0];
        sdpPort = (Integer) s[1];
        signalling = (InetAddress) s[2];
        latched = (InetSocketAddress) s[3];
        lastNanos = (Long) s[4];
    }

    boolean admit(InetSocketAddress source, long nowNanos) {
        if (source.equals(latched)) {
            lastNanos = nowNanos;
            return true;
        }
        boolean silent = latched == null || nowNanos - lastNanos > relatchNanos;
        if (silent && allowed(source.getAddress())) {
            latched = source;
            lastNanos = nowNanos;
            return true;
        }
        return false;
    }

    /** Where audio goes: the latched source, else the SDP's address; null when neither is known. */
    InetSocketAddress destination() {
        if (latched != null) {
            return latched;
        }
        return sdpIp == null || sdpPort == 0 ? null : new InetSocketAddress(sdpIp, sdpPort);
    }

    private boolean allowed(InetAddress ip) {
        return anyAddress || sdpIp != null && ip.equals(sdpIp) || signalling != null && ip.equals(signalling);
    }
}
