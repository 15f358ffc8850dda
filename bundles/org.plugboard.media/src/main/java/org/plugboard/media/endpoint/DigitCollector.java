package org.plugboard.media.endpoint;

import java.util.concurrent.CompletableFuture;

import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.Digits.Ending;

/**
 * One {@link DigitCollection} on a leg: digits in, the first-digit timer then an inter-digit timer after each digit,
 * ending on the maximum, a terminator or a timeout. Loop-confined; the timers are a port, so tests drive them with a
 * manual clock.
 */
final class DigitCollector {
    private final DigitCollection spec;
    private final Timers timers;
    private final CompletableFuture<Digits> done;
    private final StringBuilder digits = new StringBuilder();
    private Timers.Timer timer;

    DigitCollector(DigitCollection spec, Timers timers, CompletableFuture<Digits> done) {
        this.spec = spec;
        this.timers = timers;
        this.done = done;
    }

    /** Starts the first-digit timer (after the type-ahead digits were given to {@link #digit}). */
    void start() {
        if (!done.isDone()) {
            arm();
        }
    }

    /** A digit for this collection; false once it has ended (the digit is not taken). */
    boolean digit(char d) {
        if (done.isDone()) {
            return false;
        }
        if (spec.terminators().indexOf(d) >= 0) {
            finish(Ending.TERMINATOR, String.valueOf(d));
            return true;
        }
        digits.append(d);
        if (digits.length() >= spec.maxDigits()) {
            finish(Ending.MAX_DIGITS, "");
        } else if (timer != null) {
            arm();
        }
        return true;
    }

    boolean ended() {
        return done.isDone();
    }

    DigitCollection spec() {
        return spec;
    }

    /** The digits taken so far (a bundle update carries them to the next version's collector). */
    String digitsSoFar() {
        return digits.toString();
    }

    /** Stops the timer (the leg closed or the stage was cancelled). */
    void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void arm() {
        if (timer != null) {
            timer.cancel();
        }
        long millis = (digits.length() == 0 ? spec.firstDigitTimeout() : spec.interDigitTimeout()).toMillis();
        timer = timers.after(millis, () -> finish(digits.length() == 0 ? Ending.NO_INPUT : Ending.INTER_DIGIT_TIMEOUT, ""));
    }

    private void finish(Ending ending, String terminator) {
        cancel();
        done.complete(new Digits(digits.toString(), terminator, ending));
    }
}
