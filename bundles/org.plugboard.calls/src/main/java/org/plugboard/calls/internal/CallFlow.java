package org.plugboard.calls.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sip.header.Header;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.CallAdmission;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.service.Diversion;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.sip.NextHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's way from the caller's INVITE to its callee legs, through the detection points where services act:
 * originating (the caller's services), routed (the callee's), and when every fork fails or nobody answers, busy,
 * unreachable and no answer. A redirect routes the new number and starts new forks while the caller waits, telling
 * it of each hop with a 181.
 */
final class CallFlow {
    private static final Logger LOG = LoggerFactory.getLogger(CallFlow.class);

    private final LegMessages messages;
    private final Forks forks;
    private final CallRouting routing;
    private final Admissions admissions;
    private final ServiceRunner services;
    private final Releaser releaser;
    private final MediaSteps media;
    private final ReliableProvisionals reliable;
    private final CallerAnswer callerAnswer;
    private final ApplicationCalls applications;
    private final ForwardingNotices notices;
    private final MemberChecks members;
    private final Publisher publisher;
    private final Strands strands;
    private final Clock clock;
    private final Supplier<CallsConfig> config;
    private Pickups pickups;

    CallFlow(LegMessages messages, Forks forks, CallRouting routing, Admissions admissions, ServiceRunner services, Releaser releaser,
            MediaSteps media, ReliableProvisionals reliable, CallerAnswer callerAnswer, ApplicationCalls applications, Publisher publisher,
            Strands strands, Clock clock, Supplier<CallsConfig> config) {
        this.messages = messages;
        this.forks = forks;
        this.routing = routing;
        this.admissions = admissions;
        this.services = services;
        this.releaser = releaser;
        this.media = media;
        this.reliable = reliable;
        this.callerAnswer = callerAnswer;
        this.applications = applications;
        this.notices = new ForwardingNotices(messages, reliable);
        this.members = new MemberChecks(services, forks);
        this.publisher = publisher;
        this.strands = strands;
        this.clock = clock;
        this.config = config;
    }

    /** Where a pickup code's route goes (set once by CallLogic, which builds it after this). */
    void pickups(Pickups pickups) {
        this.pickups = pickups;
    }

    /** A new call on its strand, its caller known and its number routed: the caller's services, then the callee's. */
    void begin(Call call, RouteRequest request, Route route) {
        if (route instanceof Route.Pickup pickup) {
            pickups.start(call, pickup); // a pickup code: no call of its own unless nothing is picked up
            return;
        }
        publisher.fire(l -> l.created(call.info()));
        if (applied(call, services.run(call, DetectionPoint.ORIGINATING, call.caller, 0), DetectionPoint.ORIGINATING)) {
            return;
        }
        routed(call, request, route);
    }

    private void routed(Call call, RouteRequest request, Route route) {
        List<Route> routes = Forks.flatten(route);
        boolean somewhere = routes.stream().anyMatch(r -> !(r instanceof Route.Reject));
        call.ringLimitSeconds = 0; // each attempt's services decide it anew
        if (somewhere && applied(call, services.run(call, DetectionPoint.ROUTED, call.callee, 0), DetectionPoint.ROUTED)) {
            return;
        }
        if (somewhere && !admitted(call, request, route)) {
            return;
        }
        if (route instanceof Route.ToApplication app) { // an IVR's or a voicemail number: the engine answers
            applications.connect(call, new Outcome.Connect(app.name(), app.parameters()), call.callee);
            return;
        }
        if (route instanceof Route.Hunt hunt) {
            call.huntRest = new ArrayList<>(hunt.extensions());
            call.huntSeconds = hunt.seconds();
            Release none = huntNext(call);
            if (none != null) {
                failed(call, none.status(), none.phrase(), none.tag(), none.cause(), none.text());
            }
            return;
        }
        call.huntRest = null; // a redirect out of a hunt ends it
        if (route instanceof Route.Parallel) { // a simultaneous ring group: members in DND or over a limit do not ring
            MemberChecks.Ringable ringable = members.ringable(call, routes);
            Release skip = ringable.lastSkip();
            if (skip != null && forks.targets(call, ringable.routes()).isEmpty()) {
                failed(call, skip.status(), skip.phrase(), skip.tag(), skip.cause(), skip.text());
                return;
            }
            routes = ringable.routes();
        }
        startForks(call, routes);
    }

