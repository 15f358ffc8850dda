package org.plugboard.sip.internal;

import java.net.InetSocketAddress;

import javax.sip.SipStack;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;

/**
 * First look at every parsed inbound message, before transaction matching: drops banned sources, classifies
 * the message into a profile, traces it and runs the inbound rewriters. Retransmissions pass here too.
 */
final class InboundValve implements SIPMessageValve {
    private final Dispatcher dispatcher;
    private final SipStats stats;

    InboundValve(Dispatcher dispatcher, SipStats stats) {
        this.dispatcher = dispatcher;
        this.stats = stats;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        stats.requestsIn.increment();
        return dispatcher.inbound(request, source(channel), channel.getTransport());
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
