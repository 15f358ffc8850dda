package org.plugboard.ivr.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Tone;

/**
 * An {@link ApplicationLeg} that records what the IVR did ("play welcome", "collect 1 # 5s 3s") and answers each
 * collect with the next scripted input ("" is a timeout). With {@link #holdCollects} a collect stays pending until
 * {@link #type} completes it, as a caller thinking would.
 */
final class RecordingLeg implements ApplicationLeg {
    final List<String> events = new ArrayList<>();
    private final Deque<String> inputs = new ArrayDeque<>();
    private final Map<String, String> parameters;
    private boolean hold;
    private boolean gone;
    private CompletableFuture<String> pending;

    RecordingLeg(Map<String, String> parameters, String... inputs) {
        this.parameters = parameters;
        this.inputs.addAll(List.of(inputs));
    }

    RecordingLeg(String... inputs) {
        this(Map.of(), inputs);
    }

    RecordingLeg holdCollects() {
        hold = true;
        return this;
    }

    /** The caller hangs up: every later stage fails as the real leg's do. */
    RecordingLeg hangUp() {
        gone = true;
        if (pending != null) {
            pending.completeExceptionally(new LegGoneException(callId()));
        }
        return this;
    }

    void type(String digits) {
        CompletableFuture<String> p = pending;
        pending = null;
        p.complete(digits);
    }

    boolean waiting() {
        return pending != null && !pending.isDone();
    }

    @Override
    public String callId() {
        return "call-1";
    }

    @Override
    public String caller() {
        return "1002";
    }

    @Override
    public String servedUser() {
        return "500";
    }

    @Override
    public org.plugboard.api.media.MediaEndpoint endpoint() {
        return null; // these applications never mix their leg
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    private <T> CompletionStage<T> done(T value) {
        return gone ? CompletableFuture.failedFuture(new LegGoneException(callId())) : CompletableFuture.completedFuture(value);
    }

    @Override
    public CompletionStage<Void> play(String prompt, boolean interruptibleByDigit) {
        events.add("play " + prompt + (interruptibleByDigit ? "" : " (no barge-in)"));
        return done(null);
    }

    @Override
    public CompletionStage<Boolean> playAll(List<String> prompts, boolean interruptibleByDigit) {
        events.add("play " + String.join(",", prompts));
        return done(false);
    }

    @Override
    public CompletionStage<Void> tone(Tone tone, Duration length) {
        events.add("tone " + tone);
        return done(null);
    }

    @Override
    public CompletionStage<String> collect(int maxDigits, String terminators, Duration timeout) {
        return collect(new DigitCollection(maxDigits, terminators, timeout, timeout, false));
    }

    @Override
    public CompletionStage<String> collect(DigitCollection c) {
        events.add("collect " + c.maxDigits() + " " + c.terminators() + " " + c.firstDigitTimeout().toSeconds() + "s "
                + c.interDigitTimeout().toSeconds() + "s");
        if (gone) {
            return CompletableFuture.failedFuture(new LegGoneException(callId()));
        }
        if (hold) {
            pending = new CompletableFuture<>();
            return pending;
        }
        return CompletableFuture.completedFuture(inputs.isEmpty() ? "" : inputs.poll());
    }

    @Override
    public CompletionStage<Recording> record(Path file, Duration max) {
        throw new UnsupportedOperationException("an IVR does not record");
    }

    @Override
    public CompletionStage<Recording> record(Path file, org.plugboard.api.media.Recording.Options options) {
        throw new UnsupportedOperationException("an IVR does not record");
    }
}
