package org.plugboard.conference.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.Tone;

/** An engine endpoint that only has an id, an engine and a closed flag: the room handles it, the leg plays on it. */
final class TestEndpoint implements MediaEndpoint {
    private final String id;
    private final String callId;
    private final String engine;
    private volatile boolean closed;

    TestEndpoint(String id, String callId, String engine) {
        this.id = id;
        this.callId = callId;
        this.engine = engine;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public Side side() {
        return Side.CALLER;
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public boolean closed() {
        return closed;
    }

    @Override
    public String answer(String offer, String fromAddress, String toAddress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String offer(String toAddress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void answered(String answer, String fromAddress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AudioEncoding encoding() {
        return null;
    }

    @Override
    public int ptime() {
        return 20;
    }

    @Override
    public CompletionStage<Playback> play(Path wav, String stopDigits) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Playback> tone(Tone tone, String country, Duration length, String stopDigits) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Digits> collect(DigitCollection collection) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<Recording> record(Path wav, Recording.Options options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void receivedDigit(char digit) {
        throw new UnsupportedOperationException();
    }
}
