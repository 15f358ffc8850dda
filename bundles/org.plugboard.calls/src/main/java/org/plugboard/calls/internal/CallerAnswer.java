package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;
import java.util.function.Supplier;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.sip.ServerRequest;

/**
 * The caller's side of an answered call: our 200 with the callee's SDP, retransmitted at T1, 2T1... up to T2 until
 * the caller's ACK (we keep our own dialogs, so this is ours to do, RFC 3261 13.3.1.4); no ACK in 64*T1 ends the
 * call. Also the maximum call duration, counted from the answer.
 */
final class CallerAnswer {
    private final LegMessages messages;
    private final MediaSteps media;
    private final SessionTimers sessionTimers;
    private final ReliableProvisionals reliable;
    private final OfferAnswer offerAnswer;
    private final Releaser releaser;
    private final Strands strands;
    private final Clock clock;
    private final Supplier<CallsConfig> config;
    private final Publisher publisher;

    CallerAnswer(LegMessages messages, MediaSteps media, SessionTimers sessionTimers, ReliableProvisionals reliable, OfferAnswer offerAnswer,
            Releaser releaser, Strands strands, Clock clock, Supplier<CallsConfig> config, Publisher publisher) {
        this.publisher = publisher;
        this.messages = messages;
        this.media = media;
        this.sessionTimers = sessionTimers;
        this.reliable = reliable;
        this.offerAnswer = offerAnswer;
        this.releaser = releaser;
        this.strands = strands;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The callee {@code from} answered with {@code ok}: the caller gets our 200 with the callee's SDP relayed, then
     * {@code answered} runs. A failure releases the call (the answered callee gets BYE).
     */
    void answer(Call call, CalleeLeg from, Response ok, Runnable answered) {
        CallerLeg caller = call.callerLeg;
        Response out;
        try {
            out = messages.dialogs().answer(caller, caller.invite, Response.OK, null);
            out.setHeader(messages.dialogs().headers().createAllowHeader(Dialogs.ALLOW));
        } catch (ParseException e) {
            releaser.release(call, Release.of(Response.SERVER_INTERNAL_ERROR, "Bad answer from the callee", CallTag.BAD_REQUEST,
                    Causes.INTERWORKING, "Callee's answer unusable: " + e.getMessage()));
            return;
        }
        byte[] body = Dialogs.isSdp(ok) ? Dialogs.body(ok) : null;
        if (body == null) {
            media.after(call, () -> send(call, out, answered));
            return;
        }
        media.relay(call, from, caller.hop, body, from.lateOffer, (relayed, e) -> {
            if (call.released()) {
                return;
            }
            if (e != null) {
                boolean engine = e.tag == CallTag.MEDIA_FAILURE;
                releaser.release(call, Release.of(engine ? e.status : Response.SERVER_INTERNAL_ERROR,
                        engine ? "Media Unavailable" : "Bad answer from the callee", e.tag,
                        engine ? Causes.RESOURCE_UNAVAILABLE : Causes.INTERWORKING, (engine ? "" : "Callee's answer unusable: ") + e.getMessage()));
                return;
            }
            try {
                out.setContent(relayed, messages.dialogs().sdpType());
            } catch (ParseException x) {
                throw new IllegalStateException(x);
            }
            caller.lastSdpSent = relayed;
            send(call, out, answered);
        });
    }

    /** The caller gets our 200 with an SDP the relay already made for it (a pickup: the picker's, relayed). */
    void answerWith(Call call, byte[] relayed, Runnable answered) {
        CallerLeg caller = call.callerLeg;
        try {
            Response out = messages.dialogs().answer(caller, caller.invite, Response.OK, null);
            out.setHeader(messages.dialogs().headers().createAllowHeader(Dialogs.ALLOW));
            out.setContent(relayed, messages.dialogs().sdpType());
            caller.lastSdpSent = relayed;
            send(call, out, answered);
        } catch (ParseException e) {
            releaser.release(call, Release.of(Response.SERVER_INTERNAL_ERROR, "Cannot Answer", CallTag.SYSTEM, Causes.INTERWORKING,
                    "Our answer could not be built: " + e.getMessage()));
        }
    }

    /**
     * A feature code was carried out: the caller gets our 200 with every stream refused (no media until the media
     * applications give confirmation tones) and, after its ACK, our BYE; the CDR says FEATURE_CODE with the text.
     */
    void confirm(Call call, String text) {
        CallerLeg caller = call.callerLeg;
        Response out;
        try {
            out = messages.dialogs().answer(caller, caller.invite, Response.OK, null);
            out.setHeader(messages.dialogs().headers().createAllowHeader(Dialogs.ALLOW));
            out.setContent(RefusedMedia.sdp(call.callerOffer, messages.sip().localUri(caller.hop).getHost()), messages.dialogs().sdpType());
        } catch (ParseException e) {
            releaser.release(call, Release.of(Response.SERVER_INTERNAL_ERROR, "Cannot Confirm", CallTag.FEATURE_CODE, Causes.INTERWORKING,
                    text + "; the confirmation could not be built: " + e.getMessage()));
            return;
        }
        call.confirmation = text;
        call.answered = clock.instant();
        call.state = CallState.ANSWERED;
        media.after(call, () -> send(call, out, () -> {
        }));
    }

    /**
     * A media application answers the caller: our 200 carries the engine's SDP ({@code sdp}: its answer, or its
     * offer when the INVITE had none); the application starts at the ACK ({@link ApplicationCall#acked}).
     */
    void application(Call call, byte[] sdp) {
        CallerLeg caller = call.callerLeg;
        Response out;
        try {
            out = messages.dialogs().answer(caller, caller.invite, Response.OK, null);
            out.setHeader(messages.dialogs().headers().createAllowHeader(Dialogs.ALLOW));
            out.setContent(sdp, messages.dialogs().sdpType());
        } catch (ParseException e) {
            releaser.release(call, Release.of(Response.SERVER_INTERNAL_ERROR, "Cannot Answer", CallTag.SYSTEM, Causes.INTERWORKING,
                    "The answer for a media application could not be built: " + e.getMessage()));
            return;
        }
        caller.lastSdpSent = sdp;
        call.answered = clock.instant();
        call.state = CallState.ANSWERED;
        // answered as a callee would: listeners (the event stream, lamps, call counts) hear it at our 200
        media.after(call, () -> send(call, out, () -> publisher.fire(l -> l.answered(call.info()))));
    }

    private void send(Call call, Response out, Runnable answered) {
        if (call.released()) {
            return;
        }
        CallerLeg caller = call.callerLeg;
        if (caller.sessionExpires != null) {
            SessionTimers.addTo(out, caller.sessionExpires, messages.dialogs().headers());
            sessionTimers.armCaller(call);
        }
        caller.answer = out;
        caller.answered = true;
        caller.state = CallState.ANSWERED;
        reliable.answered(caller);
        caller.invite.respond(out);
        retransmit(caller, out, ReliableProvisionals.T1, 0);
        if (config.get().max_call_duration() > 0) {
            call.maxDurationDeadline = clock.millis() + config.get().max_call_duration() * 1000L;
            armMaxDuration(call);
        }
        answered.run();
    }

    /** The caller's ACK for our 200: the call is connected (and a late-offer answer goes on to the callee). */
    void acked(CallerLeg leg, Request ack) {
        Call call = leg.call;
        if (leg.state != CallState.ANSWERED) {
            return; // an ACK for a relayed re-INVITE answer, or a retransmission
        }
        leg.state = CallState.CONNECTED;
        Leg.cancel(leg.answerTimer);
        leg.acknowledged();
        offerAnswer.answerInAck(call, leg, ack);
        if (call.state == CallState.ANSWERED) {
            call.state = CallState.CONNECTED;
        }
        if (call.released()) { // the callee hung up while we waited for this ACK
            messages.bye(leg, call.releaseCause, call.releaseText);
        } else if (call.confirmation != null) { // a confirmed feature code: done, hang up
            releaser.release(call, Release.of(Response.OK, "OK", CallTag.FEATURE_CODE, Causes.NORMAL_CLEARING, call.confirmation));
        } else if (call.application != null) { // answered for a media application: it starts now
            if (Dialogs.isSdp(ack)) {
                leg.lastSdpReceived = Dialogs.body(ack); // a late offer's answer: what a redirect would offer its target
            }
            call.application.acked(ack);
        }
    }

    void armMaxDuration(Call call) {
        if (call.maxDurationDeadline > 0) {
            call.maxDurationTimer = strands.later(call.strand, Math.max(0, call.maxDurationDeadline - clock.millis()),
                    () -> releaser.release(call, Release.of(Response.REQUEST_TERMINATED, null, CallTag.MAX_DURATION, Causes.NORMAL_CLEARING,
                            "Maximum call duration reached")));
        }
    }

    /**
     * The caller's INVITE again through a new server transaction (its first one died with an updated SIP stack; the
     * call already runs): it gets what it has had so far, our 2xx (while unacknowledged: a caller that acknowledged it
     * does not repeat its INVITE) or final refusal, else 100. Unanswered, the new
     * transaction would send the stack's own 100 Trying 200 ms later, and that could reach the caller after our final
     * response (SIPp aborts the call on it).
     */
    void retransmittedInvite(CallerLeg caller, ServerRequest again) {
        Response last = caller.answer != null ? caller.answer : caller.refusal;
        again.respond(last != null ? (Response) last.clone() : again.createResponse(Response.TRYING));
    }

    /** Our 200 goes again at T1, 2T1, ... up to T2 until the caller's ACK; after 64*T1 the call is released. */
    void retransmit(CallerLeg caller, Response ok, long interval, long elapsed) {
        Call call = caller.call;
        long delay = Math.min(interval, ReliableProvisionals.TIMER_64T1 - elapsed); // the last wait ends exactly at 64*T1
        caller.answerTimer = strands.later(call.strand, delay, () -> {
            if (caller.state != CallState.ANSWERED) {
                return;
            }
            if (elapsed + delay >= ReliableProvisionals.TIMER_64T1) {
                caller.state = CallState.CONNECTED; // so a BYE goes, as RFC 3261 13.3.1.4 asks
                if (call.released()) { // the callee hung up meanwhile: the caller still gets its BYE
                    messages.bye(caller, call.releaseCause, call.releaseText);
                } else {
                    releaser.release(call, Release.recovery(CallTag.NO_ACK, "No ACK from the caller", null));
                }
                return;
            }
            caller.invite.respond(ok);
            retransmit(caller, ok, Math.min(interval * 2, ReliableProvisionals.T2), elapsed + delay);
        });
    }
}