    /**
     * Rings the next member of the hunt that has a registered device and whose own checks let it ring (DND, limits).
     * @return null when a member rings; else why none does: the last skipped member's answer, or no device
     */
    private Release huntNext(Call call) {
        Release none = Release.of(Response.TEMPORARILY_UNAVAILABLE, "Not registered", CallTag.CALLEE_UNREACHABLE, Causes.SUBSCRIBER_ABSENT,
                call.callee + " has no member with a registered device");
        while (call.huntRest != null && !call.huntRest.isEmpty()) {
            String member = call.huntRest.remove(0);
            if (members.reachable(call, member)) {
                Release skip = members.skip(call, member);
                if (skip == null) {
                    startForks(call, List.of(new Route.ToExtension(member)));
                    return null;
                }
                none = skip;
            }
        }
        return none;
    }

    /**
     * Asks the admission services (trunk limits) whenever the call has somewhere new to go: its first route and each
     * redirect (forwarding, a phone's 3xx), so a call forwarded out over a trunk is held to that trunk's limit like a
     * dialled one; a service's newer answer replaces its older one. A call refused by the routers alone holds nothing
     * and is not asked about. Returns false when the call was refused.
     */
    private boolean admitted(Call call, RouteRequest request, Route route) {
        call.admissionAsked = true; // from here on, its release is reported whatever happens
        CallAdmission.Refusal refusal = admissions.admit(call.id, request, route);
        if (refusal == null) {
            return true;
        }
        LOG.info("Call {} {} -> {} refused: {} {} ({})", call.id, call.caller, call.callee, refusal.status(), refusal.phrase(), refusal.text());
        releaser.release(call, Release.of(refusal.status(), refusal.phrase(), refusal.tag(), refusal.q850Cause(), refusal.text()));
        return false;
    }

    /**
     * Starts the forks of an attempt. The caller's offer goes through the media engine once per next-hop host not
     * relayed toward yet (forks, redirects and hunts to the same host share it): the engine advertises the address
     * that reaches each hop. The relays are queued in order (MediaSteps) and the forks start after the last. A
     * failure releases the call (488 unusable SDP, 503 no ports or no engine).
     */
    private void startForks(Call call, List<Route> routes) {
        call.attemptStart = call.calleeLegs.size();
        List<Forks.Target> targets = forks.targets(call, routes);
        byte[] body = call.callerOffer;
        Map<String, NextHop> hops = new LinkedHashMap<>(); // by host, not relayed toward yet
        for (Forks.Target t : targets) {
            if (body != null && !call.relayedOffers.containsKey(t.hop().host())) { // body null: late offer, the callee offers
                hops.putIfAbsent(t.hop().host(), t.hop());
            }
        }
        if (hops.isEmpty()) {
            launch(call, routes, targets);
            return;
        }
        int left = hops.size();
        for (NextHop hop : hops.values()) {
            boolean last = --left == 0;
            media.relay(call, call.callerLeg, hop, body, true, (relayed, failure) -> {
                if (call.released()) {
                    return; // cancelled while the engine answered, or an earlier relay failed
                }
                if (failure != null) {
                    LOG.warn("Call {}: the offer cannot be relayed toward {}: {}", call.id, hop.host(), failure.getMessage());
                    boolean bad = failure.status == Response.NOT_ACCEPTABLE_HERE;
                    releaser.release(call, Release.of(failure.status, bad ? "Not Acceptable Here" : "Media Unavailable", failure.tag,
                            bad ? Causes.ofStatus(failure.status) : Causes.RESOURCE_UNAVAILABLE, failure.getMessage()));
                    return;
                }
                call.relayedOffers.put(hop.host(), relayed);
                if (last) {
                    launch(call, routes, targets);
                }
            });
        }
    }

    private void launch(Call call, List<Route> routes, List<Forks.Target> targets) {
        List<Header> diversionHeaders = notices.diversionHeaders(call);
        for (Forks.Target t : targets) {
            forks.start(call, t, diversionHeaders);
        }
        if (targets.isEmpty()) {
            Route.Reject reject = (Route.Reject) routes.stream().filter(r -> r instanceof Route.Reject).findFirst().orElse(null);
            if (reject != null) {
                releaser.release(call, Release.of(reject.status(), reject.reason(), reject.tag(), Causes.ofStatus(reject.status()), reject.reason()));
            } else {
                failed(call, Response.TEMPORARILY_UNAVAILABLE, "Not registered", CallTag.CALLEE_UNREACHABLE, Causes.SUBSCRIBER_ABSENT,
                        call.callee + " has no registered device");
            }
            return;
        }
        if (attemptFailed(call)) {
            allFailed(call);
            return;
        }
        int ringSeconds = call.huntRest != null ? call.huntSeconds : config.get().ring_timeout();
        if (call.huntRest == null && call.ringLimitSeconds > 0) { // a service's per-extension no-answer time (forwarding on no answer)
            ringSeconds = Math.min(ringSeconds, call.ringLimitSeconds);
        }
        call.ringDeadline = clock.millis() + ringSeconds * 1000L;
        armRingTimer(call);
    }

