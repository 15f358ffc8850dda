package org.plugboard.sip.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.RawAnswer;
import gov.nist.javax.sip.stack.SIPMessageValve;

/**
 * First look at every parsed inbound message, before transaction matching: answers requests the parser found at
 * fault ({@link RequestFault}), drops banned sources, classifies
 * the message into a profile, traces it and runs the inbound rewriters. Retransmissions pass here too.
 */
final class InboundValve implements SIPMessageValve {
    private static final RateLimitedLog LOG = RateLimitedLog.of(InboundValve.class);
    private final Dispatcher dispatcher;
    private final SipStats stats;

    InboundValve(Dispatcher dispatcher, SipStats stats) {
        this.dispatcher = dispatcher;
        this.stats = stats;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        stats.requestsIn.increment();
        if (request.getApplicationData() instanceof RequestFault fault) {
            answer(request, fault, channel);
            return false;
        }
        answerToSource(request, channel);
        return dispatcher.inbound(request, source(channel), channel.getTransport());
    }

    /**
     * Over UDP, answers go back to the address and port the request came from, as if it had asked with rport
     * (RFC 3581): a Via naming another host or port (a phone behind NAT, most of RFC 4475's messages) would send
     * them where nobody listens, or to a name the stack must look up. Asterisk (force_rport) and Kamailio do the same.
     */
    private static void answerToSource(SIPRequest request, MessageChannel channel) {
        Via via = request.getTopmostVia();
        if (channel.isReliable() || via == null || via.getRPort() > 0) {
            return;
        }
        try {
            via.setParameter(Via.RECEIVED, channel.getPeerPacketSourceAddress().getHostAddress());
            via.setParameter(Via.RPORT, Integer.toString(channel.getPeerPacketSourcePort()));
        } catch (java.text.ParseException e) {
            LOG.warn("rport", "Could not note the source of a {} in its Via: {}", request.getMethod(), e.getMessage());
        }
    }

    /** A request the parser found at fault: answered here, to where it came from, before any transaction exists. */
    private void answer(SIPRequest request, RequestFault fault, MessageChannel channel) {
        stats.badHeaders.increment();
        if (Request.ACK.equals(request.getMethod())) {
            return; // never answered
        }
        try {
            RawAnswer.send(channel, fault.answerBytes(request), channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort());
            stats.responsesOut.increment();
        } catch (IOException | RuntimeException e) { // e.g. larger than a datagram
            LOG.warn("fault-answer", "Could not answer {} to a faulty {}: {}", fault.status(), request.getMethod(), e.toString());
        }
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        stats.responsesIn.increment();
        return dispatcher.inbound(response, source(channel), channel.getTransport());
    }

    private static InetSocketAddress source(MessageChannel channel) {
        return new InetSocketAddress(channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort());
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
