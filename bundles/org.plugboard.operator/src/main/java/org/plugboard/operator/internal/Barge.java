package org.plugboard.operator.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.media.Tone;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's leg joined into an extension's answered call ({@link MediaSession#mix}): finds the call, mixes the
 * leg in for the extension's side, notes it on the call's record, and holds until the operator hangs up (the mix
 * ends, the call relays again) or the call ends (the operator's leg is hung up normally). No call: the busy tone for a
 * moment, then 480. Stages only, never blocks.
 */
final class Barge {
    private static final Logger LOG = LoggerFactory.getLogger(Barge.class);
    /** While joined: digits are taken and ignored; the collection is what tells the operator has gone. */
    static final DigitCollection WAIT = new DigitCollection(64, "", Duration.ofHours(1), Duration.ofHours(1), true);

    record Settings(boolean warn, Duration noCallTone) {
    }

    private final ApplicationLeg leg;
    private final CallControl calls;
    private final Settings settings;

    Barge(ApplicationLeg leg, CallControl calls, Settings settings) {
        this.leg = leg;
        this.calls = calls;
        this.settings = settings;
    }

    CompletionStage<Outcome> run() {
        String target = leg.parameters().get(OperatorDecision.TARGET);
        SessionMix.Mode mode;
        Action action;
        try {
            mode = SessionMix.Mode.valueOf(leg.parameters().getOrDefault(OperatorDecision.MODE, "").toUpperCase(Locale.ROOT));
            action = Action.valueOf(leg.parameters().getOrDefault(OperatorDecision.ACTION, "BARGE").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            mode = null;
            action = null;
        }
        if (target == null || mode == null) {
            return CompletableFuture.completedFuture(Outcome.reject(400, "Bad Request", 21,
                    "operator application needs parameters target and mode (talk, listen, private), got " + leg.parameters(), CallTag.BAD_REQUEST));
        }
        TargetCall call = TargetCall.of(calls.calls(), target, leg.callId()).orElse(null);
        if (call == null) {
            return noCall("operator " + leg.caller() + ": extension " + target + " is in no answered call");
        }
        MediaSession media = calls.media(call.callId()).orElse(null);
        if (media == null) {
            return noCall("operator " + leg.caller() + ": call " + call.callId() + " of " + target + " is not relayed by a media engine");
        }
        Action what = action;
        SessionMix.Mode how = mode;
        return media.mix(leg.endpoint(), mode, call.side(), settings.warn())
                .thenCompose(mix -> joined(mix, call, what, how))
                .exceptionally(e -> failed(e, call));
    }

    private CompletionStage<Outcome> joined(SessionMix mix, TargetCall call, Action action, SessionMix.Mode mode) {
        String note = "operator " + leg.caller() + " " + action.done + (mode == SessionMix.Mode.PRIVATE ? " (the other party held)" : "");
        calls.note(call.callId(), note);
        LOG.info("Call {}: {} on call {} ({} on the {} side, mode {})", leg.callId(), note, call.callId(),
                leg.parameters().get(OperatorDecision.TARGET), call.side(), mode);
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        mix.ended().whenComplete((v, e) -> done.complete(Outcome.proceed())); // the call ended: hang up normally
        stay(mix, done);
        return done;
    }

    /** Waits for the operator to hang up (the collection fails): then the call relays again. Bounded by the call. */
    private void stay(SessionMix mix, CompletableFuture<Outcome> done) {
        leg.collect(WAIT).whenComplete((digits, error) -> {
            if (done.isDone()) {
                return;
            }
            if (error != null) {
                mix.end();
                done.complete(Outcome.proceed());
            } else {
                stay(mix, done);
            }
        });
    }

    private CompletionStage<Outcome> noCall(String text) {
        LOG.info("Call {}: {}", leg.callId(), text);
        return leg.tone(Tone.BUSY, settings.noCallTone())
                .thenApply(v -> Outcome.reject(480, "Temporarily Unavailable", 18, text, CallTag.CALLEE_UNREACHABLE));
    }

    private Outcome failed(Throwable error, TargetCall call) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApplicationLeg.LegGoneException || leg.endpoint().closed()) {
            return Outcome.proceed();
        }
        String text = "operator " + leg.caller() + " could not join call " + call.callId() + ": " + cause.getMessage();
        LOG.warn("Call {}: {}", leg.callId(), text);
        if (cause instanceof MediaException m) {
            int status = m.kind().sipStatus();
            return Outcome.reject(status, status == 488 ? "Not Acceptable Here" : "Service Unavailable", status == 488 ? 65 : 47, text,
                    CallTag.MEDIA_FAILURE);
        }
        return Outcome.reject(500, "Server Internal Error", 41, text, CallTag.SYSTEM);
    }
}
