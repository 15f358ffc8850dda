package org.plugboard.calls.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.calls.CallEvents;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;

/**
 * What a CDR plugin and a call-event listener see: the events in order (on the strand, so at once here) and the
 * records the CDR writer thread hands to the sink (waited for, never slept for).
 */
final class CollectedCalls implements CallEvents, CdrSink {
    final List<String> events = new ArrayList<>();
    /** Records as listeners hear them, at release time. */
    final List<CallDetailRecord> released = new ArrayList<>();
    private final LinkedBlockingQueue<CallDetailRecord> written = new LinkedBlockingQueue<>();

    @Override
    public void created(CallInfo call) {
        events.add("created");
    }

    @Override
    public void ringing(CallInfo call) {
        events.add("ringing");
    }

    @Override
    public void answered(CallInfo call) {
        events.add("answered");
    }

    /** Snapshots of the call as the last party replacement told it. */
    final List<CallInfo> replaced = new ArrayList<>();

    @Override
    public void partyReplaced(CallInfo call, org.plugboard.api.calls.LegInfo left, org.plugboard.api.calls.LegInfo joined) {
        events.add("partyReplaced " + left.peer() + " by " + joined.peer() + " on " + joined.side());
        replaced.add(call);
    }

    @Override
    public void released(CallInfo call, CallDetailRecord record) {
        events.add("released");
        released.add(record);
    }

    @Override
    public void write(CallDetailRecord record) {
        written.add(record);
    }

    /** The one record released so far; fails unless there is exactly one. */
    CallDetailRecord cdr() {
        if (released.size() != 1) {
            throw new AssertionError("expected one released call, got " + released);
        }
        return released.get(0);
    }

    /** The next record the CDR writer hands to the sink, waiting for it at most {@code max}. */
    CallDetailRecord nextWritten(Duration max) throws InterruptedException {
        CallDetailRecord r = written.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no CDR reached the sink within " + max);
        }
        return r;
    }
}
