package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ServerHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.RewriteContext;

import gov.nist.javax.sip.message.SIPRequest;

/**
 * The outbound side: requests we originate get our User-Agent, pass the outbound rewriters of their profile, get
 * a Via branch of ours and leave through the {@link Channel} toward the hop their sender chose.
 */
final class Sender {
    /** The stack side of sending: the listening point toward the hop and the RI's client transactions. */
    interface Channel {
        /** Sends in a new client transaction whose responses go to {@code owner}. */
        ClientTransaction send(Request request, NextHop hop, String owner) throws SipException;

        /** Sends outside any transaction (an ACK to a 2xx). */
        void sendStateless(Request request, NextHop hop) throws SipException;
    }

    private final Channel channel;
    private final Whiteboards whiteboards;
    private final HeaderFactory headerFactory;
    private final Supplier<String> userAgent;
    private final SipStats stats;
    private final SipTrace trace;

    Sender(Channel channel, Whiteboards whiteboards, HeaderFactory headerFactory, Supplier<String> userAgent, SipStats stats,
            SipTrace trace) {
        this.channel = channel;
        this.whiteboards = whiteboards;
        this.headerFactory = headerFactory;
        this.userAgent = userAgent;
        this.stats = stats;
        this.trace = trace;
    }

    ClientTransaction send(Request request, NextHop hop, String owner, String profile) throws SipException {
        prepare(request, hop, profile);
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via != null && via.getBranch() == null) {
            try { // our own branch, set before the stack files the transaction under it
                via.setBranch("z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
                        + Long.toHexString(System.nanoTime()));
            } catch (ParseException e) {
                throw new SipException("Cannot set a Via branch: " + e.getMessage());
            }
        }
        long at = trace.stamp(); // before sending: the answer may be traced before send returns
        ClientTransaction ct = channel.send(request, hop, owner);
        trace.out(request, InetSocketAddress.createUnresolved(hop.host(), hop.port()), hop.transport(), at);
        stats.requestsOut.increment();
        return ct;
    }

    ClientTransaction cancel(ClientTransaction invite, String reason, String profile) throws SipException {
        if (!(((SIPRequest) invite.getRequest()).getApplicationData() instanceof Outbound o)) {
            throw new SipException("Only an INVITE sent through SipService.send can be cancelled");
        }
        Request cancel = invite.createCancel();
        if (reason != null) {
            try {
                cancel.addHeader(headerFactory.createHeader("Reason", reason));
            } catch (ParseException e) {
                throw new SipException("Bad Reason header value '" + reason + "': " + e.getMessage());
            }
        }
        return send(cancel, o.hop(), String.valueOf(invite.getApplicationData()), profile);
    }

    void sendAck(Request ack, NextHop hop, String profile) throws SipException {
        prepare(ack, hop, profile);
        long at = trace.stamp();
        channel.sendStateless(ack, hop);
        trace.out(ack, InetSocketAddress.createUnresolved(hop.host(), hop.port()), hop.transport(), at);
        stats.requestsOut.increment();
    }

    private void prepare(Request request, NextHop hop, String profile) {
        ((SIPRequest) request).setApplicationData(new Outbound(hop, profile)); // the stack's router reads the hop
        if (request.getHeader(ServerHeader.NAME) == null && request.getHeader(UserAgentHeader.NAME) == null) {
            try {
                request.setHeader(headerFactory.createUserAgentHeader(List.of(userAgent.get())));
            } catch (ParseException e) {
                // the configured value was checked when it was applied
            }
        }
        try (CallIdMdc mdc = CallIdMdc.of(request)) {
            RewriterChain.apply(whiteboards.rewriters(), request, new RewriteContext(RewriteContext.Direction.OUTBOUND, profile,
                    hop.transport(), InetSocketAddress.createUnresolved(hop.host(), hop.port()), headerFactory));
        }
    }
}
