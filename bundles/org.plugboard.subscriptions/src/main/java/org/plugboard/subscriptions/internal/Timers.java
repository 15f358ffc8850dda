package org.plugboard.subscriptions.internal;

/** Runs a task later on the layer's thread; returns a handle that cancels it. */
interface Timers {
    Runnable schedule(Runnable task, long delayMillis);
}
