package org.plugboard.conference.internal;

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
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.Tone;

/**
 * A caller's leg for tests: records what the application does with it ({@link #done}), answers digit collections
 * from a script, keeps the open-ended collection a room member waits with pending until {@link #hangUp}, which fails
 * it (and everything after) with {@link LegGoneException}, as the PBX's leg does.
 */
final class ScriptedLeg implements ApplicationLeg {
    final List<String> done = new ArrayList<>();
    private final Deque<String> digits = new ArrayDeque<>();
    private final String callId;
    private final String caller;
    private final Map<String, String> parameters;
    final TestEndpoint endpoint;
    private CompletableFuture<String> waiting;
    private boolean gone;

    ScriptedLeg(String callId, String caller, Map<String, String> parameters, String engine) {
        this.callId = callId;
        this.caller = caller;
        this.parameters = parameters;
        this.endpoint = new TestEndpoint("ep-" + callId, callId, engine);
    }

    /** What the next collections return, in order. */
    ScriptedLeg typing(String... entries) {
        digits.addAll(List.of(entries));
        return this;
    }

    /** The caller hangs up: the pending collection fails, the endpoint closes. */
    void hangUp() {
        gone = true;
        endpoint.close();
        if (waiting != null) {
            waiting.completeExceptionally(new LegGoneException(callId));
        }
    }

    /** True while the application waits on an open-ended collection (a member in the room). */
    boolean waiting() {
        return waiting != null && !waiting.isDone();
    }

    private <T> CompletionStage<T> op(String what, T value) {
        done.add(what);
        return gone ? CompletableFuture.failedFuture(new LegGoneException(callId)) : CompletableFuture.completedFuture(value);
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String caller() {
        return caller;
    }

    @Override
    public String servedUser() {
        return parameters.getOrDefault("room", "?");
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public MediaEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public CompletionStage<Void> play(String prompt, boolean interruptibleByDigit) {
        return op("play " + prompt, null);
    }

    @Override
    public CompletionStage<Boolean> playAll(List<String> prompts, boolean interruptibleByDigit) {
        return op("play " + prompts, false);
    }

    @Override
    public CompletionStage<Void> tone(Tone tone, Duration length) {
        return op("tone " + tone + " " + length.toMillis() + "ms", null);
    }

    @Override
    public CompletionStage<String> collect(int maxDigits, String terminators, Duration timeout) {
        return collect(new DigitCollection(maxDigits, terminators, timeout, timeout, false));
    }

    @Override
    public CompletionStage<String> collect(DigitCollection collection) {
        if (collection.firstDigitTimeout().toMinutes() >= 60) { // the member's wait: open until the caller hangs up
            done.add("wait");
            waiting = new CompletableFuture<>();
            if (gone) {
                waiting.completeExceptionally(new LegGoneException(callId));
            }
            return waiting;
        }
        if (digits.isEmpty()) {
            throw new AssertionError("the application collects digits the test did not script; so far: " + done);
        }
        return op("collect", digits.poll());
    }

    @Override
    public CompletionStage<Recording> record(Path file, Duration max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Recording> record(Path file, org.plugboard.api.media.Recording.Options options) {
        throw new UnsupportedOperationException();
    }
}
