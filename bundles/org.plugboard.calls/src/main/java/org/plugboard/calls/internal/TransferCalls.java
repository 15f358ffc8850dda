package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.routing.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a transfer's target: new callee legs on the transferor's side, whose offer is the transferee's SDP passed
 * through the call's media session as an offer from the transferee's side (the relay keeps the transferee's ports,
 * so the transferee needs no re-INVITE unless it was on hold, see {@link TransferSdp}). The first 200 completes the
 * transfer: the transferor's part is recorded, the transferor hears 200 and gets BYE, and the target stands where
 * the transferor stood. A failure, or no answer within the ring timeout, is told to the transferor (the call goes on
 * between it and the transferee) or, when it has hung up, ends the call.
 */
final class TransferCalls {
    private static final Logger LOG = LoggerFactory.getLogger(TransferCalls.class);

    private final LegMessages messages;
    private final Forks forks;
    private final MediaSteps media;
    private final CalleeDialogs calleeDialogs;
    private final SessionTimers sessionTimers;
    private final Releaser releaser;
    private final TransferChecks checks;
    private final ReferNotify notify;
    private final Consultations consultations;
    private final Publisher publisher;
    private final Strands strands;
    private final Clock clock;
    private final Supplier<CallsConfig> config;

    TransferCalls(LegMessages messages, Forks forks, MediaSteps media, CalleeDialogs calleeDialogs, SessionTimers sessionTimers,
            Releaser releaser, TransferChecks checks, ReferNotify notify, Consultations consultations, Publisher publisher, Strands strands,
            Clock clock, Supplier<CallsConfig> config) {
        this.messages = messages;
        this.forks = forks;
        this.media = media;
        this.calleeDialogs = calleeDialogs;
        this.sessionTimers = sessionTimers;
        this.releaser = releaser;
        this.checks = checks;
        this.notify = notify;
        this.consultations = consultations;
        this.publisher = publisher;
        this.strands = strands;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A blind transfer: every device of the routed number (a hunt rings its members at once) once the target's own
     * services, the admission services and the members' services let it ring ({@link TransferChecks}).
     */
    void start(Call call, Transfer t, Route route) {
        List<Route> routes = new ArrayList<>();
        for (Route r : Forks.flatten(route)) {
            if (r instanceof Route.Hunt h) {
                h.extensions().forEach(x -> routes.add(new Route.ToExtension(x)));
            } else {
                routes.add(r);
            }
        }
        Release refusal = checks.refusal(call, t, route, routes);
        if (refusal != null) {
            failed(call, t, refusal);
            return;
        }
        MemberChecks.Ringable ringable = checks.ringable(call, t, routes);
        List<Forks.Target> targets = forks.targets(call, ringable.routes(), t.transferee.peer);
        if (targets.isEmpty()) {
            Route.Reject reject = (Route.Reject) routes.stream().filter(r -> r instanceof Route.Reject).findFirst().orElse(null);
            if (ringable.lastSkip() != null) {
                failed(call, t, ringable.lastSkip()); // every member with a device is in DND, busy...
            } else if (reject != null) {
                failed(call, t, reject.status(), reject.reason(), reject.reason());
            } else {
                failed(call, t, Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable", t.target + " has no registered device");
            }
            return;
        }
        offer(call, t, targets, List.of());
    }

    /** An attended transfer: the target's phone is asked to replace its dialog in the consultation call (RFC 3891). */
    void replace(Call call, Transfer t) {
        Transfer.Found f = t.found;
        Forks.Target target = new Forks.Target(f.uri(), f.hop(), f.profile(), f.peer(), t.transferee.peer, null);
        try {
            List<Header> headers = List.of(messages.dialogs().headers().createHeader("Replaces", f.replaces()),
                    messages.dialogs().headers().createRequireHeader("replaces"));
            offer(call, t, List.of(target), headers);
        } catch (ParseException e) {
            failed(call, t, Response.SERVER_INTERNAL_ERROR, "Server Internal Error", "bad Replaces " + f.replaces() + ": " + e.getMessage());
        }
    }

    private void offer(Call call, Transfer t, List<Forks.Target> targets, List<Header> headers) {
        byte[] sdp = t.transferee.lastSdpReceived;
        if (sdp == null) {
            failed(call, t, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", "no SDP of " + t.transferee.peer + " to offer");
            return;
        }
        t.resumeTransferee = TransferSdp.held(sdp);
        byte[] body = t.resumeTransferee ? TransferSdp.unheld(sdp) : sdp;
        media.reoffer(call, t.transferee, targets.get(0).hop(), body, (relayed, failure) -> {
            if (call.transfer != t) {
                return; // the call ended meanwhile
            }
            if (failure != null) {
                failed(call, t, failure.status, failure.status == Response.NOT_ACCEPTABLE_HERE ? "Not Acceptable Here" : "Service Unavailable",
                        failure.getMessage());
                return;
            }
            launch(call, t, targets, relayed, headers);
        });
    }

    private void launch(Call call, Transfer t, List<Forks.Target> targets, byte[] offer, List<Header> extra) {
        List<Header> headers = new ArrayList<>(extra);
        try {
            headers.add(messages.dialogs().headers().createHeader("Referred-By",
                    "<sip:" + t.transferor.peer + "@" + messages.sip().localUri(t.transferor.hop).getHost() + ">"));
        } catch (ParseException e) {
            LOG.debug("Call {}: no Referred-By for {}: {}", call.id, t.transferor.peer, e.getMessage());
        }
        String display = t.transferee.remoteAddress == null ? null : t.transferee.remoteAddress.getDisplayName();
        for (Forks.Target target : targets) {
            CalleeLeg leg = new CalleeLeg(call, Dialogs.newCallId(), t.transferor.side);
            leg.transferTarget = true;
            t.legs.add(leg);
            forks.startLeg(call, target, leg, offer, display, headers, 70);
        }
        if (allFailed(t)) {
            failedLegs(call, t);
            return;
        }
        t.deadline = clock.millis() + config.get().ring_timeout() * 1000L;
        armTimer(call, t);
    }

    void armTimer(Call call, Transfer t) {
        Leg.cancel(t.timer);
        if (t.deadline > 0) {
            t.timer = strands.later(call.strand, Math.max(0, t.deadline - clock.millis()), () -> {
                if (call.transfer == t) {
                    cancelLegs(t, "SIP;cause=480;text=\"No answer\"");
                    failed(call, t, Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable",
                            "no answer from " + t.target + " within " + config.get().ring_timeout() + " s");
                }
            });
        }
    }

    // ---- the target's answers (CalleeResponses hands them here) ------------------------------------------

    void provisional(CalleeLeg leg, Response r) {
        Transfer t = leg.call.transfer;
        if (!calleeDialogs.ringing(leg, r, () -> owns(t, leg))) {
            return;
        }
        if (t.ringing == null) {
            t.ringing = clock.instant();
        }
    }

    void answered(CalleeLeg leg, Response r) {
        Call call = leg.call;
        Transfer t = call.transfer;
        if (!calleeDialogs.connected(leg, r, () -> !call.released() && owns(t, leg)
                && t.legs.stream().noneMatch(l -> l != leg && l.state == CallState.CONNECTED), "Transfer no longer wanted")) {
            return;
        }
        Leg.cancel(t.timer);
        for (CalleeLeg other : t.legs) {
            if (other != leg && other.state != CallState.RELEASED) {
                messages.cancel(other, "SIP;cause=200;text=\"Call completed elsewhere\"");
            }
        }
        byte[] body = Dialogs.isSdp(r) ? Dialogs.body(r) : null;
        if (body == null) {
            media.after(call, () -> complete(call, t, leg, r, null));
            return;
        }
        media.relay(call, leg, t.transferee.hop, body, false, (relayed, failure) -> {
            if (call.transfer != t) {
                return; // released meanwhile: the release sent the target BYE
            }
            if (failure != null) {
                messages.bye(leg, Causes.INTERWORKING, "Unusable SDP answer: " + failure.getMessage());
                failed(call, t, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", "the answer of " + t.target + " is unusable");
                return;
            }
            complete(call, t, leg, r, body);
        });
    }

    /** A target leg failed (final response, timeout, challenge not met): when all have, the transfer has. */
    void legFailed(CalleeLeg leg, int status, String reason, Causes.Reason q850) {
        if (!leg.fail(status, reason, q850)) {
            return;
        }
        Call call = leg.call;
        Transfer t = call.transfer;
        if (!owns(t, leg)) {
            return;
        }
        if (status >= 600) {
            cancelLegs(t, null);
        }
        if (allFailed(t)) {
            failedLegs(call, t);
        }
    }

    private void failedLegs(Call call, Transfer t) {
        CalleeLeg best = null;
        for (CalleeLeg l : t.legs) {
            if (l.finalStatus != 0 && (best == null || Forks.rank(l.finalStatus) < Forks.rank(best.finalStatus))) {
                best = l;
            }
        }
        int status = best == null ? Response.TEMPORARILY_UNAVAILABLE : best.finalStatus;
        String phrase = best == null || best.finalReason == null ? "Temporarily Unavailable" : best.finalReason;
        failed(call, t, status, phrase, status + " " + phrase + " from " + t.target);
    }

    /**
     * The transfer failed with this status: the transferor hears it and keeps the call with the transferee; a
     * transferor that has hung up leaves nobody to go back to, and the call ends with the target's failure.
     */
    void failed(Call call, Transfer t, int status, String phrase, String text) {
        CallTag tag = status == Response.TEMPORARILY_UNAVAILABLE && text.startsWith("no answer") ? CallTag.RING_TIMEOUT : CallTag.CALLEE_REJECTED;
        failed(call, t, Release.of(status, phrase, tag, Causes.ofStatus(status), text));
    }

    /** The same with the tag and cause a check gave (a busy target's service, an admission refusal). */
    private void failed(Call call, Transfer t, Release why) {
        if (call.transfer != t) {
            return;
        }
        call.transfer = null;
        Leg.cancel(t.timer);
        consultations.unmark(call, t);
        LOG.info("Call {}: the transfer of {} to {} failed: {}", call.id, t.transferee.peer, t.target, why.text());
        if (t.transferorThere()) {
            checks.restore(call, t);
            notify.send(t, why.status(), why.phrase(), true);
            return;
        }
        String text = "Transfer to " + t.target + " failed: " + why.text();
        releaser.release(call, Release.of(why.status(), why.phrase(), why.tag(), why.cause(), text));
    }

    /**
     * The target answered: the transferor's part becomes a record of its own (tag TRANSFERRED, linked both ways),
     * the transferor hears 200 and gets BYE, and the call goes on between the transferee and the target.
     */
    private void complete(Call call, Transfer t, CalleeLeg leg, Response ok, byte[] targetSdp) {
        Instant now = clock.instant();
        sessionTimers.calleeAnswered(leg, ok);
        String text = "Transferred to " + t.target + " by " + t.transferor.peer;
        publisher.cdrs.offer(call.record(t.partId, t.transferorGone != null ? t.transferorGone : now, Disposition.ANSWERED, Response.OK,
                Causes.NORMAL_CLEARING, text, CallTag.TRANSFERRED, call.id));
        notify.send(t, Response.OK, "OK", true);
        if (t.transferorThere()) {
            messages.bye(t.transferor, Causes.NORMAL_CLEARING, "Call transferred to " + t.target);
        }
        t.transferor.cancelTimers();
        if (t.transferor == call.callerLeg) {
            Leg.cancel(call.sessionTimer);
            call.sessionDeadline = 0;
        }
        call.transfer = null;
        call.connect(leg);
        call.callingSide = t.transferee.side;
        call.linkedCall = t.partId;
        call.callerAnonymous = t.transferee == call.callerLeg && call.callerAnonymous;
        call.caller = t.transferee.peer;
        call.callee = t.target;
        call.dialled = t.target;
        call.diversions.clear();
        call.started = t.started;
        call.ringing = t.ringing;
        call.answered = now;
        LOG.info("Call {}: {} transferred to {} ({}); the transferor's part is record {}", call.id, t.transferee.peer, t.target, leg.peer,
                t.partId);
        if (t.resumeTransferee && targetSdp != null) {
            resumeTransferee(call, t.transferee, leg, targetSdp);
        }
        org.plugboard.api.calls.LegInfo left = t.transferor.info();
        org.plugboard.api.calls.LegInfo joined = leg.info();
        publisher.fire(l -> l.partyReplaced(call.info(), left, joined));
    }

    /** The transferee was on hold: it gets the target's SDP as a new offer (re-INVITE), which takes it off hold. */
    private void resumeTransferee(Call call, Leg transferee, CalleeLeg target, byte[] targetSdp) {
        if (transferee.pendingOut != null || transferee.relayedFrom != null || transferee.state != CallState.CONNECTED) {
            return;
        }
        media.reoffer(call, target, transferee.hop, targetSdp, (relayed, failure) -> {
            if (failure != null || call.released()) {
                return;
            }
            try {
                Request invite = messages.dialogs().inDialog(transferee, Request.INVITE, 0);
                invite.setContent(relayed, messages.dialogs().sdpType());
                transferee.lastSdpSent = relayed;
                ClientTransaction tx = messages.send(transferee, invite);
                transferee.pendingOut = tx;
            } catch (SipException | ParseException | InvalidArgumentException e) {
                LOG.warn("Call {}: cannot take {} off hold: {}", call.id, transferee.peer, e.toString());
            }
        });
    }

    private void cancelLegs(Transfer t, String reason) {
        for (CalleeLeg l : t.legs) {
            if (l.state != CallState.RELEASED && l.state != CallState.CONNECTED) {
                messages.cancel(l, reason);
            }
        }
    }

    private static boolean owns(Transfer t, CalleeLeg leg) {
        return t != null && t.legs.contains(leg);
    }

    private static boolean allFailed(Transfer t) {
        return t.legs.stream().allMatch(l -> l.state == CallState.RELEASED);
    }
}
