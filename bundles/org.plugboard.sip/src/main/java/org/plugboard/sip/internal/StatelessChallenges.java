package org.plugboard.sip.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

import javax.sip.message.Request;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.StatelessChallenger;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.RawAnswer;

/**
 * Sends, from the receive path, the 401/407 a request's handler would certainly send, before the stack makes a
 * server transaction for it (issue 18): the handler's {@link StatelessChallenger} says which requests those are
 * (a REGISTER without Authorization, an INVITE from a phone without Proxy-Authorization) and adds the challenge.
 * Like Kamailio's {@code www_challenge} before {@code t_relay}: no transaction, no timer, no handler call, no
 * strand; a retransmission gets a new challenge with the same To-tag (RFC 3261 8.2.6.2). The ACK of a stateless
 * 407 carries our {@link #TAG_PREFIX} To-tag and is dropped by the valve. A request any challenger is unsure of,
 * or that fails here before anything is sent, goes the normal way.
 */
final class StatelessChallenges {
    private static final RateLimitedLog LOG = RateLimitedLog.of(StatelessChallenges.class);
    /** To-tag prefix of stateless challenges: their ACKs are dropped in the valve, nobody else knows them. */
    static final String TAG_PREFIX = "chl";

    private final Dispatcher dispatcher;
    private final SipStats stats;

    StatelessChallenges(Dispatcher dispatcher, SipStats stats) {
        this.dispatcher = dispatcher;
        this.stats = stats;
    }

    /** An ACK for one of our stateless challenges. */
    static boolean acksChallenge(SIPRequest request) {
        if (!Request.ACK.equals(request.getMethod()) || request.getTo() == null) {
            return false;
        }
        String tag = request.getTo().getTag();
        return tag != null && tag.startsWith(TAG_PREFIX);
    }

    /**
     * Answers {@code request} with its challenge when its handler's challenger is sure of it.
     * @param inbound what the dispatcher learned about it (its profile)
     * @return true when the challenge was sent (the request goes no further), false to let it go the normal way
     */
    boolean answer(SIPRequest request, Inbound inbound, MessageChannel channel) {
        if (request.getTo() == null || request.getTo().getTag() != null || request.getUnrecognizedHeaders().hasNext()
                || dispatcher.successor().forwarding()) {
            return false; // in-dialog, or a malformed header its handler answers 400, or this version is handing over
        }
        SIPResponse response;
        try {
            StatelessChallenger challenger = dispatcher.challenger(request.getMethod()); // fetched on first use: its bundle may be stopping
            if (challenger == null) {
                return false;
            }
            int status = challenger.challengeStatus(request, inbound.profile());
            if (status != 401 && status != 407) {
                return false;
            }
            response = request.createResponse(status);
            response.getTo().setTag(TAG_PREFIX + Integer.toHexString(Objects.hash(request.getCallId().getCallId(),
                    request.getFrom().getTag(), request.getCSeq().getSeqNumber())));
            if (dispatcher.serverHeader() != null) {
                response.setHeader(dispatcher.serverHeader());
            }
            challenger.addChallenge(response, dispatcher.headerFactory());
            dispatcher.rewriteOutbound(response, new RewriteContext(RewriteContext.Direction.OUTBOUND, inbound.profile(),
                    inbound.transport(), inbound.source(), dispatcher.headerFactory()));
        } catch (java.text.ParseException | RuntimeException e) { // nothing sent yet: the handler answers instead
            LOG.warn("challenge " + request.getMethod(), "Could not build a stateless challenge to a {} from {}: {}; "
                    + "its handler answers it", request.getMethod(), inbound.source(), e.toString());
            return false;
        }
        InetSocketAddress source = inbound.source();
        stats.statelessChallenges.increment(); // before it leaves: whoever reads the answer sees it counted
        try {
            // as bytes to the datagram's source: the RI's send of a parsed response would go by the Via, which may
            // name a host it must look up (RFC 4475's messages, TortureIT case 41)
            long at = dispatcher.stamp(); // before sending: the client's next request may be traced before send returns
            RawAnswer.send(channel, response.encodeAsBytes(channel.getTransport()), channel.getPeerPacketSourceAddress(),
                    channel.getPeerPacketSourcePort());
            dispatcher.answeredStatelessly(response, source, channel.getTransport(), at); // the request: traced in inbound()
        } catch (IOException | RuntimeException e) { // the client retransmits and gets a new one
            LOG.warn("challenge-send", "Could not send a stateless {} to {}: {}", response.getStatusCode(), source, e.toString());
        }
        return true;
    }
}
