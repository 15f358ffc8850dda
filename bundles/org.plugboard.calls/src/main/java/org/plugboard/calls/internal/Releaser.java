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
        LOG.debug("Call {} {} -> {} released: {} ({}, cause {})", call.id, call.caller, call.callee, r.tag(), sipStatus, r.cause());
    }

    /** @return the SIP status the caller's INVITE ended with (200 once answered) */
    private int endCallerLeg(CallerLeg caller, Release r) {
        if (caller.invite == null) { // an originated call's placeholder: nobody to tell
            caller.state = CallState.RELEASED;
            return caller.call.answered != null ? Response.OK : r.status() == 0 ? Response.REQUEST_TERMINATED : r.status();
        }
        if (caller.answer != null) {
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
        if (picker.answer != null) {
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

    /** Legs stay indexed for 64*T1 after the call ends so late responses (a 200 racing a CANCEL) still find them. */
    void forgetLater(Call call) {
        if (call.forgetScheduled) {
            return;
        }
        call.forgetScheduled = true;
        strands.later(call.strand, FORGET_AFTER_MILLIS, () -> table.forget(call));
    }
}
