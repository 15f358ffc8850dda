package org.plugboard.operator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.Beep;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.Tone;
import org.plugboard.api.service.Outcome;

class BargeTest {
    private static final Barge.Settings SETTINGS = new Barge.Settings(true, Duration.ofMillis(1500));

    /** The B2BUA's view: calls, their media sessions, the notes added to their records. */
    private final List<CallInfo> calls = new ArrayList<>();
    private final Map<String, MediaSession> media = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final CallControl control = new CallControl() {
        @Override
        public List<CallInfo> calls() {
            return List.copyOf(calls);
        }

        @Override
        public Optional<CallInfo> call(String id) {
            return calls.stream().filter(c -> c.id().equals(id)).findFirst();
        }

        @Override
        public boolean hangup(String id, CallTag tag) {
            return false;
        }

        @Override
        public Optional<MediaSession> media(String id) {
            return Optional.ofNullable(media.get(id));
        }

        @Override
        public boolean note(String id, String text) {
            return notes.add(id + ": " + text);
        }
    };

    /** What the session was asked to mix, and the mix it gives (or the failure). */
    private final List<String> mixed = new ArrayList<>();
    private CompletionStage<SessionMix> mixResult;
    private final TestMix mix = new TestMix();

    private final OperatorLeg leg = new OperatorLeg();

    private MediaSession session(String callId) {
        return (MediaSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MediaSession.class}, (p, m, a) -> {
            if (m.getName().equals("mix")) {
                mixed.add(((MediaEndpoint) a[0]).id() + " " + a[1] + " " + a[2] + " warn=" + a[3]);
                return mixResult;
            }
            if (m.getName().equals("callId")) {
                return callId;
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    private CompletableFuture<Outcome> run(String target, String mode, String action) {
        leg.parameters.putAll(Map.of("target", target, "mode", mode, "action", action));
        return new Barge(leg, control, SETTINGS).run().toCompletableFuture();
    }

    private void oneCall() {
        calls.add(Calls.call("k1", "1001", "1002", CallState.CONNECTED));
        media.put("k1", session("k1"));
        mixResult = CompletableFuture.completedFuture(mix);
    }

    @Test
    void bargeInMixesTheOperatorForTheTargetsSideNotesItAndEndsTheMixWhenTheOperatorHangsUp() {
        oneCall();
        CompletableFuture<Outcome> out = run("1002", "TALK", "BARGE");

        assertEquals(List.of("ep-op TALK CALLEE warn=true"), mixed);
        assertEquals(List.of("k1: operator 100 barged in"), notes);
        assertFalse(out.isDone());
        assertEquals(0, mix.ends);

        leg.hangUp();
        assertEquals(Outcome.proceed(), out.join());
        assertEquals(1, mix.ends);
    }

    @Test
    void listenOnTheCallersSideAndTheOperatorIsHungUpNormallyWhenTheCallEnds() {
        oneCall();
        CompletableFuture<Outcome> out = run("1001", "LISTEN", "LISTEN");

        assertEquals(List.of("ep-op LISTEN CALLER warn=true"), mixed);
        assertEquals(List.of("k1: operator 100 listened"), notes);
        mix.ended.complete(null); // the parties hung up
        assertEquals(Outcome.proceed(), out.join());
        assertEquals(0, mix.ends);
    }

    @Test
    void overrideWithHoldIsAPrivateMixAndSaysSo() {
        oneCall();
        run("1002", "PRIVATE", "OVERRIDE");
        assertEquals(List.of("ep-op PRIVATE CALLEE warn=true"), mixed);
        assertEquals(List.of("k1: operator 100 overrode (the other party held)"), notes);
    }

    @Test
    void noAnsweredCallIsTheBusyToneThen480() {
        calls.add(Calls.call("k1", "1001", "1002", CallState.RINGING));
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, run("1002", "TALK", "BARGE").join());
        assertEquals(480, r.status());
        assertEquals(CallTag.CALLEE_UNREACHABLE, r.tag());
        assertEquals("operator 100: extension 1002 is in no answered call", r.text());
        assertEquals(List.of("tone BUSY 1500ms"), leg.done);
        assertEquals(List.of(), notes);
    }

    @Test
    void aCallWithoutEngineMediaIs480() {
        calls.add(Calls.call("k1", "1001", "1002", CallState.CONNECTED));
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, run("1002", "TALK", "BARGE").join());
        assertEquals(480, r.status());
        assertTrue(r.text().contains("not relayed by a media engine"), r.text());
    }

    @Test
    void anEngineThatCannotMixTheCallsCodecIs488() {
        oneCall();
        mixResult = CompletableFuture.failedFuture(new MediaException(MediaException.Kind.NO_USABLE_MEDIA, "the call speaks G.722"));
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, run("1002", "TALK", "BARGE").join());
        assertEquals(488, r.status());
        assertEquals(CallTag.MEDIA_FAILURE, r.tag());
        assertEquals("operator 100 could not join call k1: the call speaks G.722", r.text());
        assertEquals(List.of(), notes);
    }

    @Test
    void missingParametersAre400() {
        Outcome.Reject r = assertInstanceOf(Outcome.Reject.class, new Barge(leg, control, SETTINGS).run().toCompletableFuture().join());
        assertEquals(400, r.status());
    }

    private static final class TestMix implements SessionMix {
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        int ends;

        @Override
        public Side party() {
            return Side.CALLEE;
        }

        @Override
        public String endpointId() {
            return "ep-op";
        }

        @Override
        public Mode mode() {
            return Mode.TALK;
        }

        @Override
        public void mode(Mode mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beep(Beep beep) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Void> ended() {
            return ended;
        }

        @Override
        public void end() {
            ends++;
            ended.complete(null);
        }
    }

    /** The operator's leg (caller 100): tones complete at once, the wait stays open until {@link #hangUp}. */
    private static final class OperatorLeg implements ApplicationLeg {
        final Map<String, String> parameters = new HashMap<>();
        final List<String> done = new ArrayList<>();
        private final CompletableFuture<String> waiting = new CompletableFuture<>();
        private boolean closed;
        private final MediaEndpoint endpoint = (MediaEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MediaEndpoint.class}, (p, m, a) -> switch (m.getName()) {
                    case "id" -> "ep-op";
                    case "engine" -> "local";
                    case "closed" -> closed;
                    default -> throw new UnsupportedOperationException(m.getName());
                });

        void hangUp() {
            closed = true;
            waiting.completeExceptionally(new LegGoneException("op"));
        }

        @Override
        public String callId() {
            return "op";
        }

        @Override
        public String caller() {
            return "100";
        }

        @Override
        public String servedUser() {
            return "100";
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
        public CompletionStage<Void> tone(Tone tone, Duration length) {
            done.add("tone " + tone + " " + length.toMillis() + "ms");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<String> collect(DigitCollection collection) {
            done.add("wait");
            return waiting;
        }

        @Override
        public CompletionStage<Void> play(String prompt, boolean interruptibleByDigit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<String> collect(int maxDigits, String terminators, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Recording> record(Path file, Duration max) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Boolean> playAll(List<String> prompts, boolean interruptibleByDigit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Recording> record(Path file, org.plugboard.api.media.Recording.Options options) {
            throw new UnsupportedOperationException();
        }
    }
}
