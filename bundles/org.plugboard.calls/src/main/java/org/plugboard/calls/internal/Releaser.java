package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;

import javax.sip.InvalidArgumentException;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a call on every leg: a final response to an unanswered caller, BYE to answered legs (except the one that
 * hung up), CANCEL to ringing callee legs; gives back media and admission slots, writes the CDR and tells
 * listeners and services. Idempotent.
 */
final class Releaser {
    private static final Logger LOG = LoggerFactory.getLogger(Releaser.class);
    /** Legs stay indexed this long after the call ends, so late responses (a 200 racing a CANCEL) find them. */
    static final long FORGET_AFTER_MILLIS = 64 * 500;

    private final LegMessages messages;
    private final SdpBridge sdp;
    private final CallTable table;
    private final Admissions admissions;
    private final Publisher publisher;
    private final Strands strands;
    private final Clock clock;
    private final ServiceRunner services;
    /** Told of every release before the legs are ended (set once by CallLogic: the transfers). */
    private java.util.function.Consumer<Call> onRelease = call -> {
    };
    private java.util.function.BiConsumer<Call, org.plugboard.api.cdr.CallDetailRecord> onRecord = (call, record) -> {
    };

    Releaser(LegMessages messages, SdpBridge sdp, CallTable table, Admissions admissions, Publisher publisher, Strands strands,
            Clock clock, ServiceRunner services) {
        this.messages = messages;
        this.sdp = sdp;
        this.table = table;
        this.admissions = admissions;
        this.publisher = publisher;
        this.strands = strands;
        this.clock = clock;
        this.services = services;
    }

    void onRelease(java.util.function.Consumer<Call> hook) {
        this.onRelease = hook;
    }

    /** Told of every record once written (set once by CallLogic: originated calls tell their listener). */
    void onRecord(java.util.function.BiConsumer<Call, org.plugboard.api.cdr.CallDetailRecord> hook) {
        this.onRecord = hook;
    }

    void release(Call call, Release r) {
        if (call.released()) {
            return;
        }
        Instant end = clock.instant();
        boolean wasAnswered = call.answered != null;
        call.state = CallState.RELEASED;
        call.releaseCause = r.cause();
        call.releaseText = r.text();
        call.cancelTimers();
        onRelease.accept(call); // a transfer in progress tells its transferor first
        int sipStatus = endCallerLeg(call.callerLeg, r);
        if (call.picker != null) {
            endPicker(call.picker, r);
        }
        for (CalleeLeg leg : call.calleeLegs) { // every connected leg gets BYE, whatever side it stands on
            if (leg == r.hungUp() || leg.state == CallState.RELEASED) {
                continue;
            }
            if (leg.state == CallState.CONNECTED) {
                messages.bye(leg, r.cause(), r.text());
            } else {
                messages.cancel(leg, r.reasonHeaderValue());
            }
        }
        sdp.release(call);
        if (call.application != null) {
            call.application.released();
        }
        table.ended(call);
        if (call.admissionAsked) {
            admissions.released(call.id);
        }
        Disposition disposition = wasAnswered ? Disposition.ANSWERED
                : r.tag() == CallTag.CALLER_CANCEL ? Disposition.CANCELLED
                : r.tag() == CallTag.RING_TIMEOUT ? Disposition.NO_ANSWER
                : sipStatus == Response.BUSY_HERE || sipStatus == Response.BUSY_EVERYWHERE ? Disposition.BUSY
                : Disposition.FAILED;
        // a consultation call an attended transfer replaced; a call picked up by another extension
        CallTag tag = call.replacedBy != null ? CallTag.TRANSFERRED : call.picker != null ? CallTag.PICKED_UP : r.tag();
        String reason = call.recordNote == null ? r.text() : call.recordNote + "; " + r.text();
        org.plugboard.api.cdr.CallDetailRecord record = call.record(end, disposition, sipStatus, r.cause(), reason, tag);
        publisher.record(call, record);
        onRecord.accept(call, record);
        services.released(call);
        forgetLater(call);
        forgetIfSettled(call);
        LOG.debug("Call {} {} -> {} released: {} ({}, cause {})", call.id, call.caller, call.callee, r.tag(), sipStatus, r.cause());
    }

