package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.OriginateListener;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.routing.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Originated calls (call-back, click-to-call): the PBX calls the first party as a PBX phone dialling it would (the
 * routers: extensions, lines, trunks), offering a placeholder SDP through the call's relay from the side the second
 * party will take; once the first answers it stands on the caller's side, and the second party is called with the
 * first's SDP offered through the relay from the first's side, the way a transfer target is ({@link TransferCalls}).
 * The second's answer completes the call (with no relay the first gets it in a re-INVITE). Either party failing, or
 * not answering within the request's timeout, ends the attempt: the listener hears it and the call is released,
 * which hangs up on a first party already answered and writes the record.
 */
final class Originations {
    private static final Logger LOG = LoggerFactory.getLogger(Originations.class);
    /** What the first party is offered before anyone else is there: the relay puts its own address in. */
    private static final String PLACEHOLDER_SDP = "v=0\r\no=plugboard 1 1 IN IP4 127.0.0.1\r\ns=plugboard\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 9 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\na=sendrecv\r\n";

    private final LegMessages messages;
    private final Forks forks;
    private final MediaSteps media;
    private final CallRouting routing;
    private final SessionTimers sessionTimers;
    private final CalleeDialogs calleeDialogs;
    private final CallerAnswer callerAnswer;
    private final Releaser releaser;
    private final Publisher publisher;
    private final Strands strands;
    private final Clock clock;
    private final Supplier<CallsConfig> config;
    private final OriginationChecks checks;

    Originations(LegMessages messages, Forks forks, MediaSteps media, CallRouting routing, SessionTimers sessionTimers,
            CalleeDialogs calleeDialogs, CallerAnswer callerAnswer, Releaser releaser, Publisher publisher, Strands strands, Clock clock,
            Supplier<CallsConfig> config, OriginationChecks checks) {
        this.checks = checks;
        this.messages = messages;
        this.forks = forks;
        this.media = media;
        this.routing = routing;
        this.sessionTimers = sessionTimers;
        this.calleeDialogs = calleeDialogs;
        this.callerAnswer = callerAnswer;
        this.releaser = releaser;
        this.publisher = publisher;
        this.strands = strands;
        this.clock = clock;
        this.config = config;
    }

    static byte[] placeholderSdp() {
        return PLACEHOLDER_SDP.getBytes(StandardCharsets.US_ASCII);
    }

    /** On the strand: the call exists (with its placeholder caller leg); the first party is called. */
    void start(Call call) {
        Origination o = call.origination;
        String ref = o.request.reference().isEmpty() ? "" : " (reference " + o.request.reference() + ")";
        call.notes.add("Originated by " + o.request.requestedBy() + ref);
        LOG.info("Call {}: originated by {}{}: {} then {}", call.id, o.request.requestedBy(), ref, o.request.first(), o.request.second());
        publisher.fire(l -> l.created(call.info()));
        Release refused = checks.originating(call);
        if (refused != null) {
            fail(call, o, refused);
            return;
        }
        callParty(call, o);
    }

    /** Routes the current party's number as a PBX phone would dial it, and starts its legs. */
    private void callParty(Call call, Origination o) {
        String number = o.number();
        String shown = o.party() == 1 ? o.request.second() : o.request.first();
        call.callee = number; // lines and trunks name their legs' peer after it
        Route route = routing.routed(CallRouting.internal(number, shown)).route();
        List<Route> routes = new ArrayList<>();
        for (Route r : Forks.flatten(route)) {
            if (r instanceof Route.Hunt h) {
                h.extensions().forEach(x -> routes.add(new Route.ToExtension(x))); // a hunt rings its members at once
            } else if (r instanceof Route.Reject reject) {
                fail(call, o, reject.status(), reject.reason(), reject.tag(), reject.reason());
                return;
            } else if (r instanceof Route.ToExtension || r instanceof Route.ToSip) {
                routes.add(r);
            } else {
                fail(call, o, Response.NOT_FOUND, "Not Found", CallTag.ROUTING_FAILURE, number + " routes to "
                        + r.getClass().getSimpleName() + ": only extensions, ring groups, lines and trunks can be called");
                return;
            }
        }
        Release refused = checks.party(call, number, shown, routes, o.party() == 1 ? null : o.first);
        if (refused != null) {
            fail(call, o, refused);
            return;
        }
        List<Forks.Target> targets = forks.targets(call, routes, shown);
        if (targets.isEmpty()) {
            fail(call, o, Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable", CallTag.CALLEE_UNREACHABLE,
                    number + " has no registered device");
            return;
        }
        Leg from = o.party() == 1 ? call.callerLeg : o.first;
        byte[] sdp = o.party() == 1 ? placeholderSdp() : o.first.lastSdpReceived;
        Origination.Stage stage = o.stage;
        media.reoffer(call, from, targets.get(0).hop(), sdp, (offer, failure) -> {
            if (call.released() || o.stage != stage) {
                return;
            }
            if (failure != null) {
                fail(call, o, failure.status, "Service Unavailable", failure.tag, "cannot offer media to " + number + ": " + failure.getMessage());
                return;
            }
            launch(call, o, targets, offer);
        });
    }

