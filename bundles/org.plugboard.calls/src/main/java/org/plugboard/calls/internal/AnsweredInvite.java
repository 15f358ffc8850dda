package org.plugboard.calls.internal;

import java.net.InetSocketAddress;

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

    private AnsweredInvite(ServerRequest ex) {
        this.request = (Request) ex.request().clone(); // the RI's clone leaves the transaction pointer out
        if (request instanceof gov.nist.javax.sip.message.SIPRequest r) {
            r.setMessageChannel(null); // but copies the channel it came in on
        }
        this.source = ex.source();
        this.transport = ex.transport();
        this.profile = ex.profile();
    }

    /** The acknowledged form of {@code ex} (itself when it already is one, null for none). */
    static ServerRequest of(ServerRequest ex) {
        return ex == null || ex instanceof AnsweredInvite ? ex : new AnsweredInvite(ex);
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
