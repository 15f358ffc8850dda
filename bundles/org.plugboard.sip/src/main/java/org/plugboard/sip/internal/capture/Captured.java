package org.plugboard.sip.internal.capture;

import java.net.InetSocketAddress;

/**
 * One SIP message as it crossed the wire, for the trace, pcap and HEP: who sent it to whom, when, and its bytes.
 *
 * @param outbound    true for a message we sent
 * @param transport   UDP, TCP, TLS, ...
 * @param source      the sender's address (ours for outbound)
 * @param destination the receiver's address (ours for inbound)
 * @param epochMicros when it was seen, microseconds since 1970
 * @param bytes       the message as encoded
 * @param callId      its Call-ID (HEP correlation, filters)
 * @param users       the user parts of From, To and the Request-URI (filters by extension)
 * @param firstLine   the start line, for listings
 */
public record Captured(boolean outbound, String transport, InetSocketAddress source, InetSocketAddress destination,
        long epochMicros, byte[] bytes, String callId, java.util.Set<String> users, String firstLine) {

    public InetSocketAddress remote() {
        return outbound ? destination : source;
    }

    public boolean ipv6() {
        return source.getAddress() instanceof java.net.Inet6Address;
    }
}