    private void launch(Call call, Origination o, List<Forks.Target> targets, byte[] offer) {
        String display = o.party() == 1 && !o.request.callerName().isBlank() ? o.request.callerName() : null;
        org.plugboard.api.media.Side side = o.party() == 1 ? org.plugboard.api.media.Side.CALLER : org.plugboard.api.media.Side.CALLEE;
        o.ringing = false;
        for (Forks.Target target : targets) {
            CalleeLeg leg = new CalleeLeg(call, Dialogs.newCallId(), side);
            leg.originated = true;
            o.legs.add(leg);
            forks.startLeg(call, target, leg, offer, display, List.of(), 70);
        }
        if (allFailed(o)) {
            failedLegs(call, o);
            return;
        }
        long seconds = o.request.answerTimeout().toSeconds();
        Origination.Stage stage = o.stage;
        o.timer = strands.later(call.strand, o.request.answerTimeout().toMillis(), () -> {
            if (!call.released() && o.stage == stage) {
                cancelLegs(o, "SIP;cause=480;text=\"No answer\"");
                fail(call, o, Response.REQUEST_TIMEOUT, "No Answer", CallTag.RING_TIMEOUT,
                        "no answer from " + o.number() + " within " + seconds + " s");
            }
        });
    }

    // ---- the called party's answers (CalleeResponses hands them here) ----------------------------------------

    void provisional(CalleeLeg leg, Response r) {
        Call call = leg.call;
        Origination o = call.origination;
        if (!calleeDialogs.ringing(leg, r, () -> o != null && o.owns(leg) && !call.released())) {
            return;
        }
        if (!o.ringing) {
            o.ringing = true;
            if (o.party() == 1) {
                call.state = CallState.RINGING;
                tell(call, OriginateListener::firstRinging);
            } else {
                call.ringing = clock.instant();
                publisher.fire(l -> l.ringing(call.info()));
                tell(call, OriginateListener::secondRinging);
            }
        }
    }

