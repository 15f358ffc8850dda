package org.plugboard.voicemail.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A recording leg: every prompt, tone and recording goes to {@link #heard} in order; collections take the next
 * scripted answer ("" when the script is out: a timeout). A recording writes a real WAV file of
 * {@link #recordLength} (capped by the options' maximum); {@link #hangUpInRecording} makes the caller hang up during
 * it (the file stays, as the engine keeps what came before), after which every stage fails as the leg is gone.
 */
final class FakeLeg implements ApplicationLeg {
    final List<String> heard = new ArrayList<>();
    final Deque<String> typed = new ArrayDeque<>();
    final Map<String, String> parameters;
    final String caller;
    Duration recordLength = Duration.ofSeconds(3);
    boolean hangUpInRecording;
    private boolean gone;

    FakeLeg(String caller, Map<String, String> parameters, String... typed) {
        this.caller = caller;
        this.parameters = parameters;
        this.typed.addAll(List.of(typed));
    }

    @Override
    public String callId() {
        return "c1";
    }

    @Override
    public String caller() {
        return caller;
    }

    @Override
    public String servedUser() {
        return "*97";
    }

    @Override
    public org.plugboard.api.media.MediaEndpoint endpoint() {
        return null; // these applications never mix their leg
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public CompletionStage<Void> play(String prompt, boolean interruptibleByDigit) {
        return step(() -> {
            heard.add(prompt);
            return null;
        });
    }

    @Override
    public CompletionStage<Boolean> playAll(List<String> prompts, boolean interruptibleByDigit) {
        return step(() -> {
            heard.addAll(prompts);
            return false;
        });
    }

    @Override
    public CompletionStage<Void> tone(Tone tone, Duration length) {
        return step(() -> {
            heard.add("tone:" + tone);
            return null;
        });
    }

    @Override
    public CompletionStage<String> collect(int maxDigits, String terminators, Duration timeout) {
        return collect(new DigitCollection(maxDigits, terminators, timeout, timeout, false));
    }

    @Override
    public CompletionStage<String> collect(DigitCollection collection) {
        return step(() -> {
            String d = typed.isEmpty() ? "" : typed.poll();
            heard.add("collect:" + d);
            return d;
        });
    }

    @Override
    public CompletionStage<Recording> record(Path file, Duration max) {
        return record(file, new org.plugboard.api.media.Recording.Options(max, "#", null));
    }

    @Override
    public CompletionStage<Recording> record(Path file, org.plugboard.api.media.Recording.Options options) {
        return step(() -> {
            Duration length = recordLength.compareTo(options.max()) > 0 ? options.max() : recordLength;
            heard.add("record:" + file.getFileName() + ":" + options.max().toSeconds());
            try {
                Wavs.writeTone(file, 1000, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (hangUpInRecording) {
                gone = true;
                throw new LegGoneException(callId());
            }
            return new Recording(file, length, "digit #");
        });
    }

    private interface Op<T> {
        T run();
    }

    private <T> CompletionStage<T> step(Op<T> op) {
        if (gone) {
            return CompletableFuture.failedFuture(new LegGoneException(callId()));
        }
        try {
            return CompletableFuture.completedFuture(op.run());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
