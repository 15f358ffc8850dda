package org.plugboard.dnd.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;

/**
 * The live calls as this bundle counts them, per extension and direction. A call counts for its caller once it
 * passed the caller's check (or rang), and for its callee once it passed the callee's check (or rang); a
 * forwarded call moves to its new callee. The check and the count it takes happen in one short critical section
 * ({@link #originate}, {@link #terminate}), so two calls decided at the same moment on two strands can never both
 * take an extension's last slot. Call events keep the states current; {@link #reconcile} seeds the counts from the
 * B2BUA's snapshots (after an install or update of this bundle) and heals events that were missed.
 *
 * <p>Counting walks the live calls (a few hundred at most on a PBX this size): microseconds under the lock.
 */
final class LiveCalls {
    /** What an extension has now, the call being decided left out. */
    record Usage(int in, int out, boolean engaged) {
        static final Usage NONE = new Usage(0, 0, false);
    }

    private static final class Entry {
        String caller;
        boolean callerCounted;
        /** The caller's side counts as the extension's outgoing call; false once a party that was called stands there. */
        boolean callerOut = true;
        String callee;
        boolean calleeCounted;
        boolean answered;
        final long since;

        Entry(String caller, String callee, long since) {
            this.caller = caller;
            this.callee = callee;
            this.since = since;
        }
    }

    private final Map<String, Entry> calls = new HashMap<>();
    /** Calls released recently, so a snapshot read before their release does not bring them back. */
    private final Map<String, Long> released = new HashMap<>();

    /** A new call (its caller is authenticated, its number routed): it counts for nobody yet. */
    synchronized void created(String id, String caller, String callee, long now) {
        calls.putIfAbsent(id, new Entry(caller, callee, now));
    }

    /**
     * The caller's check: {@code decide} sees the caller's usage without this call and answers null to let the call
     * go on, which counts it as the caller's outgoing call, or its refusal.
     */
    synchronized <T> T originate(String id, String caller, long now, Function<Usage, T> decide) {
        T refusal = decide.apply(usage(caller, id));
        if (refusal == null) {
            Entry e = entry(id, caller, null, now);
            e.caller = caller;
            e.callerCounted = true;
        }
        return refusal;
    }

    /**
     * The callee's check, the same way: null counts the call as the callee's incoming call (and no longer for the
     * callee it was forwarded away from).
     */
    synchronized <T> T terminate(String id, String callee, long now, Function<Usage, T> decide) {
        T refusal = decide.apply(usage(callee, id));
        if (refusal == null) {
            Entry e = entry(id, null, callee, now);
            e.callee = callee;
            e.calleeCounted = true;
        }
        return refusal;
    }

    /** The call rings or was answered: it counts for both parties, whatever checks ran. */
    synchronized void progressed(String id, String caller, String callee, boolean answered, long now) {
        Entry e = entry(id, caller, callee, now);
        e.callerCounted = true;
        if (callee != null) {
            e.callee = callee;
        }
        e.calleeCounted = e.callee != null;
        e.answered |= answered;
    }

    /**
     * The call was answered, or a party replaced (a transfer): it counts for the party on each side now. The callee's
     * side is an incoming call of whoever stands there; the caller's side an outgoing one while the caller is there,
     * and an incoming one of the target a caller transferred it to (its phone was called). A transferor that left no
     * longer counts.
     */
    synchronized void answered(CallInfo call, long now) {
        LegInfo calling = call.party(Side.CALLER);
        LegInfo called = call.party(Side.CALLEE);
        Entry e = entry(call.id(), call.caller(), call.callee(), now);
        if (calling != null && calling.peer() != null) {
            e.caller = calling.peer();
            e.callerOut = calling.initiator();
        }
        e.callee = called != null && called.peer() != null ? called.peer() : callee(call);
        e.callerCounted = e.caller != null;
        e.calleeCounted = e.callee != null;
        e.answered = true;
    }

    synchronized void released(String id, long now) {
        calls.remove(id);
        released.put(id, now);
    }

    synchronized Usage usage(String extension) {
        return usage(extension, null);
    }

    synchronized int size() {
        return calls.size();
    }

    /**
     * Brings the counts in line with the B2BUA's live calls: a call it has that is not counted here is counted for
     * both parties (its events were missed: this bundle was installed or updated under it); a call counted here that
     * it no longer has is dropped (its release was missed), unless this bundle heard of it less than {@code graceMillis}
     * ago (its snapshot may not be published yet).
     *
     * @return how many calls were added and dropped
     */
    synchronized int reconcile(Collection<CallInfo> live, long now, long graceMillis) {
        long before = now - graceMillis;
        int changes = 0;
        Set<String> ids = new HashSet<>();
        for (CallInfo c : live) {
            ids.add(c.id());
            if (c.state() == CallState.RELEASED || released.containsKey(c.id())) {
                continue;
            }
            boolean answered = c.state() == CallState.ANSWERED || c.state() == CallState.CONNECTED;
            boolean known = calls.containsKey(c.id());
            if (!known) {
                changes++;
            }
            if (answered) {
                answered(c, now);
            } else if (!known) {
                progressed(c.id(), c.caller(), callee(c), false, now);
            }
        }
        for (Iterator<Map.Entry<String, Entry>> it = calls.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Entry> e = it.next();
            if (!ids.contains(e.getKey()) && e.getValue().since < before) {
                it.remove();
                changes++;
            }
        }
        released.values().removeIf(t -> t < before);
        return changes;
    }

    /**
     * Who has the call at the callee's end: the party there (the member of a ring group that answered, which
     * {@link CallInfo#callee()}, the group's number, does not name; the extension that picked it up), else the
     * number the call is for.
     */
    static String callee(CallInfo c) {
        LegInfo party = c.party(Side.CALLEE);
        return party != null && party.peer() != null ? party.peer() : c.callee();
    }

    private Entry entry(String id, String caller, String callee, long now) {
        return calls.computeIfAbsent(id, k -> new Entry(caller, callee, now));
    }

    private Usage usage(String ext, String leaveOut) {
        int[] inOut = {0, 0};
        boolean engaged = false;
        for (Map.Entry<String, Entry> me : calls.entrySet()) {
            if (me.getKey().equals(leaveOut)) {
                continue;
            }
            Entry e = me.getValue();
            if (e.callerCounted && ext.equals(e.caller)) {
                engaged |= count(inOut, e.callerOut, e.answered);
            }
            if (e.calleeCounted && ext.equals(e.callee)) {
                engaged |= count(inOut, false, e.answered); // the call came in to whoever stands there (even by pickup)
            }
        }
        return inOut[0] == 0 && inOut[1] == 0 ? Usage.NONE : new Usage(inOut[0], inOut[1], engaged);
    }

    /** Counts one side of a call into {in, out}; true when it engages the extension (ringing out or talking, as a commercial PBX counts). */
    private static boolean count(int[] counts, boolean outgoing, boolean answered) {
        counts[outgoing ? 1 : 0]++;
        return outgoing || answered;
    }
}
