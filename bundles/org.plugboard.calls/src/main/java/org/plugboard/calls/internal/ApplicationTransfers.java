package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.Tone;
import org.plugboard.api.routing.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media application's {@code Outcome.Redirect}: the caller, answered by the engine's endpoint, hears ringback from
 * it while the target number rings (routed as the caller's own call would be, a hunt's members at once, each
 * member's services asked as for a ring group). The target's legs get the caller's SDP offered through the call's
 * relay session; the target's 200 is relayed back, and the caller gets the relay's SDP in a re-INVITE that continues
 * the o= line the engine gave it ({@link SdpOrigin}). Its 200 moves the call: the endpoint closes and the caller is
 * connected to the target. A failure (busy, rejected, no answer in the ring timeout, nowhere to ring) hangs up on
 * the caller with the failure's cause. Strand only; a redirect in progress is not handed over.
 */
final class ApplicationTransfers {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationTransfers.class);
    private static final String COUNTRY = "country";
    private static final String DEFAULT_COUNTRY = "us";

    /** One redirect in progress, kept on its {@link ApplicationCall}. */
    static final class Redirect {
        final String application;
        final String target;
        final MediaEndpoint endpoint;
        final List<CalleeLeg> legs = new ArrayList<>();
        ScheduledFuture<?> timer;
        /** Our re-INVITE moving the caller's media from the engine to the relay. */
        ClientTransaction reinvite;
        CalleeLeg answered;

        Redirect(String application, String target, MediaEndpoint endpoint) {
            this.application = application;
            this.target = target;
            this.endpoint = endpoint;
        }
    }

    private final LegMessages messages;
    private final Forks forks;
    private final MediaSteps media;
    private final CalleeDialogs calleeDialogs;
    private final SessionTimers sessionTimers;
    private final CallRouting routing;
    private final MemberChecks members;
    private final Releaser releaser;
    private final Publisher publisher;
    private final Consumer<MediaEndpoint> closer;
    private final Strands strands;
    private final Clock clock;
    private final Supplier<CallsConfig> config;

    ApplicationTransfers(LegMessages messages, Forks forks, MediaSteps media, CalleeDialogs calleeDialogs, SessionTimers sessionTimers,
            CallRouting routing, MemberChecks members, Releaser releaser, Publisher publisher, Consumer<MediaEndpoint> closer,
            Strands strands, Clock clock, Supplier<CallsConfig> config) {
        this.messages = messages;
        this.forks = forks;
        this.media = media;
        this.calleeDialogs = calleeDialogs;
        this.sessionTimers = sessionTimers;
        this.routing = routing;
        this.members = members;
        this.releaser = releaser;
        this.publisher = publisher;
        this.closer = closer;
        this.strands = strands;
        this.clock = clock;
        this.config = config;
    }

    /** The application {@code app} asked to move its caller to {@code target}. */
    void start(Call call, ApplicationCall app, String target) {
        Redirect r = new Redirect(app.name(), target, app.endpoint());
        app.redirect = r;
        Route route = routing.routed(CallRouting.internal(target, call.caller)).route();
        List<Route> routes = new ArrayList<>();
        for (Route x : Forks.flatten(route)) {
            if (x instanceof Route.Hunt h) {
                h.extensions().forEach(m -> routes.add(new Route.ToExtension(m)));
            } else {
                routes.add(x);
            }
        }
        MemberChecks.Ringable ringable = members.ringable(call, routes); // DND, call limits, refusals of each extension
        List<Forks.Target> targets = forks.targets(call, ringable.routes());
        if (targets.isEmpty()) {
            Route.Reject reject = (Route.Reject) routes.stream().filter(x -> x instanceof Route.Reject).findFirst().orElse(null);
            if (ringable.lastSkip() != null) {
                Release s = ringable.lastSkip();
                failed(call, r, Release.of(s.status(), s.phrase(), s.tag(), s.cause(), s.status() + " " + phraseOf(s.status(), s.phrase())
                        + " (" + s.text() + ")"));
            } else if (reject != null) {
                failed(call, r, Release.of(reject.status(), null, reject.tag(), Causes.ofStatus(reject.status()),
                        reject.status() + " " + reject.reason()));
            } else {
                failed(call, r, Response.TEMPORARILY_UNAVAILABLE, target + " has no registered device");
            }
            return;
        }
        String country = app.parameters().getOrDefault(COUNTRY, DEFAULT_COUNTRY);
        r.endpoint.tone(Tone.RINGBACK, country, Duration.ofSeconds(config.get().ring_timeout()), "").exceptionally(e -> {
            LOG.debug("Call {}: no ringback for the redirect to {}: {}", call.id, target, e.toString());
            return null;
        });
        byte[] sdp = call.callerLeg.lastSdpReceived != null ? call.callerLeg.lastSdpReceived : call.callerOffer;
        if (sdp == null) {
            failed(call, r, Response.NOT_ACCEPTABLE_HERE, "no SDP of the caller to offer");
            return;
        }
        byte[] offer = TransferSdp.held(sdp) ? TransferSdp.unheld(sdp) : sdp;
        LOG.info("Call {}: media application '{}' transfers {} to {} ({} legs)", call.id, r.application, call.caller, target, targets.size());
        media.relay(call, call.callerLeg, targets.get(0).hop(), offer, true, (relayed, failure) -> {
            if (app.redirect != r || call.released()) {
                return;
            }
            if (failure != null) {
                failed(call, r, failure.status, failure.getMessage());
                return;
            }
            launch(call, r, targets, relayed);
        });
    }

    private void launch(Call call, Redirect r, List<Forks.Target> targets, byte[] offer) {
        String display = call.callerLeg.remoteAddress == null ? null : call.callerLeg.remoteAddress.getDisplayName();
        for (Forks.Target target : targets) {
            CalleeLeg leg = new CalleeLeg(call, Dialogs.newCallId());
            leg.applicationTarget = true;
            r.legs.add(leg);
            forks.startLeg(call, target, leg, offer, display, List.of(), 70);
        }
        if (allFailed(r)) {
            failedLegs(call, r);
            return;
        }
        int seconds = config.get().ring_timeout();
        r.timer = strands.later(call.strand, seconds * 1000L, () -> {
            if (owner(call) == r && r.answered == null && !call.released()) {
                cancelLegs(r, "SIP;cause=480;text=\"No answer\"");
                failed(call, r, Release.of(Response.TEMPORARILY_UNAVAILABLE, null, CallTag.RING_TIMEOUT, Causes.ofStatus(480),
                        "no answer within " + seconds + " s"));
            }
        });
    }

    // ---- the target's answers (CalleeResponses hands them here) ------------------------------------------

    void provisional(CalleeLeg leg, Response resp) {
        Redirect r = owner(leg.call);
        calleeDialogs.ringing(leg, resp, () -> r != null && r.legs.contains(leg) && r.answered == null);
    }

    void answered(CalleeLeg leg, Response resp) {
        Call call = leg.call;
        Redirect r = owner(call);
        if (!calleeDialogs.connected(leg, resp, () -> !call.released() && r != null && r.legs.contains(leg) && r.answered == null,
                "Call completed elsewhere")) {
            return;
        }
        r.answered = leg;
        Leg.cancel(r.timer);
        cancelLegs(r, "SIP;cause=200;text=\"Call completed elsewhere\"");
        byte[] body = Dialogs.isSdp(resp) ? Dialogs.body(resp) : null;
        if (body == null) {
            messages.bye(leg, Causes.INTERWORKING, "No SDP answer");
            failed(call, r, Response.NOT_ACCEPTABLE_HERE, r.target + " answered without SDP");
            return;
        }
        sessionTimers.calleeAnswered(leg, resp);
        media.relay(call, leg, call.callerLeg.hop, body, false, (relayed, failure) -> {
            if (owner(call) != r || call.released()) {
                return; // released meanwhile: the release sent the target BYE
            }
            if (failure != null) {
                messages.bye(leg, Causes.INTERWORKING, "Unusable SDP answer: " + failure.getMessage());
                failed(call, r, Response.NOT_ACCEPTABLE_HERE, "the answer of " + r.target + " is unusable");
                return;
            }
            moveCaller(call, r, relayed);
        });
    }

    /** A target leg failed (final response, timeout, challenge not met): when all have, the redirect has. */
    void legFailed(CalleeLeg leg, int status, String reason, Causes.Reason q850) {
        if (!leg.fail(status, reason, q850)) {
            return;
        }
        Redirect r = owner(leg.call);
        if (r == null || !r.legs.contains(leg) || r.answered != null) {
            return;
        }
        if (status >= 600) {
            cancelLegs(r, null);
        }
        if (allFailed(r)) {
            failedLegs(leg.call, r);
        }
    }

    /** The caller gets the relay's SDP as a new offer, continuing the o= line the engine's answer gave it. */
    private void moveCaller(Call call, Redirect r, byte[] relayed) {
        CallerLeg caller = call.callerLeg;
        byte[] offer = SdpOrigin.continueFrom(caller.lastSdpSent, relayed);
        try {
            Request invite = messages.dialogs().inDialog(caller, Request.INVITE, 0);
            invite.setContent(offer, messages.dialogs().sdpType());
            caller.lastSdpSent = offer;
            r.reinvite = messages.send(caller, invite);
            caller.pendingOut = r.reinvite; // a timeout ends the call as for any offer of ours
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot re-INVITE {} to the relay: {}", call.id, caller.peer, e.toString());
            releaser.release(call, Release.of(Response.SERVER_INTERNAL_ERROR, null, CallTag.SYSTEM, Causes.TEMPORARY_FAILURE,
                    "Transfer from media application '" + r.application + "' to " + r.target + " failed: cannot re-INVITE the caller"));
        }
    }

    /** True when {@code resp} answers our re-INVITE moving the caller; it is handled here then. */
    boolean callerResponse(Leg leg, Response resp, ClientTransaction ct) {
        Redirect r = owner(leg.call);
        if (r == null || ct == null || ct != r.reinvite || !leg.isCaller()) {
            return false;
        }
        int status = resp.getStatusCode();
        if (status < 200) {
            return true;
        }
        leg.pendingOut = null;
        r.reinvite = null;
        if (leg.call.released()) { // the target hung up meanwhile: the caller has its BYE, a 2xx still gets its ACK
            if (status < 300) {
                ackCaller(leg, resp);
            }
            return true;
        }
        if (status >= 300) {
            releaser.release(leg.call, Release.of(status, resp.getReasonPhrase(), CallTag.MEDIA_FAILURE, Causes.ofStatus(status),
                    "Transfer from media application '" + r.application + "' to " + r.target + " failed: the caller refused the new media ("
                            + status + " " + resp.getReasonPhrase() + ")"));
            return true;
        }
        ackCaller(leg, resp);
        if (Dialogs.isSdp(resp)) {
            leg.lastSdpReceived = Dialogs.body(resp); // the caller's answer: its address the relay has from its offer already
        }
        complete(leg.call, r);
        return true;
    }

    private void ackCaller(Leg leg, Response resp) {
        try {
            messages.sip().sendAck(messages.dialogs().inDialog(leg, Request.ACK, Dialogs.cseq(resp)), leg.hop, leg.profile);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot ACK {}: {}", leg.call.id, leg.hop, e.toString());
        }
    }

    /** The caller hears the target: the endpoint closes, the call stands between the caller and the target. */
    private void complete(Call call, Redirect r) {
        CalleeLeg leg = r.answered;
        closer.accept(r.endpoint);
        call.application = null; // from now on the caller's offers go to the target
        call.connect(leg);
        call.answeredLeg = leg;
        call.callee = r.target;
        call.recordNote = "Transferred by media application '" + r.application + "' to " + r.target;
        LOG.info("Call {}: {} connected to {} ({}) by media application '{}'", call.id, call.caller, r.target, leg.peer, r.application);
        publisher.fire(l -> l.answered(call.info())); // answered again, by the target: its lamp and call count
    }

    private void failedLegs(Call call, Redirect r) {
        CalleeLeg best = null;
        for (CalleeLeg l : r.legs) {
            if (l.finalStatus != 0 && (best == null || Forks.rank(l.finalStatus) < Forks.rank(best.finalStatus))) {
                best = l;
            }
        }
        int status = best == null ? Response.TEMPORARILY_UNAVAILABLE : best.finalStatus;
        failed(call, r, status, status + " " + phraseOf(status, best == null ? null : best.finalReason));
    }

    private void failed(Call call, Redirect r, int status, String text) {
        failed(call, r, Release.of(status, null, CallTag.CALLEE_REJECTED, Causes.ofStatus(status), text));
    }

    /** The caller is hung up on with the failure's cause; the record names the application and the target. */
    private void failed(Call call, Redirect r, Release why) {
        if (owner(call) != r || call.released()) {
            return;
        }
        Leg.cancel(r.timer);
        LOG.info("Call {}: media application '{}' could not transfer {} to {}: {}", call.id, r.application, call.caller, r.target, why.text());
        releaser.release(call, Release.of(why.status(), why.phrase(), why.tag(), why.cause(),
                "Transfer from media application '" + r.application + "' to " + r.target + " failed: " + why.text()));
    }

    private void cancelLegs(Redirect r, String reason) {
        for (CalleeLeg l : r.legs) {
            if (l.state != CallState.RELEASED && l.state != CallState.CONNECTED) {
                messages.cancel(l, reason);
            }
        }
    }

    private static Redirect owner(Call call) {
        return call.application == null ? null : call.application.redirect;
    }

    private static boolean allFailed(Redirect r) {
        return r.legs.stream().allMatch(l -> l.state == CallState.RELEASED);
    }

    private static String phraseOf(int status, String phrase) {
        if (phrase != null && !phrase.isBlank()) {
            return phrase;
        }
        return switch (status) {
            case Response.BUSY_HERE -> "Busy Here";
            case Response.TEMPORARILY_UNAVAILABLE -> "Temporarily Unavailable";
            case Response.DECLINE -> "Decline";
            default -> "Failed";
        };
    }
}
