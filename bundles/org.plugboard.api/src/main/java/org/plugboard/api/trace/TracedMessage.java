package org.plugboard.api.trace;

import java.time.Instant;

/**
 * One traced SIP message as it crossed the wire.
 *
 * @param time      when it was seen
 * @param outbound  true for a message the PBX sent
 * @param local     the PBX's address and port ({@code 127.0.0.1:5060}, {@code [::1]:5060})
 * @param remote    the peer's address and port
 * @param transport UDP, TCP, TLS
 * @param callId    its Call-ID
 * @param firstLine the start line ({@code INVITE sip:1002@pbx SIP/2.0}, {@code SIP/2.0 180 Ringing})
 * @param raw       the whole message, cut at a bound the provider documents
 */
public record TracedMessage(Instant time, boolean outbound, String local, String remote, String transport, String callId,
        String firstLine, String raw) {
}