    /** @return the SIP status the caller's INVITE ended with (200 once answered) */
    private int endCallerLeg(CallerLeg caller, Release r) {
        if (caller.invite == null) { // an originated call's placeholder: nobody to tell
            caller.state = CallState.RELEASED;
            return caller.call.answered != null ? Response.OK : r.status() == 0 ? Response.REQUEST_TERMINATED : r.status();
        }
        if (caller.answered) {
            if (caller != r.hungUp() && caller.state == CallState.CONNECTED) {
                messages.bye(caller, r.cause(), r.text());
            } // while we still wait for the caller's ACK, the BYE goes when it arrives (RFC 3261 15)
            return Response.OK;
        }
        int status = r.status() == 0 ? Response.REQUEST_TERMINATED : r.status();
        Dialogs dialogs = messages.dialogs();
        try {
            Response resp = dialogs.answer(caller, caller.invite, status, r.phrase());
            resp.addHeader(dialogs.headers().createReasonHeader("Q.850", r.cause(), r.text()));
            caller.refusal = (Response) resp.clone();
            caller.invite.respond(resp);
        } catch (ParseException | InvalidArgumentException e) {
            caller.invite.respond(status);
        }
        caller.state = CallState.RELEASED;
        return status;
    }

    /** The picker's dialog: BYE once answered (after its ACK when that is due), else the release's status. */
    private void endPicker(CallerLeg picker, Release r) {
        if (picker == r.hungUp() || picker.state == CallState.RELEASED) {
            return;
        }
        if (picker.answered) {
            if (picker.state == CallState.CONNECTED) {
                messages.bye(picker, r.cause(), r.text());
            }
            return;
        }
        int status = r.status() == 0 ? Response.REQUEST_TERMINATED : r.status();
        try {
            Response resp = messages.dialogs().answer(picker, picker.invite, status, r.phrase());
            resp.addHeader(messages.dialogs().headers().createReasonHeader("Q.850", r.cause(), r.text()));
            picker.invite.respond(resp);
        } catch (ParseException | InvalidArgumentException e) {
            picker.invite.respond(status);
        }
        picker.state = CallState.RELEASED;
    }

    /**
     * Legs stay indexed for 64*T1 after the call ends so late responses (a 200 racing a CANCEL) still find them, unless
     * {@link #forgetIfSettled} forgets them sooner. The timer holds the call weakly: a call forgotten sooner is garbage
     * at once, not 32 s later (issue 18: at a few hundred calls a second those were thousands of ended calls).
     */
    void forgetLater(Call call) {
        if (call.forgetScheduled) {
            return;
        }
        call.forgetScheduled = true;
        java.lang.ref.WeakReference<Call> ended = new java.lang.ref.WeakReference<>(call);
        strands.later(call.strand, FORGET_AFTER_MILLIS, () -> {
            Call c = ended.get();
            if (c != null) {
                table.forget(c);
            }
        });
    }

    /** An ended call nothing late can need any more is forgotten now; called after its release and each later event. */
    void forgetIfSettled(Call call) {
        if (call.released() && settled(call)) {
            table.forget(call);
        }
    }

    /**
     * Nothing that may still arrive for this ended call needs it: the caller was answered 200 and ACKed it (a refused
     * caller's INVITE may come again past a transaction lost in an update of the SIP bundle; an unACKed 200's ACK
     * brings our BYE), no callee's INVITE waits for its final answer (a 200 racing our CANCEL needs ACK and BYE),
     * and every BYE we sent has its answer (a BYE crossing ours gets 200). Retransmissions of what was answered are
     * the transactions' to absorb; anything else for a forgotten call is answered 481, as RFC 3261 12.2.2 says.
     */
    static boolean settled(Call call) {
        for (Leg leg : call.legs()) {
            if (leg instanceof CallerLeg caller && caller.invite != null
                    && (!caller.answered || caller.state == CallState.ANSWERED)) {
                return false; // refused: its INVITE, retransmitted past a dead transaction, gets the refusal again
            }
            if (leg instanceof CalleeLeg callee && inviteOpen(callee)) {
                return false;
            }
            if (leg.byeSent && !leg.byeAnswered) {
                return false;
            }
        }
        return true;
    }

    /**
     * Our INVITE to this callee has no final answer yet: cancelled (CANCEL marks the leg released before its 487), or
     * still trying or ringing. A leg that answered is connected, got our BYE, or hung up itself (released, not cancelled).
     */
    private static boolean inviteOpen(CalleeLeg leg) {
        return leg.inviteTx != null && leg.finalStatus == 0 && !leg.byeSent && (leg.cancelWanted || leg.cancelSent
                || (leg.state != CallState.CONNECTED && leg.state != CallState.RELEASED));
    }
}
