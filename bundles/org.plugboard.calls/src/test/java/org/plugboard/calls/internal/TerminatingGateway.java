package org.plugboard.calls.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.Tone;

/**
 * A media engine without sockets that also terminates legs: the relay of {@link MemoryMediaGateway} plus endpoints
 * that answer with the engine's address ({@value #ADDRESS}), record what they were asked, complete prompts at once,
 * and hand collections to the test, which completes them with digits (on its own thread, as an engine thread would).
 * With {@link #gate} set, endpoints open only when the test completes it, as a remote engine answers later.
 */
final class TerminatingGateway extends MemoryMediaGateway {
    static final String ADDRESS = "127.0.6.9";
    final List<Leg> legs = Collections.synchronizedList(new ArrayList<>());
    /** Set: {@link #openEndpoint} completes when this does (on the test's thread), or fails with its failure. */
    volatile CompletableFuture<Void> gate;

    TerminatingGateway(String engine) {
        super(engine);
    }

    @Override
    public boolean terminatesLegs() {
        return true;
    }

    @Override
    public MediaEndpoint endpoint(String callId, Side side) {
        Leg leg = new Leg(callId, side);
        legs.add(leg);
        return leg;
    }

    @Override
    public CompletionStage<MediaEndpoint> openEndpoint(String callId, Side side) {
        CompletableFuture<Void> g = gate;
        return g == null ? super.openEndpoint(callId, side) : g.thenApply(v -> endpoint(callId, side));
    }

    /** The one leg; fails unless there is exactly one. */
    Leg leg() {
        if (legs.size() != 1) {
            throw new AssertionError("expected one leg, got " + legs.size());
        }
        return legs.get(0);
    }

    static String sdp(String kind) {
        return "v=0\r\no=plugboard 1 1 IN IP4 " + ADDRESS + "\r\ns=plugboard\r\nc=IN IP4 " + ADDRESS + "\r\nt=0 0\r\n"
                + "m=audio 30000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=" + kind + "\r\n";
    }

    final class Leg implements MediaEndpoint {
        final String callId;
        final Side side;
        /** "answer 127.0.1.11", "play /x.wav", "collect 4" and the like, in order. */
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch closedLatch = new CountDownLatch(1);
        volatile CompletableFuture<Digits> collecting;
        final List<Character> signalled = Collections.synchronizedList(new ArrayList<>());

        Leg(String callId, Side side) {
            this.callId = callId;
            this.side = side;
        }

        /** The test presses digits: the collection running completes with them. */
        void digits(String digits) {
            collecting.complete(new Digits(digits, "#", Digits.Ending.TERMINATOR));
        }

        @Override
        public String id() {
            return "leg-" + callId;
        }

        @Override
        public String answer(String offer, String fromAddress, String toAddress) throws MediaException {
            if (!offer.contains("RTP/AVP 0")) {
                throw new MediaException(MediaException.Kind.NO_USABLE_MEDIA, "no audio line offers PCMU (0) or PCMA (8)");
            }
            calls.add("answer " + fromAddress + (offer.contains("a=sendonly") ? " sendonly" : ""));
            return sdp(offer.contains("a=sendonly") ? "recvonly" : "sendrecv");
        }

        @Override
        public String callId() {
            return callId;
        }

        @Override
        public String offer(String toAddress) {
            calls.add("offer " + toAddress);
            return sdp("sendrecv");
        }

        @Override
        public Side side() {
            return side;
        }

        @Override
        public void answered(String answer, String fromAddress) {
            calls.add("answered " + fromAddress);
        }

        @Override
        public AudioEncoding encoding() {
            return AudioEncoding.PCMU;
        }

        @Override
        public CompletionStage<Playback> play(Path wav, String stopDigits) {
            calls.add("play " + wav + (stopDigits.isEmpty() ? "" : " stop " + stopDigits));
            return CompletableFuture.completedFuture(new Playback(Playback.Ending.COMPLETED, "", Duration.ofSeconds(1)));
        }

        @Override
        public String engine() {
            return engine;
        }

        @Override
        public CompletionStage<Playback> tone(Tone tone, String country, Duration length, String stopDigits) {
            calls.add("tone " + tone + " " + country);
            return CompletableFuture.completedFuture(new Playback(Playback.Ending.COMPLETED, "", length));
        }

        @Override
        public int ptime() {
            return 20;
        }

        @Override
        public CompletionStage<Digits> collect(DigitCollection collection) {
            calls.add("collect " + collection.maxDigits() + " " + collection.terminators());
            collecting = new CompletableFuture<>();
            return collecting;
        }

        @Override
        public CompletionStage<Recording> record(Path wav, Recording.Options options) {
            calls.add("record " + wav + " " + options.max().toSeconds() + " s");
            return CompletableFuture.completedFuture(new Recording(wav, Duration.ofSeconds(3), Recording.Ending.DIGIT, "#"));
        }

        @Override
        public void receivedDigit(char digit) {
            signalled.add(digit);
        }

        @Override
        public void close() {
            calls.add("close");
            CompletableFuture<Digits> c = collecting;
            if (c != null) {
                c.completeExceptionally(new MediaException(MediaException.Kind.NO_SESSION, "endpoint closed"));
            }
            closedLatch.countDown();
        }

        @Override
        public boolean closed() {
            return closedLatch.getCount() == 0;
        }
    }
}
