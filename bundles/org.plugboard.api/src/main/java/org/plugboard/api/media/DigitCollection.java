package org.plugboard.api.media;

import java.time.Duration;

/**
 * How {@link MediaEndpoint#collect} gathers digits. Since 1.2.
 *
 * @param maxDigits         digits to collect at most, 1-64; reaching it ends the collection
 * @param terminators       digits that end the collection early (e.g. {@code "#"}), not part of the result; may be
 *                          empty
 * @param firstDigitTimeout how long to wait for the first digit
 * @param interDigitTimeout how long to wait for each further digit
 * @param flush             discard digits typed ahead (pressed before this collection started); otherwise they
 *                          count, including a digit that interrupted a prompt
 */
public record DigitCollection(int maxDigits, String terminators, Duration firstDigitTimeout,
        Duration interDigitTimeout, boolean flush) {
    public DigitCollection {
        if (maxDigits < 1 || maxDigits > 64) {
            throw new IllegalArgumentException("maxDigits must be 1-64, not " + maxDigits);
        }
        terminators = terminators == null ? "" : terminators;
        if (!Digits.valid(terminators)) {
            throw new IllegalArgumentException("terminators may only hold 0-9, *, #, A-D: '" + terminators + "'");
        }
        if (firstDigitTimeout == null || firstDigitTimeout.isNegative() || firstDigitTimeout.isZero()
                || interDigitTimeout == null || interDigitTimeout.isNegative() || interDigitTimeout.isZero()) {
            throw new IllegalArgumentException("both timeouts must be positive");
        }
    }

    /** Up to {@code maxDigits}, ended by {@code #}, 5 s for the first digit and 3 s between digits, type-ahead kept. */
    public static DigitCollection of(int maxDigits) {
        return new DigitCollection(maxDigits, "#", Duration.ofSeconds(5), Duration.ofSeconds(3), false);
    }
}
