package org.plugboard.calls.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;

/**
 * A caller's INVITE once our 2xx was acknowledged: what a connected call still reads of it (headers for services,
 * Max-Forwards for a transfer's new leg, CSeq and branch to know a retransmission), kept as its encoded bytes and
 * parsed again when read. The original request points at its server transaction, which holds our 2xx and its
 * channel, and even a detached parsed copy is a tree of a hundred small objects (headers, addresses, parameters):
 * kept by the leg for the call's whole length they made up a large part of an established call's heap, while a
 * connected call reads its INVITE again only on a transfer, a service's header question or a stray retransmission.
 * No response can follow an acknowledged 2xx, so {@link #respond} and {@link #createResponse} refuse (a bug if ever
 * reached).
 */
final class AnsweredInvite implements ServerRequest {
    private final byte[] encoded;
    private final InetSocketAddress source;
    private final String transport;
    private final String profile;

    private AnsweredInvite(byte[] encoded, InetSocketAddress source, String transport, String profile) {
        this.encoded = encoded;
        this.source = source;
        this.transport = transport;
        this.profile = profile;
    }

    /** The acknowledged form of {@code ex} (itself when it already is one, null for none). */
    static ServerRequest of(ServerRequest ex) {
        if (ex == null || ex instanceof AnsweredInvite) {
            return ex;
        }
        return new AnsweredInvite(encode(ex.request()), ex.source(), ex.transport(), ex.profile());
    }

    /** The request's bytes as it would be sent, body exact; encoded from a copy (the RI's encoding sets the Via's transport). */
    private static byte[] encode(Request request) {
        SIPRequest copy = (SIPRequest) request.clone();
        return copy.encodeAsBytes(copy.getTopmostVia().getTransport());
    }

    /** As plain hand-over data (no class of this bundle may cross an update: it would pin the old version). */
    Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("encoded", encoded);
        m.put("request", request()); // what the calls version before this one reads, should it be put back
        m.put("source", source);
        Leg.put(m, "transport", transport);
        Leg.put(m, "profile", profile);
        return m;
    }

    /** From {@link #save}'s map, or from the version before, which kept only the parsed request ({@code request}). */
    static AnsweredInvite restore(Map<String, Object> m) {
        byte[] encoded = m.containsKey("encoded") ? (byte[]) m.get("encoded") : encode((Request) m.get("request"));
        return new AnsweredInvite(encoded, (InetSocketAddress) m.get("source"), (String) m.get("transport"),
                (String) m.get("profile"));
    }

    /** A new parse of the INVITE each time: read rarely once a call is up (see the class comment). */
    @Override
    public Request request() {
        try {
            return (Request) new StringMsgParser().parseSIPMessage(encoded, true, false, null);
        } catch (ParseException e) { // it parsed when it came, and the RI encoded it
            throw new IllegalStateException("The kept INVITE no longer parses: " + e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress source() {
        return source;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public String profile() {
        return profile;
    }

    /** Not kept: the SIP service of the moment the INVITE came would pin an updated SIP bundle's old classes. */
    @Override
    public SipService sip() {
        throw acknowledged("no SIP service is kept for it");
    }

    @Override
    public Response createResponse(int statusCode) {
        throw acknowledged("no " + statusCode + " can follow");
    }

    @Override
    public Response createResponse(int statusCode, String reasonPhrase) {
        throw acknowledged("no " + statusCode + " can follow");
    }

    @Override
    public void respond(Response response) {
        throw acknowledged("no " + response.getStatusCode() + " can follow");
    }

    private IllegalStateException acknowledged(String what) {
        return new IllegalStateException("The INVITE of " + request().getHeader("Call-ID") + " was answered and acknowledged: " + what);
    }
}
