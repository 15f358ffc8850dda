package org.plugboard.calls.internal;

import java.util.function.Supplier;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;

/**
 * Bounds the time a call may spend being set up before it rings. The ring timer covers a call whose INVITEs went
 * out, the answer timer one whose caller never ACKs; this covers the steps before either is armed: services,
 * routing, a media engine or a directory step whose answer never comes back (an engine lost mid-request, a router
 * gone for good). Past the bound, the caller (who may be long gone after an overload) gets 408/500 and the call
 * ends with its CDR instead of staying live for good. Runs on the call's strand like every call timer.
 */
final class SetupGuard {
    private final Strands strands;
    private final CallTable table;
    private final Releaser releaser;
    private final Supplier<CallsConfig> config;

    SetupGuard(Strands strands, CallTable table, Releaser releaser, Supplier<CallsConfig> config) {
        this.strands = strands;
        this.table = table;
        this.releaser = releaser;
        this.config = config;
    }

    /** Armed once, when the caller was admitted and routing starts; the call's release cancels it. */
    void arm(Call call) {
        int seconds = config.get().setup_timeout();
        if (seconds <= 0 || call.setupGuard != null) {
            return;
        }
        call.setupGuard = strands.later(call.strand, seconds * 1000L, () -> {
            if (stuck(call)) {
                releaser.release(call, Release.recovery(CallTag.SYSTEM, "Call set-up did not complete within " + seconds + " s", null));
            }
        });
    }

    /** Still live, never rang (no ring deadline), never answered, taken or picked up. */
    private boolean stuck(Call call) {
        return !call.released() && table.call(call.id) == call && call.ringDeadline == 0 && !call.taken()
                && call.state != CallState.ANSWERED && call.state != CallState.CONNECTED;
    }
}
