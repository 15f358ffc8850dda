package org.plugboard.ivr.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Tone;

/** A leg as the router sends it: the parameters name the IVR that answers {@code number}. */
final class NumberLeg implements ApplicationLeg {
    private final RecordingLeg leg;
    private final String number;

    NumberLeg(RecordingLeg leg, String number) {
        this.leg = leg;
        this.number = number;
    }

    @Override
    public String callId() {
        return leg.callId();
    }

    @Override
    public String caller() {
        return leg.caller();
    }

    @Override
    public String servedUser() {
        return number;
    }

    @Override
    public org.plugboard.api.media.MediaEndpoint endpoint() {
        return null; // these applications never mix their leg
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    @Override
    public CompletionStage<Void> play(String prompt, boolean interruptibleByDigit) {
        return leg.play(prompt, interruptibleByDigit);
    }

    @Override
    public CompletionStage<String> collect(int maxDigits, String terminators, Duration timeout) {
        return leg.collect(maxDigits, terminators, timeout);
    }

    @Override
    public CompletionStage<Recording> record(Path file, Duration max) {
        return leg.record(file, max);
    }

    @Override
    public CompletionStage<Boolean> playAll(List<String> prompts, boolean interruptibleByDigit) {
        return leg.playAll(prompts, interruptibleByDigit);
    }

    @Override
    public CompletionStage<Void> tone(Tone tone, Duration length) {
        return leg.tone(tone, length);
    }

    @Override
    public CompletionStage<String> collect(DigitCollection collection) {
        return leg.collect(collection);
    }

    @Override
    public CompletionStage<Recording> record(Path file, org.plugboard.api.media.Recording.Options options) {
        return leg.record(file, options);
    }
}
