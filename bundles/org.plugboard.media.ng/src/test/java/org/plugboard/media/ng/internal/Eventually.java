package org.plugboard.media.ng.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for a condition another thread makes true: a reply handled, a call deleted, a port back. */
final class Eventually {
    private Eventually() {
    }

    static void until(String what, long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + millis + " ms waiting for: " + what);
            }
            Thread.sleep(10); // poll interval, not a guess at how long the effect takes
        }
    }
}
