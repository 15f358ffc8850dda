package org.plugboard.sip.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Objects;

import javax.sip.InvalidArgumentException;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.RawAnswer;
import gov.nist.javax.sip.stack.RestartableProcessorFactory;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * First look at every parsed inbound message, before transaction matching: answers requests the parser found at
 * fault ({@link RequestFault}), refuses new requests past the
 * admission limits (a stateless 503 with Retry-After, {@link Admission}), drops banned sources, classifies the
 * message into a profile, traces it and runs the inbound rewriters, then sends the challenge a new request would
 * certainly get from its handler statelessly ({@link StatelessChallenges}). Retransmissions pass here too.
 */
final class InboundValve implements SIPMessageValve {
    private static final RateLimitedLog LOG = RateLimitedLog.of(InboundValve.class);
    private final Dispatcher dispatcher;
    private final SipStats stats;
    private final Admission admission;
    private final StatelessChallenges challenges;
    private volatile SIPTransactionStack stack;

    InboundValve(Dispatcher dispatcher, SipStats stats) {
        this(dispatcher, stats, new Admission(System::nanoTime));
    }

    InboundValve(Dispatcher dispatcher, SipStats stats, Admission admission) {
        this.dispatcher = dispatcher;
        this.stats = stats;
        this.admission = admission;
        this.challenges = new StatelessChallenges(dispatcher, stats);
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        stats.requestsIn.increment();
        if (request.getApplicationData() instanceof RequestFault fault) {
            answer(request, fault, channel);
            return false;
        }
        answerToSource(request, channel);
        if (Admission.acksRefusal(request)) {
            admission.acksDropped.increment(); // nobody holds a transaction for it: the RI would hand it on as stray
            dispatcher.ended(request, source(channel), channel.getTransport());
            return false;
        }
        if (StatelessChallenges.acksChallenge(request)) {
            stats.challengeAcksDropped.increment(); // likewise
            dispatcher.ended(request, source(channel), channel.getTransport());
            return false;
        }
        if (Admission.opensWork(request) && !admittedBefore(request)) {
            Admission.Verdict v = admission.judge(
                    RestartableProcessorFactory.queuedMillis(channel.getMessageProcessor(), System.currentTimeMillis()),
                    request.getMethod());
            if (v != Admission.Verdict.ADMIT) {
                refuse(request, channel);
                return false;
            }
        }
        if (!dispatcher.inbound(request, source(channel), channel.getTransport())) {
            return false;
        }
        // a challenge its handler would certainly send goes now, before the stack makes a transaction
        return !(request.getApplicationData() instanceof Inbound inbound && challenges.answer(request, inbound, channel));
    }

    /**
     * A retransmission of a request admitted before, whose server transaction exists or is still pending (the first
     * copy is on its way to the listener on another thread): the stack absorbs it. Two hash lookups.
     */
    private boolean admittedBefore(SIPRequest request) {
        SIPTransactionStack s = stack;
        return s != null && (s.findTransaction(request, true) != null || s.findPendingTransaction(request.getTransactionId()) != null);
    }

    /**
     * Answers 503 without a transaction. A retransmission of the request gets the same answer again (same To-tag,
     * RFC 3261 8.2.6.2), and the client's transaction ends with the first copy it receives, so this costs one
     * datagram per datagram received and no timer.
     */
    private void refuse(SIPRequest request, MessageChannel channel) {
        InetSocketAddress source = source(channel);
        try {
            SIPResponse r = request.createResponse(Response.SERVICE_UNAVAILABLE, "Server Overloaded");
            r.getTo().setTag(Admission.TAG_PREFIX + Integer.toHexString(Objects.hash(request.getCallId().getCallId(),
                    request.getFrom().getTag(), request.getCSeq().getSeqNumber())));
            RetryAfter retryAfter = new RetryAfter();
            retryAfter.setRetryAfter(admission.limits().retryAfter());
            r.setHeader(retryAfter);
            if (dispatcher.serverHeader() != null) {
                r.setHeader(dispatcher.serverHeader());
            }
            long at = dispatcher.stamp();
            RawAnswer.send(channel, r.encodeAsBytes(channel.getTransport()), channel.getPeerPacketSourceAddress(),
                    channel.getPeerPacketSourcePort()); // to the source, whatever host the Via names
            dispatcher.refusedStatelessly(request, r, source, channel.getTransport(), at);
        } catch (IOException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("refuse", "Could not send 503 (overload) to {}: {}", source, e.toString());
        }
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        stats.responsesIn.increment();
        return dispatcher.inbound(response, source(channel), channel.getTransport());
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

    private static InetSocketAddress source(MessageChannel channel) {
        return new InetSocketAddress(channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort());
    }

    @Override
    public void init(SipStack stack) {
        this.stack = stack instanceof SIPTransactionStack s ? s : null;
    }

    @Override
    public void destroy() {
    }
}
