package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.Digits.Ending;

/** The collection rules with a manual clock: nothing here waits. */
class DigitCollectorTest {
    private final ManualTimers clock = new ManualTimers();
    private final CompletableFuture<Digits> done = new CompletableFuture<>();

    private DigitCollector start(int max, String terminators, int first, int inter) {
        DigitCollector c = new DigitCollector(new DigitCollection(max, terminators, Duration.ofMillis(first),
                Duration.ofMillis(inter), false), clock, done);
        c.start();
        return c;
    }

    @Test
    void endsAtTheMaximum() {
        DigitCollector c = start(3, "#", 5000, 3000);
        "123".chars().forEach(d -> assertTrue(c.digit((char) d)));
        assertEquals(new Digits("123", "", Ending.MAX_DIGITS), done.join());
        assertFalse(c.digit('4'), "ended: the next digit is not taken");
        assertEquals(0, clock.armed(), "no timer left");
    }

    @Test
    void endsOnATerminatorWhichIsNotPartOfTheDigits() {
        DigitCollector c = start(10, "#*", 5000, 3000);
        c.digit('4');
        c.digit('2');
        c.digit('*');
        assertEquals(new Digits("42", "*", Ending.TERMINATOR), done.join());
    }

    @Test
    void theFirstDigitTimeout() {
        start(4, "#", 5000, 3000);
        clock.advance(4999);
        assertFalse(done.isDone());
        clock.advance(1);
        assertEquals(new Digits("", "", Ending.NO_INPUT), done.join());
    }

    @Test
    void theInterDigitTimeoutRestartsWithEachDigit() {
        DigitCollector c = start(4, "#", 5000, 3000);
        clock.advance(4000);
        c.digit('1');
        clock.advance(2999);
        c.digit('2');
        clock.advance(2999);
        assertFalse(done.isDone(), "each digit gives another 3 s; the first-digit timer was replaced");
        clock.advance(1);
        assertEquals(new Digits("12", "", Ending.INTER_DIGIT_TIMEOUT), done.join());
    }

    @Test
    void typedAheadDigitsCountAndTheTimerThatFollowsIsTheInterDigitOne() {
        DigitCollector c = new DigitCollector(DigitCollection.of(4), clock, done);
        c.digit('9'); // before start: the type-ahead
        c.start();
        clock.advance(3000);
        assertEquals(new Digits("9", "", Ending.INTER_DIGIT_TIMEOUT), done.join());
    }

    @Test
    void cancelStopsTheTimer() {
        DigitCollector c = start(4, "#", 5000, 3000);
        c.cancel();
        clock.advance(10_000);
        assertFalse(done.isDone());
    }

    @Test
    void theSpecIsChecked() {
        for (Runnable bad : new Runnable[] {() -> DigitCollection.of(0), () -> DigitCollection.of(65),
                () -> new DigitCollection(4, "x", Duration.ofSeconds(1), Duration.ofSeconds(1), false),
                () -> new DigitCollection(4, "#", Duration.ZERO, Duration.ofSeconds(1), false)}) {
            try {
                bad.run();
                throw new AssertionError("accepted");
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
    }
}
