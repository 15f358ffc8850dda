package org.plugboard.calls.internal;

import java.time.Clock;

/**
 * Routers and media applications come and go with their bundles: during a {@code bundle:update} the one that
 * serves a number is away for a fraction of a second. A call that no router takes, or whose media application is
 * missing, while such a service left moments ago, asks again on its strand a little later, for at most
 * {@link #GRACE_MILLIS} after the last departure, instead of being refused: an update refuses no call. A service
 * that stays away (its feature uninstalled) costs the calls of that window the grace, then the refusal they would
 * have had. Written by the B2BUA's reference callbacks, read on strands.
 */
final class ServiceGaps {
    static final long GRACE_MILLIS = 2000;
    static final long RETRY_MILLIS = 50;

    private final Strands strands;
    private final Clock clock;
    private volatile long lastDeparture = Long.MIN_VALUE / 2;

    ServiceGaps(Strands strands, Clock clock) {
        this.strands = strands;
        this.clock = clock;
    }

    /** A router or media application was unregistered (it may be on its way back). */
    void departed() {
        lastDeparture = clock.millis();
    }

    /** Whether a service left less than the grace ago: a refusal for want of it may be premature. */
    boolean open() {
        return clock.millis() - lastDeparture < GRACE_MILLIS;
    }

    /** Runs {@code again} on the call's strand a moment later, unless the call has ended meanwhile. */
    void askAgain(Call call, Runnable again) {
        strands.later(call.strand, RETRY_MILLIS, () -> {
            if (!call.released()) {
                again.run();
            }
        });
    }
}
