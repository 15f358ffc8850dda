package org.plugboard.media.mix;

/**
 * Clipping protection for a sum of voices: the identity up to a knee at 3/4 of full scale, then a soft curve that
 * approaches full scale and never reaches past it, so loud inputs are squeezed and never wrap around. Stateless.
 */
final class Limiter {
    static final int KNEE = 24576;
    private static final int ROOM = Short.MAX_VALUE - KNEE;

    private Limiter() {
    }

    /** A 16-bit sample for any int sum. */
    static short limit(int x) {
        if (x > KNEE) {
            long over = x - KNEE;
            return (short) (KNEE + over * ROOM / (over + ROOM));
        }
        if (x < -KNEE) {
            long over = -KNEE - (long) x;
            return (short) -(KNEE + over * ROOM / (over + ROOM));
        }
        return (short) x;
    }
}
