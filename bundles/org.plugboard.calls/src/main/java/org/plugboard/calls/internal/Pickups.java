package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.Side;
import org.plugboard.api.routing.Route;
import org.plugboard.api.service.DetectionPoint;
import org.plugboard.api.sip.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call pickup ({@link Route.Pickup}): the picking phone's INVITE dialog moves from its own call (the pickup attempt)
 * into the ringing call it takes over, which belongs to another strand. As the attended transfer's lookup does, no
 * call's state is touched from another call's strand: the attempt saves its leg as plain data (the hand-over form)
 * into a {@link Token}, which goes from one ringing call's strand to the next, oldest call first; the first still
 * ringing at one of the extensions adopts the leg, cancels its ringing devices and answers both sides through the
 * media relay (the caller's offer with the picker's SDP, the picker's offer with the relay's side toward it). When
 * none can, the token goes back to the attempt's strand, which ends with {@code 480 No call to pick up} (or 487 when
 * the picker cancelled meanwhile). Only one strand holds the token at a time, so only one answers the picker.
 */
final class Pickups {
    private static final Logger LOG = LoggerFactory.getLogger(Pickups.class);
    static final String COMPLETED_ELSEWHERE = "SIP;cause=200;text=\"Call completed elsewhere\"";

    /** A pickup in flight: the picker's leg as data, and where it has still to be offered. */
    static final class Token {
        final Call attempt;
        final String picker;
        final Set<String> extensions;
        final Map<String, Object> leg;
        final byte[] offer;
        final List<Call> candidates;
        int next;
        /** The picker cancelled its INVITE while the token was away: whoever holds it gives it back. */
        final AtomicBoolean cancelled = new AtomicBoolean();
        volatile Causes.Reason cancelReason;

        Token(Call attempt, Set<String> extensions, Map<String, Object> leg, byte[] offer, List<Call> candidates) {
            this.attempt = attempt;
            this.picker = attempt.caller;
            this.extensions = extensions;
            this.leg = leg;
            this.offer = offer;
            this.candidates = candidates;
        }
    }