    void armRingTimer(Call call) {
        Leg.cancel(call.ringTimer); // a forwarded call's new attempt rings for its own time, not the last one's
        if (call.ringDeadline > 0) {
            call.ringTimer = strands.later(call.strand, Math.max(0, call.ringDeadline - clock.millis()), () -> {
                if (!call.released() && !call.taken()) {
                    noAnswer(call);
                }
            });
        }
    }

    /** True when the forks of the current attempt (since the last redirect) have all failed. */
    static boolean attemptFailed(Call call) {
        List<CalleeLeg> current = call.calleeLegs.subList(call.attemptStart, call.calleeLegs.size());
        return !current.isEmpty() && current.stream().allMatch(l -> l.state == CallState.RELEASED);
    }

    /** A callee leg failed with a final response: a 6xx ends every fork; the last failure decides for the call. */
    void legFailed(CalleeLeg leg, int status, String reason, Causes.Reason q850) {
        if (!leg.fail(status, reason, q850)) {
            return;
        }
        Call call = leg.call;
        if (call.released() || call.taken() || call.calleeLegs.indexOf(leg) < call.attemptStart) {
            return;
        }
        if (status >= 600) {
            forks.cancelOthers(call, leg, null);
            allFailed(call);
            return;
        }
        if (attemptFailed(call)) {
            allFailed(call);
        }
    }

    /** Every fork of the attempt failed: busy or unreachable services may redirect; else the best response ends the call. */
    private void allFailed(Call call) {
        if (call.huntRest != null && huntNext(call) == null) {
            return; // a hunt goes on to its next member
        }
        List<CalleeLeg> current = call.calleeLegs.subList(call.attemptStart, call.calleeLegs.size());
        CalleeLeg best = null;
        for (CalleeLeg l : current) {
            if (l.finalStatus != 0 && (best == null || Forks.rank(l.finalStatus) < Forks.rank(best.finalStatus))) {
                best = l;
            }
        }
        if (best == null) {
            failed(call, Response.TEMPORARILY_UNAVAILABLE, "Unavailable", CallTag.CALLEE_UNREACHABLE, Causes.NO_USER_RESPONDING,
                    call.callee + " did not answer");
            return;
        }
        int status = best.finalStatus;
        int cause = best.reasonCause != null ? best.reasonCause : Causes.ofStatus(status);
        String text = best.reasonText != null ? best.reasonText : status + " " + best.finalReason;
        CallTag tag = status == Response.REQUEST_TIMEOUT && best.finalReason != null && best.finalReason.startsWith("No response")
                ? CallTag.CALLEE_TIMEOUT : CallTag.CALLEE_REJECTED;
        failed(call, status, best.finalReason, tag, cause, text);
    }

    /** The attempt failed with this status: the busy/unreachable services are asked before the call ends with it. */
    private void failed(Call call, int status, String phrase, CallTag tag, int cause, String text) {
        DetectionPoint point = status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE ? DetectionPoint.BUSY
                : status == Response.TEMPORARILY_UNAVAILABLE || status == Response.REQUEST_TIMEOUT
                        || status == Response.SERVICE_UNAVAILABLE ? DetectionPoint.UNREACHABLE : null;
        if (point != null && !call.overridden && applied(call, services.run(call, point, call.callee, status), point)) {
            return;
        }
        releaser.release(call, Release.of(status, phrase, tag, cause, text));
    }

    /** Nobody answered in time: the no-answer services may redirect (the ringing forks are cancelled); else 480. */
    private void noAnswer(Call call) {
        if (call.huntRest != null && !call.huntRest.isEmpty()) {
            forks.cancelOthers(call, null, "SIP;cause=480;text=\"No answer: next member\"");
            if (huntNext(call) == null) {
                return;
            }
        }
        Outcome outcome = call.overridden ? Outcome.CONTINUE
                : services.run(call, DetectionPoint.NO_ANSWER, call.callee, Response.TEMPORARILY_UNAVAILABLE);
        if (outcome instanceof Outcome.Redirect) {
            forks.cancelOthers(call, null, "SIP;cause=480;text=\"No answer: forwarded\"");
        }
        if (applied(call, outcome, DetectionPoint.NO_ANSWER)) {
            return;
        }
        releaser.release(call, Release.of(Response.TEMPORARILY_UNAVAILABLE, "No Answer", CallTag.RING_TIMEOUT, Causes.NO_ANSWER,
                "No answer within " + config.get().ring_timeout() + " s"));
    }

