package org.plugboard.calls.internal;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;

/**
 * A caller's INVITE once our 2xx was acknowledged: what a connected call still reads of it (headers for services,
 * Max-Forwards for a transfer's new leg, CSeq and branch to know a retransmission), as a copy that no longer points at
 * the stack's transaction. The original request points at its server transaction, which holds our 2xx and its channel;
 * kept by the leg for the call's whole length they made up a large part of an established call's heap.
 * No response can follow an acknowledged 2xx, so {@link #respond} and {@link #createResponse} refuse (a bug if ever
 * reached).
 */
final class AnsweredInvite implements ServerRequest {
    private final Request request;
    private final InetSocketAddress source;
    private final String transport;
    private final String profile;

    private AnsweredInvite(Request request, InetSocketAddress source, String transport, String profile) {
        this.request = request;
        this.source = source;
        this.transport = transport;
        this.profile = profile;
    }

    /** The acknowledged form of {@code ex} (itself when it already is one, null for none). */
    static ServerRequest of(ServerRequest ex) {
        if (ex == null || ex instanceof AnsweredInvite) {
            return ex;
        }
        Request copy = (Request) ex.request().clone(); // the RI's clone leaves the transaction pointer out
        if (copy instanceof gov.nist.javax.sip.message.SIPRequest r) {
            r.setMessageChannel(null); // but copies the channel it came in on
        }
        return new AnsweredInvite(copy, ex.source(), ex.transport(), ex.profile());
    }

    /** As plain hand-over data (no class of this bundle may cross an update: it would pin the old version). */
    Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("request", request);
        m.put("source", source);
        Leg.put(m, "transport", transport);
        Leg.put(m, "profile", profile);
        return m;
    }

    static AnsweredInvite restore(Map<String, Object> m) {
        return new AnsweredInvite((Request) m.get("request"), (InetSocketAddress) m.get("source"), (String) m.get("transport"),
                (String) m.get("profile"));
    }

    @Override
    public Request request() {
        return request;
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
        return new IllegalStateException("The INVITE of " + request.getHeader("Call-ID") + " was answered and acknowledged: " + what);
    }
}