    void answered(CalleeLeg leg, Response r) {
        Call call = leg.call;
        Origination o = call.origination;
        if (!calleeDialogs.connected(leg, r, () -> !call.released() && o != null && o.owns(leg), "Call completed elsewhere")) {
            return;
        }
        Leg.cancel(o.timer);
        cancelLegs(o, "SIP;cause=200;text=\"Call completed elsewhere\"");
        sessionTimers.calleeAnswered(leg, r);
        byte[] body = Dialogs.isSdp(r) ? Dialogs.body(r) : null;
        if (body == null) {
            fail(call, o, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here", CallTag.BAD_REQUEST, o.number() + " answered without SDP");
            return;
        }
        int party = o.party();
        media.relay(call, leg, party == 1 ? null : o.first.hop, body, false, (relayed, failure) -> {
            if (call.released() || call.origination != o) {
                return; // the release sent this leg BYE
            }
            if (failure != null) {
                fail(call, o, failure.status, "Not Acceptable Here", failure.tag, "the answer of " + leg.peer + " is unusable: " + failure.getMessage());
                return;
            }
            if (party == 1) {
                firstAnswered(call, o, leg);
            } else {
                connected(call, o, leg, relayed);
            }
        });
    }

    private void firstAnswered(Call call, Origination o, CalleeLeg leg) {
        o.first = leg;
        call.connect(leg);
        o.legs.clear();
        o.stage = Origination.Stage.CALLING_SECOND;
        LOG.info("Call {}: {} answered; calling {}", call.id, o.request.first(), o.request.second());
        tell(call, OriginateListener::firstAnswered);
        callParty(call, o);
    }

    private void connected(Call call, Origination o, CalleeLeg leg, byte[] towardFirst) {
        o.stage = Origination.Stage.CONNECTED;
        call.connect(leg);
        call.answeredLeg = leg;
        call.answered = clock.instant();
        call.state = CallState.ANSWERED;
        call.callee = o.request.second();
        if (call.media == null) {
            reinviteFirst(call, o.first, towardFirst); // no relay: the first party still has the placeholder's address
        }
        if (config.get().max_call_duration() > 0) {
            call.maxDurationDeadline = clock.millis() + config.get().max_call_duration() * 1000L;
            callerAnswer.armMaxDuration(call);
        }
        LOG.info("Call {}: {} and {} connected", call.id, o.request.first(), o.request.second());
        publisher.fire(l -> l.answered(call.info()));
        String id = call.id;
        tell(call, l -> l.connected(id));
    }

    /** The second party's SDP to the first in a re-INVITE; its 200 is taken as an answer to an offer of our own. */
    private void reinviteFirst(Call call, CalleeLeg first, byte[] sdp) {
        try {
            Request invite = messages.dialogs().inDialog(first, Request.INVITE, 0);
            invite.setContent(sdp, messages.dialogs().sdpType());
            first.lastSdpSent = sdp;
            ClientTransaction tx = messages.send(first, invite);
            first.pendingOut = tx;
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot give {} the SDP of {}: {}", call.id, first.peer, call.callee, e.toString());
        }
    }

    /** A leg of the called party failed (final response, timeout, challenge not met): when all have, the attempt has. */
    void legFailed(CalleeLeg leg, int status, String reason, Causes.Reason q850) {
        if (!leg.fail(status, reason, q850)) {
            return;
        }
        Origination o = leg.call.origination;
        if (o == null || !o.owns(leg)) {
            return;
        }
        if (status >= 600) {
            cancelLegs(o, null);
        }
        if (allFailed(o)) {
            failedLegs(leg.call, o);
        }
    }

    private void failedLegs(Call call, Origination o) {
        CalleeLeg best = null;
        for (CalleeLeg l : o.legs) {
            if (l.finalStatus != 0 && (best == null || Forks.rank(l.finalStatus) < Forks.rank(best.finalStatus))) {
                best = l;
            }
        }
        int status = best == null ? Response.TEMPORARILY_UNAVAILABLE : best.finalStatus;
        String phrase = best == null || best.finalReason == null ? "Temporarily Unavailable" : best.finalReason;
        CallTag tag = status == Response.REQUEST_TIMEOUT ? CallTag.CALLEE_TIMEOUT : CallTag.CALLEE_REJECTED;
        fail(call, o, status, phrase, tag, status + " " + phrase + " from " + o.number());
    }

    /** The attempt failed with the current party's status: the listener hears it, then the call is released. */
    private void fail(Call call, Origination o, int status, String phrase, CallTag tag, String text) {
        fail(call, o, Release.of(status, phrase, tag, Causes.ofStatus(status), text));
    }

    /** The same with the cause a check gave (a service's refusal, a trunk's 503 with cause 34). */
    private void fail(Call call, Origination o, Release why) {
        if (o.stage == Origination.Stage.DONE || o.stage == Origination.Stage.CONNECTED || call.released()) {
            return;
        }
        int party = o.party();
        o.stage = Origination.Stage.DONE;
        Leg.cancel(o.timer);
        LOG.info("Call {}: originated call failed at party {} ({}): {}", call.id, party, party == 1 ? o.request.first() : o.request.second(), why.text());
        String reason = (party == 1 ? "first party " : "second party ") + why.text();
        o.told = true;
        tell(call, l -> l.failed(party, why.status(), reason));
        releaser.release(call, Release.of(why.status(), why.phrase(), why.tag(), why.cause(), "Originated call: " + reason));
    }

    /** After any release (Releaser's record hook): the listener hears how a connected call ended, or why it failed. */
    void released(Call call, CallDetailRecord record) {
        Origination o = call.origination;
        if (o == null || o.told) {
            return;
        }
        o.told = true;
        Leg.cancel(o.timer);
        if (o.stage == Origination.Stage.CONNECTED) {
            tell(call, l -> l.ended(record.tag()));
            return;
        }
        int party = o.party();
        o.stage = Origination.Stage.DONE;
        String reason = record.reason();
        int status = record.sipStatus();
        tell(call, l -> l.failed(party, status, reason));
    }

    /** A bundle update handed over an attempt not yet connected: its listener is gone, so the attempt is given up. */
    void adopted(Call call) {
        if (Originations.placeholder(call) && call.answered == null && !call.released()) {
            releaser.release(call, Release.of(Response.SERVICE_UNAVAILABLE, "Service Unavailable", CallTag.SYSTEM, Causes.TEMPORARY_FAILURE,
                    "Originated call given up: the calls bundle was updated while it was set up"));
        }
    }

    /** The call's caller leg is an originated call's placeholder (no INVITE of anyone's behind it). */
    static boolean placeholder(Call call) {
        return call.callerLeg != null && call.callerLeg.invite == null;
    }

    private void cancelLegs(Origination o, String reason) {
        for (CalleeLeg l : o.legs) {
            if (l.state != CallState.RELEASED && l.state != CallState.CONNECTED) {
                messages.cancel(l, reason);
            }
        }
    }

    private static boolean allFailed(Origination o) {
        return o.legs.stream().allMatch(l -> l.state == CallState.RELEASED);
    }

    /** The listener runs on the strand; one that throws is logged and the call goes on. */
    private static void tell(Call call, Consumer<OriginateListener> event) {
        try {
            event.accept(call.origination.listener);
        } catch (RuntimeException e) {
            LOG.warn("Call {}: an originate listener failed: {}", call.id, e.toString());
        }
    }
}
