package org.plugboard.calls.internal;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.sip.ServerRequest;

/** Requests inside a leg's dialog, on the call's strand: CSeq order, then one handler per method. */
final class InDialogRequests {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InDialogRequests.class);
    private final LegMessages messages;
    private final CallerAnswer callerAnswer;
    private final ReliableProvisionals reliable;
    private final OfferAnswer offerAnswer;
    private final Releaser releaser;
    private final Transfers transfers;
    private final Pickups pickups;

    InDialogRequests(LegMessages messages, CallerAnswer callerAnswer, ReliableProvisionals reliable, OfferAnswer offerAnswer, Releaser releaser,
            Transfers transfers, Pickups pickups) {
        this.messages = messages;
        this.callerAnswer = callerAnswer;
        this.reliable = reliable;
        this.offerAnswer = offerAnswer;
        this.releaser = releaser;
        this.transfers = transfers;
        this.pickups = pickups;
    }

    /** A request belongs to a leg when its tags match the leg's dialog (CANCEL matches the INVITE, no To-tag). */
    static boolean sameDialog(Leg leg, Request r) {
        String from = Dialogs.fromTag(r);
        if (Request.CANCEL.equals(r.getMethod())) {
            return leg.isCaller() && from != null && from.equals(leg.remoteTag);
        }
        String to = Dialogs.toTag(r);
        return from != null && from.equals(leg.remoteTag) && to != null && to.equals(leg.localTag);
    }

    void handle(Leg leg, ServerRequest ex) {
        if (pickups.inFlight(leg, ex)) {
            return; // the picking phone's leg is on its way to (or now in) the call it picks up
        }
        Request r = ex.request();
        String method = r.getMethod();
        if (!sameDialog(leg, r)) {
            if (!Request.ACK.equals(method)) {
                ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        if (!Request.ACK.equals(method) && !Request.CANCEL.equals(method)) {
            long cseq = Dialogs.cseq(r);
            if (cseq <= leg.remoteCseq && !Request.PRACK.equals(method)) {
                ex.respond(Response.SERVER_INTERNAL_ERROR, "CSeq out of order");
                return;
            }
            leg.remoteCseq = Math.max(leg.remoteCseq, cseq);
        }
        if (detached(leg) && !Request.ACK.equals(method) && !Request.BYE.equals(method) && !Request.CANCEL.equals(method)) {
            ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Leg no longer in the call");
            return; // a transferor's leg left the call: its offers and REFERs have nobody to go to
        }
        switch (method) {
            case Request.ACK -> {
                if (leg instanceof CallerLeg caller) {
                    callerAnswer.acked(caller, r);
                }
            }
            case Request.BYE -> bye(leg, ex);
            case Request.CANCEL -> cancel((CallerLeg) leg, ex);
            case Request.PRACK -> {
                if (leg instanceof CallerLeg caller) {
                    reliable.prack(caller, ex);
                } else {
                    ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No matching reliable provisional");
                }
            }
            case Request.INVITE, Request.UPDATE -> offerAnswer.offer(leg, ex);
            case Request.INFO -> {
                if (leg.call.application != null && leg.isCaller()) {
                    leg.call.application.info(r); // a digit by SIP INFO, for a phone without RFC 4733
                }
                ex.respond(Response.OK);
            }
            case Request.REFER -> transfers.refer(leg, ex);
            default -> ex.respond(Response.METHOD_NOT_ALLOWED);
        }
        if (leg.call.released() && !Request.ACK.equals(method)) {
            releaser.forgetLater(leg.call);
        }
    }

    /**
     * A leg another now stands in for: a transferor once its transfer completed (the target took its side), or a fork
     * that answered after another won. Its BYE, crossing ours, ends that leg only.
     */
    static boolean detached(Leg leg) {
        Leg party = leg.call.party(leg.side);
        Transfer t = leg.call.transfer;
        boolean target = t != null && leg instanceof CalleeLeg c && t.legs.contains(c); // still ringing toward its place
        return party != null && party != leg && !target;
    }

    private void bye(Leg leg, ServerRequest ex) {
        ex.respond(Response.OK);
        Call call = leg.call;
        boolean detached = detached(leg);
        leg.state = CallState.RELEASED;
        if (detached && !call.released()) {
            LOG.info("Call {}: BYE from {}, which has left the call: only its leg ends", call.id, leg.peer);
            return;
        }
        if (call.released() || transfers.transferorLeft(leg)) {
            return; // a transferor may hang up once its REFER is accepted: the transfer goes on
        }
        Causes.Reason reason = Causes.fromReasonHeader(ex.request());
        int cause = reason == null ? Causes.NORMAL_CLEARING : reason.cause();
        String text = reason == null ? (Release.callingParty(leg) ? "Caller hung up" : "Callee hung up") : reason.text();
        releaser.release(call, Release.byParty(leg, cause, text));
    }

    private void cancel(CallerLeg leg, ServerRequest ex) {
        ex.respond(Response.OK);
        Call call = leg.call;
        if (call.released() || leg.answered || leg != call.callerLeg) {
            return; // too late: answered, or picked up (the 200 is on its way: the phone hangs up with BYE)
        }
        Causes.Reason reason = Causes.fromReasonHeader(ex.request());
        releaser.release(call, Release.of(Response.REQUEST_TERMINATED, null, CallTag.CALLER_CANCEL,
                reason == null ? Causes.NORMAL_CLEARING : reason.cause(), reason == null ? "Caller cancelled" : reason.text()));
    }
}
