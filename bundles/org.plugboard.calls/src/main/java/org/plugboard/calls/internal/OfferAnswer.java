package org.plugboard.calls.internal;

import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.sip.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offer/answer inside a call (RFC 3264 over RFC 3261 14 and RFC 3311): a re-INVITE or UPDATE with SDP from one leg
 * goes to the other as an offer and its answer comes back; a request crossing one of ours gets 491 (glare). Also
 * the late-offer pair: the callee's offer in its 200, the caller's answer in its ACK, which our ACK carries on.
 */
final class OfferAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(OfferAnswer.class);

    private final LegMessages messages;
    private final MediaSteps media;
    private final SessionTimers sessionTimers;
    private final Releaser releaser;

    OfferAnswer(LegMessages messages, MediaSteps media, SessionTimers sessionTimers, Releaser releaser) {
        this.messages = messages;
        this.media = media;
        this.sessionTimers = sessionTimers;
        this.releaser = releaser;
    }

    /**
     * The leg an offer from {@code leg} goes to: the party connected on the other side (the caller, the answered
     * callee, a transfer's target), or in early dialogs the callee leg that last rang.
     */
    static Leg otherLeg(Leg leg) {
        Call call = leg.call;
        Leg other = call.party(leg.side.other());
        return other == null && leg == call.callerLeg ? call.earlyLeg : other;
    }

    /** A re-INVITE or UPDATE from a leg: a session refresh, or an SDP offer relayed to the other leg. */
    void offer(Leg leg, ServerRequest ex) {
        Request r = ex.request();
        Call call = leg.call;
        if (call.released()) {
            ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        sessionTimers.refreshedBy(leg);
        byte[] body = Dialogs.body(r);
        if (body == null) {
            // no offer: a keep-alive or session refresh (some IMS cores send UPDATE this way); answered here, and a
            // re-INVITE asking for an offer gets the SDP we last sent
            messages.respond(leg, ex, Response.OK, null, Request.INVITE.equals(r.getMethod()) ? leg.lastSdpSent : null);
            return;
        }
        if (call.application != null) { // a media application's caller: the engine answers
            if (leg.pendingOut != null) { // our re-INVITE moving it to a redirect's target crosses this one (glare)
                messages.respond(leg, ex, Response.REQUEST_PENDING, null, null);
                return;
            }
            leg.lastSdpReceived = body; // what a redirect would offer its target (ApplicationTransfers)
            call.application.reoffer(leg, ex, body);
            return;
        }
        if (call.origination != null && call.answered == null) { // the relay holds our offer toward the second party
            messages.respond(leg, ex, Response.REQUEST_PENDING, "Call being set up", null);
            return;
        }
        if (call.transfer != null) { // the engine holds the transferee's offer to the target: no other offer until it is decided
            messages.respond(leg, ex, Response.REQUEST_PENDING, "Transfer in progress", null);
            return;
        }
        Leg other = otherLeg(leg);
        if (other == null) {
            messages.respond(leg, ex, Response.OK, null, null);
            return;
        }
        if (leg.pendingOut != null || other.pendingOut != null || other.relayedFrom != null || leg.relayedFrom != null) {
            messages.respond(leg, ex, Response.REQUEST_PENDING, null, null); // glare (RFC 3261 14.2, RFC 3311 5.2)
            return;
        }
        other.relayedFrom = ex; // pending from now on: a crossing offer gets 491 while the engine answers
        other.relayedFromLeg = leg;
        media.relay(call, leg, other.hop, body, true, (relayed, failure) -> {
            if (failure != null || call.released()) {
                other.relayedFrom = null;
                other.relayedFromLeg = null;
                if (failure == null) {
                    ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                } else {
                    messages.respond(leg, ex, failure.status, failure.status == Response.NOT_ACCEPTABLE_HERE
                            ? "Bad SDP: " + failure.getMessage() : failure.getMessage(), null);
                }
                return;
            }
            try {
                Request out = messages.dialogs().inDialog(other, r.getMethod(), 0);
                out.setContent(relayed, messages.dialogs().sdpType());
                other.lastSdpSent = relayed;
                other.pendingOut = messages.send(other, out);
            } catch (SipException | ParseException | InvalidArgumentException e) {
                LOG.warn("Call {}: cannot relay the {} to {}: {}", call.id, r.getMethod(), other.hop, e.toString());
                other.relayedFrom = null;
                other.relayedFromLeg = null;
                other.pendingOut = null;
                messages.respond(leg, ex, Response.SERVER_INTERNAL_ERROR, "Cannot reach the other party", null);
            }
        });
    }

    /** True when the transaction is an offer we relayed to {@code leg}. */
    static boolean isRelayed(Leg leg, ClientTransaction ct) {
        return ct != null && ct == leg.pendingOut;
    }

    /** The final answer of a leg to an offer we relayed to it goes back to the leg that offered. */
    void relayedAnswer(Leg leg, Response r) {
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        ServerRequest origin = leg.relayedFrom;
        Leg originLeg = leg.relayedFromLeg;
        leg.pendingOut = null;
        leg.relayedFrom = null;
        leg.relayedFromLeg = null;
        if (Request.INVITE.equals(Dialogs.cseqMethod(r)) && status < 300 && leg instanceof CalleeLeg callee) {
            messages.ack(callee, Dialogs.cseq(r));
        } else if (Request.INVITE.equals(Dialogs.cseqMethod(r)) && status < 300) {
            ackCaller(leg, Dialogs.cseq(r));
        }
        if (origin == null || originLeg == null) { // an offer of our own (a transfer resuming its transferee)
            byte[] answer = status < 300 && Dialogs.isSdp(r) ? Dialogs.body(r) : null;
            if (answer != null) {
                media.relay(leg.call, leg, null, answer, false, (relayed, failure) -> {
                });
            }
            return;
        }
        if (status >= 300) {
            messages.respond(originLeg, origin, status, r.getReasonPhrase(), null);
            if (status == Response.REQUEST_TIMEOUT || status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) {
                releaser.release(leg.call, Release.recovery(CallTag.DEAD_LEG, "Leg gone: " + status, null));
            }
            return;
        }
        byte[] body = Dialogs.isSdp(r) ? Dialogs.body(r) : null;
        if (body == null) {
            media.after(leg.call, () -> messages.respond(originLeg, origin, Response.OK, null, null));
            return;
        }
        media.relay(leg.call, leg, originLeg.hop, body, false, (relayed, failure) -> {
            if (failure != null) {
                messages.respond(originLeg, origin, Response.NOT_ACCEPTABLE_HERE, "Bad SDP from the other party", null);
                return;
            }
            originLeg.lastSdpSent = relayed;
            messages.respond(originLeg, origin, Response.OK, null, relayed);
        });
    }

    /** Our re-INVITE toward the caller was answered: its ACK (the caller leg has no late-offer state). */
    private void ackCaller(Leg leg, long cseq) {
        try {
            Request ack = messages.dialogs().inDialog(leg, Request.ACK, cseq);
            messages.sip().sendAck(ack, leg.hop, leg.profile);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot ACK {}: {}", leg.call.id, leg.hop, e.toString());
        }
    }

    /** The other side stopped answering an offer we relayed: the offerer gets 408 and the call ends. */
    void relayedTimeout(Leg leg) {
        ServerRequest origin = leg.relayedFrom;
        Leg originLeg = leg.relayedFromLeg;
        leg.pendingOut = null;
        leg.relayedFrom = null;
        if (origin != null && originLeg != null) {
            messages.respond(originLeg, origin, Response.REQUEST_TIMEOUT, null, null);
        }
        leg.state = CallState.RELEASED;
        releaser.release(leg.call, Release.recovery(CallTag.DEAD_LEG, "No response from " + leg.peer, leg));
    }

    /** Late offer: the caller's ACK carries its answer, which our ACK to the answering callee carries on. */
    void answerInAck(Call call, CallerLeg caller, Request ack) {
        CalleeLeg callee = call.answeredLeg;
        if (callee == null || !callee.lateOffer || callee.ackBody != null) {
            return;
        }
        byte[] answer = Dialogs.isSdp(ack) ? Dialogs.body(ack) : null;
        callee.ackBody = new byte[0]; // taken: a retransmitted ACK brings nothing new
        if (answer == null) {
            media.after(call, () -> messages.ack(callee, callee.ackCseq));
            return;
        }
        media.relay(call, caller, callee.hop, answer, false, (relayed, failure) -> {
            if (failure != null) {
                LOG.warn("Call {}: the caller's answer in its ACK is unusable: {}", call.id, failure.getMessage());
            } else {
                callee.ackBody = relayed;
            }
            messages.ack(callee, callee.ackCseq);
        });
    }
}