    private final CallTable table;
    private final BiConsumer<Call, Runnable> onStrand;
    private final LegMessages messages;
    private final Forks forks;
    private final MediaSteps media;
    private final CallerAnswer callerAnswer;
    private final ServiceRunner services;
    private final Releaser releaser;
    private final Publisher publisher;
    private final Clock clock;
    /** Runs a request on the strand of the call its leg belongs to now (CallLogic's in-dialog entry). */
    private BiConsumer<Leg, ServerRequest> dispatch = (leg, ex) -> ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);

    Pickups(CallTable table, BiConsumer<Call, Runnable> onStrand, LegMessages messages, Forks forks, MediaSteps media,
            CallerAnswer callerAnswer, ServiceRunner services, Releaser releaser, Publisher publisher, Clock clock) {
        this.table = table;
        this.onStrand = onStrand;
        this.messages = messages;
        this.forks = forks;
        this.media = media;
        this.callerAnswer = callerAnswer;
        this.services = services;
        this.releaser = releaser;
        this.publisher = publisher;
        this.clock = clock;
    }

    void dispatch(BiConsumer<Leg, ServerRequest> dispatch) {
        this.dispatch = dispatch;
    }

    /** On the attempt's strand, at its first route: no event yet, nothing ringing anywhere is touched from here. */
    void start(Call attempt, Route.Pickup route) {
        if (attempt.callerOffer == null) {
            refuse(attempt, Response.NOT_ACCEPTABLE_HERE, "Pickup Needs An Offer", CallTag.BAD_REQUEST,
                    "A pickup INVITE must carry an SDP offer");
            return;
        }
        List<Call> candidates = ringingAt(route.extensions(), attempt);
        if (candidates.isEmpty()) {
            nothingToPickUp(attempt, route.extensions());
            return;
        }
        Map<String, Object> leg = attempt.callerLeg.save();
        leg.put("side", Side.CALLEE.name());
        leg.remove("sessionExpires"); // its 200 comes from the picked call, which runs no session timer for it
        Token t = new Token(attempt, route.extensions(), leg, attempt.callerOffer, candidates);
        attempt.pickup = t;
        LOG.info("Call {}: {} picks up a call ringing at {} ({} candidate(s))", attempt.id, t.picker, sorted(t.extensions), candidates.size());
        offerNext(t);
    }

    /** Live calls, oldest first, whose snapshot shows a device of one of {@code extensions} ringing. */
    private List<Call> ringingAt(Set<String> extensions, Call attempt) {
        List<Call> out = new ArrayList<>();
        for (CallInfo c : table.snapshots()) {
            boolean rings = c.answered() == null && c.legs().stream().anyMatch(l -> "callee".equals(l.role()) && l.side() == Side.CALLEE
                    && l.state() == CallState.RINGING && extensions.contains(l.peer()));
            Call call = rings && !c.id().equals(attempt.id) ? table.call(c.id()) : null;
            if (call != null) {
                out.add(call);
            }
        }
        return out;
    }

    /** The token goes to the next candidate's strand, or back to the attempt's when none is left. */
    private void offerNext(Token t) {
        if (t.next >= t.candidates.size() || t.cancelled.get()) {
            onStrand.accept(t.attempt, () -> back(t));
            return;
        }
        Call call = t.candidates.get(t.next++);
        onStrand.accept(call, () -> {
            String why = unpickable(call, t);
            if (why == null && !t.cancelled.get()) {
                take(call, t);
            } else {
                LOG.debug("Call {}: not picked up by {}: {}", call.id, t.picker, why);
                offerNext(t);
            }
        });
    }

    /** On the candidate's strand: why it cannot be picked up now, or null. */
    private static String unpickable(Call call, Token t) {
        if (call.released() || call.taken() || call.transfer != null || call.confirmation != null) {
            return "no longer ringing";
        }
        if (t.picker.equals(call.caller)) {
            return "the picker's own call";
        }
        boolean rings = call.calleeLegs.subList(call.attemptStart, call.calleeLegs.size()).stream()
                .anyMatch(l -> !l.transferTarget && l.state == CallState.RINGING && t.extensions.contains(l.peer));
        if (!rings) {
            return "no device of " + sorted(t.extensions) + " rings";
        }
        if (call.relayedOffers.isEmpty()) {
            return "its caller made no offer (late offer)";
        }
        if (mLines(call.relayedOffers.values().iterator().next()) != mLines(t.offer)) {
            return "the picker's SDP has other streams than the caller's";
        }
        return null;
    }

    /**
     * On the picked call's strand: the picker's leg joins it on the callee's side, the ringing devices are cancelled,
     * and once the relay has the picker's SDP (as the answer to the caller's offer) both phones get their 200.
     */
    private void take(Call call, Token t) {
        CallerLeg picker = CallerLeg.restore(call, t.leg, messages.sip().addressFactory());
        if (!table.replaceLeg(t.attempt.callerLeg, picker)) {
            onStrand.accept(t.attempt, () -> back(t)); // the attempt's leg is no longer indexed: leave it to the attempt
            return;
        }
        table.retire(t.attempt);
        Leg.cancel(call.ringTimer);
        call.ringDeadline = 0;
        call.huntRest = null;
        forks.cancelOthers(call, null, COMPLETED_ELSEWHERE);
        call.picker = picker;
        call.connect(picker);
        call.callee = t.picker;
        LOG.info("Call {} {} -> {}: picked up by {} (attempt {})", call.id, call.caller, call.dialled, t.picker, t.attempt.id);
        media.relay(call, picker, call.callerLeg.hop, t.offer, false, (relayed, failure) -> {
            if (call.released()) {
                return; // the release answered the picker
            }
            if (failure != null) {
                boolean engine = failure.tag == CallTag.MEDIA_FAILURE;
                releaser.release(call, Release.of(failure.status, engine ? "Media Unavailable" : "Not Acceptable Here", failure.tag,
                        engine ? Causes.RESOURCE_UNAVAILABLE : Causes.ofStatus(failure.status), "Pickup by " + t.picker + ": " + failure.getMessage()));
                return;
            }
            call.answered = clock.instant();
            call.state = CallState.ANSWERED;
            answerPicker(call, picker);
            callerAnswer.answerWith(call, relayed, () -> {
                services.run(call, DetectionPoint.ANSWERED, call.callee, 0);
                publisher.fire(l -> l.answered(call.info()));
            });
        });
    }

    /**
     * The caller's offer as relayed toward the picker's host if a ringing device shared it, else as relayed toward
     * another host (the engine's address there may not be the best for the picker: a pickup across interfaces).
     */
    private static byte[] offerToward(Call call, CallerLeg picker) {
        byte[] own = picker.hop == null ? null : call.relayedOffers.get(picker.hop.host());
        return own != null ? own : call.relayedOffers.values().iterator().next();
    }

    /** The picker's 200: the relay's SDP toward the callee's side (what the ringing devices were offered), until its ACK. */
    private void answerPicker(Call call, CallerLeg picker) {
        try {
            Response ok = messages.dialogs().answer(picker, picker.invite, Response.OK, null);
            ok.setHeader(messages.dialogs().headers().createAllowHeader(Dialogs.ALLOW));
            byte[] offer = offerToward(call, picker);
            ok.setContent(offer, messages.dialogs().sdpType());
            picker.lastSdpSent = offer;
            picker.answer = ok;
            picker.answered = true;
            picker.state = CallState.ANSWERED;
            picker.invite.respond(ok);
            callerAnswer.retransmit(picker, ok, ReliableProvisionals.T1, 0);
        } catch (ParseException e) {
            releaser.release(call, Release.of(Response.SERVER_INTERNAL_ERROR, "Cannot Answer", CallTag.SYSTEM, Causes.INTERWORKING,
                    "The picker's answer could not be built: " + e.getMessage()));
        }
    }

    /** On the attempt's strand: nothing was picked up; the attempt ends as a call of its own would. */
    private void back(Token t) {
        Call attempt = t.attempt;
        if (attempt.pickup != t || attempt.released()) {
            return;
        }
        attempt.pickup = null;
        if (t.cancelled.get()) {
            Causes.Reason r = t.cancelReason;
            refuse(attempt, Response.REQUEST_TERMINATED, null, CallTag.CALLER_CANCEL, r == null ? "Caller cancelled" : r.text(),
                    r == null ? Causes.NORMAL_CLEARING : r.cause());
        } else {
            nothingToPickUp(attempt, t.extensions);
        }
    }

    /**
     * A request of the picking phone for the attempt's copy of its leg: once the leg moved, it goes to the call that
     * has it; a CANCEL while the token is away is answered here and the pickup given up where the token is.
     * @return false when no pickup is in flight for this leg (the request is the attempt's own)
     */
    boolean inFlight(Leg leg, ServerRequest ex) {
        Token t = leg.call.pickup;
        if (t == null) {
            return false;
        }
        Leg now = table.leg(leg.callId);
        if (now != null && now != leg) {
            dispatch.accept(now, ex);
        } else if (Request.CANCEL.equals(ex.request().getMethod())) {
            t.cancelReason = Causes.fromReasonHeader(ex.request());
            t.cancelled.set(true);
            ex.respond(Response.OK);
        } else if (!Request.ACK.equals(ex.request().getMethod())) {
            ex.respond(Response.REQUEST_PENDING, "Pickup in progress");
        }
        return true;
    }

    /** A pickup attempt handed over by the previous version in flight: its token is lost, so it ends here. */
    void resumed(Call attempt) {
        if (attempt.pickupPending && !attempt.released()) {
            attempt.pickupPending = false;
            nothingToPickUp(attempt, Set.of());
        }
    }

    private void nothingToPickUp(Call attempt, Set<String> extensions) {
        refuse(attempt, Response.TEMPORARILY_UNAVAILABLE, "No call to pick up", CallTag.CALLEE_UNREACHABLE,
                extensions.isEmpty() ? "No call to pick up" : "No call ringing at " + sorted(extensions) + " to pick up");
    }

    private void refuse(Call attempt, int status, String phrase, CallTag tag, String text) {
        refuse(attempt, status, phrase, tag, text, Causes.ofStatus(status));
    }

    /** The attempt becomes a call of its own only now, to end: listeners hear it created, then released. */
    private void refuse(Call attempt, int status, String phrase, CallTag tag, String text, int cause) {
        LOG.info("Call {}: pickup by {} refused: {} ({})", attempt.id, attempt.caller, status, text);
        publisher.fire(l -> l.created(attempt.info()));
        releaser.release(attempt, Release.of(status, phrase, tag, cause, text));
    }

    private static String sorted(Set<String> extensions) {
        return String.join(", ", new TreeSet<>(extensions));
    }

    private static int mLines(byte[] sdp) {
        int n = 0;
        for (String line : new String(sdp, java.nio.charset.StandardCharsets.ISO_8859_1).split("\r?\n")) {
            if (line.startsWith("m=")) {
                n++;
            }
        }
        return n;
    }
}