    /** Carries out a service's outcome; false for continue (the call goes on as it was). */
    private boolean applied(Call call, Outcome outcome, DetectionPoint point) {
        if (outcome instanceof Outcome.Reject r) {
            releaser.release(call, Release.of(r.status(), r.phrase(), r.tag(), r.q850Cause(), r.text()));
            return true;
        }
        if (outcome instanceof Outcome.Redirect d) {
            redirect(call, d);
            return true;
        }
        if (outcome instanceof Outcome.Busy b) {
            busy(call, b, point);
            return true;
        }
        if (outcome instanceof Outcome.Confirm c) {
            forks.cancelOthers(call, null, null);
            callerAnswer.confirm(call, c.text());
            return true;
        }
        if (outcome instanceof Outcome.Connect c) {
            applications.connect(call, c, point == DetectionPoint.ORIGINATING ? call.caller : call.callee);
            return true;
        }
        if (outcome instanceof Outcome.Override o && point == DetectionPoint.ORIGINATING) {
            override(call, o);
            return true;
        }
        return false;
    }

    /**
     * An operator's override: rings the target extension with none of its terminating services asked (DND, forwarding,
     * busy treatment and call limits do not apply), and notes why in the record. Anything but an extension is refused.
     */
    private void override(Call call, Outcome.Override o) {
        call.overridden = true;
        call.notes.add(o.text());
        call.callee = o.target();
        RouteRequest request = CallRouting.internal(o.target(), call.caller);
        Route route = routing.route(request);
        if (!(route instanceof Route.ToExtension)) {
            releaser.release(call, Release.of(Response.NOT_FOUND, "Not Found", CallTag.ROUTING_FAILURE, Causes.UNALLOCATED_NUMBER,
                    "override target " + o.target() + " is not an extension"));
            return;
        }
        if (admitted(call, request, route)) {
            startForks(call, List.of(route));
        }
    }

    /**
     * Busy treatment a service asked for (DND, call waiting off, a call limit): the callee's busy services may
     * redirect (forwarding on busy); else 486 with the service's tag and text.
     */
    private void busy(Call call, Outcome.Busy b, DetectionPoint point) {
        if (point != DetectionPoint.BUSY) {
            Outcome next = services.run(call, DetectionPoint.BUSY, call.callee, Response.BUSY_HERE);
            if (next instanceof Outcome.Redirect) {
                forks.cancelOthers(call, null, "SIP;cause=486;text=\"Busy: forwarded\"");
            }
            if (!(next instanceof Outcome.Busy) && applied(call, next, DetectionPoint.BUSY)) {
                return;
            }
        }
        releaser.release(call, Release.of(Response.BUSY_HERE, "Busy Here", b.tag(), Causes.USER_BUSY, b.text()));
    }

    /**
     * A callee device answered 3xx (a phone's deflect or forward key): the call follows the first Contact, as a
     * forwarding hop (181 to the caller, Diversion reason {@code deflection}); the other forks are cancelled.
     * @return false when the 3xx names no number to follow (the leg then fails with its status)
     */
    boolean deflected(CalleeLeg leg, Response r) {
        String target = Dialogs.contactUser(r);
        if (target == null) {
            return false;
        }
        if (!leg.fail(r.getStatusCode(), r.getReasonPhrase(), null)) {
            return true;
        }
        Call call = leg.call;
        if (call.released() || call.taken() || call.calleeLegs.indexOf(leg) < call.attemptStart) {
            return true;
        }
        LOG.info("Call {} {} -> {}: {} answered {} toward {}", call.id, call.caller, call.callee, leg.peer, r.getStatusCode(), target);
        forks.cancelOthers(call, leg, "SIP;cause=" + r.getStatusCode() + ";text=\"Deflected\"");
        redirect(call, new Outcome.Redirect(target, "deflection", true));
        return true;
    }

    /** Sends the call to another number: loop and hop checks, the 181 to the caller, then routing as if dialled. */
    private void redirect(Call call, Outcome.Redirect d) {
        String from = call.callee;
        String target = d.target();
        boolean loop = target.equals(call.dialled) || call.diversions.stream().anyMatch(x -> x.from().equals(target));
        if (loop || call.diversions.size() >= config.get().max_forwarding_hops()) {
            LOG.warn("Call {} {} -> {}: forwarding to {} refused ({})", call.id, call.caller, from, target,
                    loop ? "a loop" : "over " + config.get().max_forwarding_hops() + " hops");
            releaser.release(call, Release.of(loop ? Response.LOOP_DETECTED : Response.TOO_MANY_HOPS,
                    loop ? "Forwarding Loop" : "Too Many Forwarding Hops", CallTag.ROUTING_FAILURE, Causes.EXCHANGE_ROUTING_ERROR,
                    (loop ? "Forwarding loop at " : "Too many forwarding hops at ") + target));
            return;
        }
        call.diversions.add(new Diversion(from, target, d.reason()));
        call.callee = target;
        if (d.tellCaller()) {
            notices.tellCaller(call, from, target);
        }
        RouteRequest request = CallRouting.internal(target, call.caller);
        routed(call, request, routing.route(request));
    }
}
