package org.plugboard.media.relay;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the relay needs from one m= section of an SDP.
 *
 * @param index        position of the m-line, from 0
 * @param media        audio, video, image ...
 * @param port         the m= port (0: refused or disabled)
 * @param proto        the transport, e.g. RTP/AVP
 * @param address      where the peer receives (media-level c=, else session-level); null for 0.0.0.0 / ::
 * @param rtcpPort     from a=rtcp, else port + 1
 * @param rtcpAddress  from a=rtcp when it names one, else {@code address}
 * @param rtcpMux      the section carries a=rtcp-mux
 * @param direction    sendrecv, sendonly, recvonly or inactive (media level, else session level)
 * @param clockRates   RTP clock rate per payload type from the section's rtpmap lines (the static types of RFC 3551
 *                     are one shared table: a copy per section was about 1 KB of every call's heap)
 * @param telephoneEventPt payload type of telephone-event, -1 if none
 */
public record MediaSection(int index, String media, int port, String proto, InetAddress address, int rtcpPort,
        InetAddress rtcpAddress, boolean rtcpMux, String direction, Map<Integer, Integer> clockRates,
        int telephoneEventPt) {

    /** Transports the relay can carry: RTP profiles over UDP, DTLS-SRTP, and T.38 over UDPTL. */
    private static final Set<String> UDP_TRANSPORTS = Set.of("RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF",
            "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF", "UDPTL");

    /** Port not 0 and a UDP transport the relay carries. */
    public boolean relayable() {
        return port != 0 && UDP_TRANSPORTS.contains(proto.toUpperCase(Locale.ROOT));
    }

    /** T.38 over UDPTL: its packets are not RTP, so no RTP checks or statistics. */
    public boolean udptl() {
        return "UDPTL".equalsIgnoreCase(proto);
    }

    /** SRTP: the payload is encrypted, so DTMF cannot be read from it. */
    public boolean secure() {
        return proto.toUpperCase(Locale.ROOT).contains("SAVP");
    }

    /** DTLS-SRTP: DTLS handshake packets share the port with (S)RTP. */
    public boolean dtls() {
        return proto.toUpperCase(Locale.ROOT).startsWith("UDP/TLS/");
    }

    /** Not sendrecv, or a 0.0.0.0 connection (RFC 2543 hold): the inactivity timer does not run. */
    public boolean held() {
        return !"sendrecv".equals(direction) || address == null;
    }

    /** The RFC 3551 static payload types' clock rates, one table for every section. */
    private static final Map<Integer, Integer> STATIC_CLOCK_RATES = Map.copyOf(Sdp.staticClockRates());

    /** Clock rate of a payload type: its rtpmap, else its RFC 3551 static rate, else 8000 (telephony default). */
    public int clockRate(int payloadType) {
        Integer mapped = clockRates.get(payloadType);
        return mapped != null ? mapped : STATIC_CLOCK_RATES.getOrDefault(payloadType, 8000);
    }
}
