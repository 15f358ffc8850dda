package org.plugboard.api.location;

import java.time.Instant;

/**
 * One registered contact of an extension.
 *
 * @param extension  the address-of-record's user part
 * @param contact    the Contact URI as the device sent it
 * @param expiresAt  when the binding lapses unless refreshed
 * @param callId     Call-ID of the REGISTER that made it (RFC 3261 10.3 ordering rules)
 * @param cseq       CSeq of that REGISTER
 * @param source     host:port the REGISTER came from (where requests go behind NAT)
 * @param transport  UDP, TCP, TLS
 * @param userAgent  User-Agent header, may be empty
 * @param instanceId +sip.instance (RFC 5626), may be empty
 */
public record Binding(String extension, String contact, Instant expiresAt, String callId, long cseq,
        String source, String transport, String userAgent, String instanceId) {

    public long secondsLeft(Instant now) {
        return Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond());
    }
}
