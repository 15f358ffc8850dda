package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;

import javax.sip.InvalidArgumentException;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.TransferVerdict;
import org.plugboard.api.media.Side;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.sip.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REFER (RFC 3515) in an answered call: the checks, in this order (400 for a Refer-To or Replaces that cannot be
 * used, 482 for a loop, 491 while another transfer runs, 403 without permission), then 202 and the first NOTIFY;
 * {@link TransferCalls} calls the target. A blind transfer calls the Refer-To number; an attended one (Replaces in the
 * Refer-To) first finds the consultation call's target through {@link Consultations}. Also what a transfer does
 * when its transferor hangs up (the call goes on), when the call ends under it, and after a bundle update.
 */
final class Transfers {
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

    private final LegMessages messages;
    private final ServiceRunner services;
    private final CallRouting routing;
    private final CallTable table;
    private final TransferCalls calls;
    private final Consultations consultations;
    private final ReferNotify notify;
    private final Clock clock;

    Transfers(LegMessages messages, ServiceRunner services, CallRouting routing, CallTable table, TransferCalls calls,
            Consultations consultations, ReferNotify notify, Clock clock) {
        this.messages = messages;
        this.services = services;
        this.routing = routing;
        this.table = table;
        this.calls = calls;
        this.consultations = consultations;
        this.notify = notify;
        this.clock = clock;
    }

    /** A REFER in {@code leg}'s dialog (matched and in CSeq order): the transferor is that leg's party. */
    void refer(Leg leg, ServerRequest ex) {
        Call call = leg.call;
        Leg transferee = call.party(leg.side.other());
        if (call.released()) {
            refuse(leg, ex, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null, "the call has ended");
            return;
        }
        if (call.answered == null || call.party(leg.side) != leg || leg.state != CallState.CONNECTED
                || transferee == null || transferee.state != CallState.CONNECTED) {
            refuse(leg, ex, Response.FORBIDDEN, "Transfer needs an answered call", "not in an answered call");
            return;
        }
        ReferTo to;
        try {
            to = ReferTo.of(ex.request());
        } catch (ReferTo.Bad e) {
            refuse(leg, ex, Response.BAD_REQUEST, e.getMessage(), e.getMessage());
            return;
        }
        String loop = loop(call, leg, transferee, to);
        if (loop != null) {
            refuse(leg, ex, Response.LOOP_DETECTED, "Loop Detected: " + loop, loop);
            return;
        }
        if (call.transfer != null) {
            refuse(leg, ex, Response.REQUEST_PENDING, "Transfer already in progress", "another transfer is in progress");
            return;
        }
        Route route = routing.route(new RouteRequest(to.number(), transferee.peer, leg.profile));
        boolean outside = Forks.flatten(route).stream().anyMatch(r -> r instanceof Route.ToSip);
        if (!services.anyAt(DetectionPoint.TRANSFER)) {
            refuse(leg, ex, Response.FORBIDDEN, "Transfer not enabled", "no transfer service is installed");
            return;
        }
        if (services.transfer(call, leg.peer, to.number(), outside) instanceof Outcome.Reject r) {
            refuseByService(leg, ex, r);
            return;
        }
        accept(call, leg, transferee, to, route, outside, ex);
    }

    /**
     * A blind transfer ordered from outside the call ({@code CallControl.transfer}): the party on {@code side} is
     * transferred to {@code target} as if the party on the other side had sent a REFER (the same checks and services),
     * without the REFER's 202 and NOTIFYs. On the call's strand.
     */
    TransferVerdict ordered(Call call, Side side, String target) {
        Leg transferee = call.party(side);
        Leg transferor = call.party(side.other());
        if (call.released()) {
            return new TransferVerdict(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "call " + call.id + " has ended");
        }
        if (call.answered == null || transferee == null || transferor == null || transferee.state != CallState.CONNECTED
                || transferor.state != CallState.CONNECTED) {
            return new TransferVerdict(Response.FORBIDDEN, "call " + call.id + " is not answered: only an answered call "
                    + "can be transferred");
        }
        if (target.equals(transferee.peer) || target.equals(transferor.peer)) {
            return new TransferVerdict(Response.LOOP_DETECTED, target + " is already a party of call " + call.id);
        }
        if (call.transfer != null) {
            return new TransferVerdict(Response.REQUEST_PENDING, "another transfer of call " + call.id + " is in progress");
        }
        Route route = routing.route(new RouteRequest(target, transferee.peer, transferor.profile));
        if (route instanceof Route.Reject r) {
            return new TransferVerdict(r.status(), target + " cannot be called: " + r.status() + " " + r.reason());
        }
        boolean outside = Forks.flatten(route).stream().anyMatch(r -> r instanceof Route.ToSip);
        if (!services.anyAt(DetectionPoint.TRANSFER)) {
            return new TransferVerdict(Response.FORBIDDEN, "transfers are not enabled: install the pbx-transfer feature");
        }
        if (services.transfer(call, transferor.peer, target, outside) instanceof Outcome.Reject r) {
            return new TransferVerdict(Response.FORBIDDEN, "refused for " + transferor.peer + ": " + r.text());
        }
        Transfer t = new Transfer(transferor, transferee, target, outside, table.newRecordId(), null, clock.instant(), null);
        call.transfer = t;
        LOG.info("Call {} {} -> {}: {} transferred to {} by order (in place of {})", call.id, call.caller, call.callee,
                transferee.peer, target, transferor.peer);
        start(call, t, route);
        return new TransferVerdict(TransferVerdict.ACCEPTED, "");
    }

