package org.plugboard.calls.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Tone;

/**
 * The caller's leg as a media application sees it: the engine's {@link MediaEndpoint} behind the
 * {@link ApplicationLeg} API. Every stage completes on the call's strand; a stage that fails because the leg is
 * gone (the caller hung up, the call was released) fails with {@link ApplicationLeg.LegGoneException}. Named
 * prompts ({@code welcome}) are {@code <karaf.etc>/prompts/<language>/<name>.wav}, the language from the parameter
 * {@code language} (default {@code en}, which is also the fallback); tones follow the parameter {@code country}
 * (default {@code us}).
 */
final class CallerApplicationLeg implements ApplicationLeg {
    static final String LANGUAGE = "language";
    static final String DEFAULT_LANGUAGE = "en";
    static final String COUNTRY = "country";
    static final String DEFAULT_COUNTRY = "us";

    private final Call call;
    private final MediaEndpoint endpoint;
    private final String servedUser;
    private final Map<String, String> parameters;
    private final BiConsumer<Call, Runnable> onStrand;
    private final Path prompts;

    CallerApplicationLeg(Call call, MediaEndpoint endpoint, String servedUser, Map<String, String> parameters,
            BiConsumer<Call, Runnable> onStrand, Path prompts) {
        this.call = call;
        this.endpoint = endpoint;
        this.servedUser = servedUser;
        this.parameters = parameters;
        this.onStrand = onStrand;
        this.prompts = prompts;
    }

    @Override
    public String callId() {
        return call.id;
    }

    @Override
    public String caller() {
        return call.caller;
    }

    @Override
    public String servedUser() {
        return servedUser;
    }

    @Override
    public MediaEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, String> parameters() {
        return parameters;
    }

    @Override
    public CompletionStage<Void> play(String prompt, boolean interruptibleByDigit) {
        return onStrand(endpoint.play(resolve(prompt), interruptibleByDigit ? Digits.ALL : "").thenApply(p -> null));
    }

    @Override
    public CompletionStage<Boolean> playAll(List<String> prompts, boolean interruptibleByDigit) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        playFrom(prompts, 0, interruptibleByDigit ? Digits.ALL : "", done);
        return onStrand(done);
    }

    /** One prompt after the other on the engine's thread; a digit that interrupts one ends the sequence. */
    private void playFrom(List<String> prompts, int index, String stopDigits, CompletableFuture<Boolean> done) {
        if (index == prompts.size()) {
            done.complete(false);
            return;
        }
        endpoint.play(resolve(prompts.get(index)), stopDigits).whenComplete((playback, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else if (playback.ending() == Playback.Ending.DIGIT) {
                done.complete(true);
            } else {
                playFrom(prompts, index + 1, stopDigits, done);
            }
        });
    }

    @Override
    public CompletionStage<Void> tone(Tone tone, Duration length) {
        String country = parameters.getOrDefault(COUNTRY, DEFAULT_COUNTRY);
        return onStrand(endpoint.tone(tone, country, length, Digits.ALL).thenApply(p -> null));
    }

    @Override
    public CompletionStage<String> collect(int maxDigits, String terminators, Duration timeout) {
        return collect(new DigitCollection(maxDigits, terminators, timeout, timeout, false));
    }

    @Override
    public CompletionStage<String> collect(DigitCollection collection) {
        return onStrand(endpoint.collect(collection).thenApply(Digits::digits));
    }

    @Override
    public CompletionStage<Recording> record(Path file, Duration max) {
        return record(file, new org.plugboard.api.media.Recording.Options(max, "#", null));
    }

    @Override
    public CompletionStage<Recording> record(Path file, org.plugboard.api.media.Recording.Options options) {
        return onStrand(endpoint.record(file, options).thenApply(r -> new Recording(r.file(), r.length(),
                r.digit().isEmpty() ? r.ending().name().toLowerCase(Locale.ROOT) : "digit " + r.digit())));
    }

    /** A prompt name or a file: a bare name is a system prompt in the leg's language, else English. */
    Path resolve(String prompt) {
        if (prompt.endsWith(".wav") || prompt.contains("/")) {
            return Path.of(prompt);
        }
        String language = parameters.getOrDefault(LANGUAGE, DEFAULT_LANGUAGE);
        Path file = prompts.resolve(language).resolve(prompt + ".wav");
        return Files.exists(file) ? file : prompts.resolve(DEFAULT_LANGUAGE).resolve(prompt + ".wav");
    }

    /** The stage's outcome, delivered on the call's strand; a leg that is gone fails with LegGoneException. */
    private <T> CompletionStage<T> onStrand(CompletionStage<T> stage) {
        CompletableFuture<T> out = new CompletableFuture<>();
        stage.whenComplete((value, error) -> onStrand.accept(call, () -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                out.complete(value);
            } else if (call.released() || endpoint.closed()
                    || cause instanceof MediaException m && m.kind() == MediaException.Kind.NO_SESSION) {
                out.completeExceptionally(new LegGoneException(call.id));
            } else {
                out.completeExceptionally(cause);
            }
        }));
        return out;
    }
}
