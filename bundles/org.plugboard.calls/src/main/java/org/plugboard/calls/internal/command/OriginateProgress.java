package org.plugboard.calls.internal.command;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.OriginateListener;

/**
 * An originated call's progress as lines for a console: the listener (on the call's strand) only queues them, the
 * command's own thread prints them, so a slow terminal never holds up the call.
 */
final class OriginateProgress implements OriginateListener {
    /** A line to print, and whether it is the outcome (connected or failed). */
    record Line(String text, boolean outcome, boolean failure) {
    }

    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();

    @Override
    public void firstRinging() {
        lines.add(new Line("first party ringing", false, false));
    }

    @Override
    public void firstAnswered() {
        lines.add(new Line("first party answered; calling the second", false, false));
    }

    @Override
    public void secondRinging() {
        lines.add(new Line("second party ringing", false, false));
    }

    @Override
    public void connected(String callId) {
        lines.add(new Line("connected: call " + callId + " is up (pbx:call-list shows it, pbx:call-hangup " + callId + " ends it)", true, false));
    }

    @Override
    public void failed(int party, int status, String reason) {
        lines.add(new Line("failed at the " + (party == 1 ? "first" : "second") + " party: " + status + " " + reason, true, true));
    }

    @Override
    public void ended(CallTag tag) {
        lines.add(new Line("ended: " + tag, true, false));
    }

    /** The next line within {@code max}, or null when none came. */
    Line next(Duration max) throws InterruptedException {
        return lines.poll(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS);
    }
}