    private void accept(Call call, Leg leg, Leg transferee, ReferTo to, Route route, boolean outside, ServerRequest ex) {
        leg.refers++;
        String event = leg.refers == 1 ? "refer" : "refer;id=" + Dialogs.cseq(ex.request());
        Transfer t = new Transfer(leg, transferee, to.number(), outside, table.newRecordId(), event, clock.instant(), to.replaces());
        call.transfer = t;
        messages.respond(leg, ex, Response.ACCEPTED, null, null);
        notify.send(t, Response.TRYING, "Trying", false);
        LOG.info("Call {} {} -> {}: {} transfers {} to {} ({})", call.id, call.caller, call.callee, leg.peer, transferee.peer, to.number(),
                to.replaces() == null ? "blind" : "attended");
        start(call, t, route);
    }

    /** Starts (or after a bundle update, restarts) what the transfer waits for. */
    private void start(Call call, Transfer t, Route route) {
        if (t.replaces == null) {
            calls.start(call, t, route);
            return;
        }
        consultations.find(call, t, found -> {
            if (found != null) {
                t.found = found;
            }
            if (call.transfer != t) { // the call ended meanwhile
                consultations.unmark(call, t);
                return;
            }
            if (found == null) {
                calls.failed(call, t, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Call/Transaction Does Not Exist",
                        "no confirmed call of " + t.transferor.peer + " matches the Replaces");
                return;
            }
            t.stage = Transfer.Stage.CALLING;
            if (found.ringing()) { // semi-attended: the consultation call was cancelled; the target is called as in a blind transfer
                calls.start(call, t, routing.route(new RouteRequest(t.target, t.transferee.peer, t.transferor.profile)));
            } else {
                calls.replace(call, t);
            }
        });
    }

    /** What makes a REFER a loop, or null: a target that is a party of this call, or a Replaces naming this call. */
    private String loop(Call call, Leg leg, Leg transferee, ReferTo to) {
        if (to.number().equals(leg.peer)) {
            return "transfer to the transferor itself";
        }
        if (to.number().equals(transferee.peer)) {
            return "transfer to the transferee";
        }
        if (to.replaces() != null && consultations.callOf(to.replaces()) == call) {
            return "Replaces names this call";
        }
        return null;
    }

    private void refuse(Leg leg, ServerRequest ex, int status, String phrase, String why) {
        LOG.info("Call {}: REFER from {} refused with {}: {}", leg.call.id, leg.peer, status, why);
        messages.respond(leg, ex, status, phrase, null);
    }

    private void refuseByService(Leg leg, ServerRequest ex, Outcome.Reject r) {
        LOG.info("Call {}: REFER from {} refused by a service: {} {} ({})", leg.call.id, leg.peer, r.status(), r.phrase(), r.text());
        try {
            Response resp = messages.dialogs().answer(leg, ex, r.status(), r.phrase());
            resp.addHeader(messages.dialogs().headers().createReasonHeader("Q.850", r.q850Cause(), r.text()));
            ex.respond(resp);
        } catch (ParseException | InvalidArgumentException e) {
            ex.respond(r.status());
        }
    }

    /**
     * The transferor hung up after its REFER was accepted (phones do): the call goes on toward the target; true when
     * the BYE was that (the caller of {@code InDialogRequests} then releases nothing).
     */
    boolean transferorLeft(Leg leg) {
        Call call = leg.call;
        Transfer t = call.transfer;
        if (t == null || t.transferor != leg || call.released()) {
            return false;
        }
        t.transferorGone = clock.instant();
        leg.cancelTimers();
        if (leg == call.callerLeg) { // the caller's session timer was for its dialog only
            Leg.cancel(call.sessionTimer);
            call.sessionDeadline = 0;
        }
        LOG.info("Call {}: transferor {} hung up; the transfer to {} goes on", call.id, leg.peer, t.target);
        return true;
    }

    /** The call ends under a transfer: the transferor hears that it did not happen (487); the consultation call is left. */
    void released(Call call) {
        Transfer t = call.transfer;
        if (t == null) {
            return;
        }
        call.transfer = null;
        Leg.cancel(t.timer);
        notify.send(t, Response.REQUEST_TERMINATED, "Request Terminated", true);
        consultations.unmark(call, t);
    }

    /** After a bundle update: a lookup in flight is asked again, legs that never started are started, timers re-armed. */
    void resume(Call call) {
        Transfer t = call.transfer;
        if (t == null || call.released()) {
            return;
        }
        if (t.stage == Transfer.Stage.LOOKUP) {
            start(call, t, null);
        } else if (t.legs.isEmpty()) {
            Route route = routing.route(new RouteRequest(t.target, t.transferee.peer, t.transferor.profile));
            if (t.found != null && !t.found.ringing()) {
                calls.replace(call, t);
            } else {
                calls.start(call, t, route);
            }
        } else {
            calls.armTimer(call, t);
        }
    }
}
