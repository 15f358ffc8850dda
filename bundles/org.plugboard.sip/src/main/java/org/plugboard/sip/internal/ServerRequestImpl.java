package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;

/** An incoming request and its way back: responses pass the outbound rewriters, then the wire. */
final class ServerRequestImpl implements ServerRequest {
    private final Dispatcher dispatcher;
    private final ResponseWire wire;
    private final Request request;
    private final Inbound inbound;
    private volatile boolean finalSent;

    ServerRequestImpl(Dispatcher dispatcher, ResponseWire wire, Request request, Inbound inbound) {
        this.dispatcher = dispatcher;
        this.wire = wire;
        this.request = request;
        this.inbound = inbound;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public InetSocketAddress source() {
        return inbound.source();
    }

    @Override
    public String transport() {
        return inbound.transport();
    }

    @Override
    public String profile() {
        return inbound.profile();
    }

    @Override
    public SipService sip() {
        return dispatcher.sip();
    }

    boolean finalSent() {
        return finalSent;
    }

    /** See {@link ResponseWire#holdAutomaticTrying}. */
    void holdAutomaticTrying(boolean hold) {
        wire.holdAutomaticTrying(hold);
    }

    @Override
    public Response createResponse(int statusCode) {
        return createResponse(statusCode, null);
    }

    @Override
    public Response createResponse(int statusCode, String reasonPhrase) {
        try {
            Response response = dispatcher.messageFactory().createResponse(statusCode, request);
            if (reasonPhrase != null) {
                response.setReasonPhrase(reasonPhrase);
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (statusCode > 100 && to != null && to.getTag() == null) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            response.setHeader(dispatcher.serverHeader());
            return response;
        } catch (ParseException e) {
            throw new IllegalArgumentException("Cannot build a " + statusCode + " response: " + e.getMessage(), e);
        }
    }

    @Override
    public void respond(Response response) {
        if (dispatcher.successor().forwarding()) { // handed over by the calls bundle across an update of this bundle
            if (dispatcher.successor().forward(response, profile(), transport(), source()) && response.getStatusCode() >= 200) {
                finalSent = true;
            }
            return;
        }
        dispatcher.rewriteOutbound(response, new RewriteContext(RewriteContext.Direction.OUTBOUND, profile(), transport(),
                source(), dispatcher.headerFactory()));
        long at = dispatcher.stamp(); // before sending: the peer's ACK may be traced before send returns
        if (!wire.send(response)) {
            return;
        }
        if (response.getStatusCode() >= 200) {
            finalSent = true;
        }
        dispatcher.sent(response, this, at);
    }
}
