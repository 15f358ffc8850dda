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
            if (!calls.containsKey(c.id())) {
                changes++;
                progressed(c.id(), c.caller(), callee(c), answered, now);
            } else if (answered) {
                progressed(c.id(), c.caller(), callee(c), true, now);
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
     * Who has the call at the callee's end: the extension of the callee leg that answered (a ring group's member,
     * which {@link CallInfo#callee()}, the group's number, does not name), else the number the call is for.
     */
    static String callee(CallInfo c) {
        for (LegInfo leg : c.legs()) {
            if ("callee".equals(leg.role()) && (leg.state() == CallState.ANSWERED || leg.state() == CallState.CONNECTED)
                    && leg.peer() != null) {
                return leg.peer();
            }
        }
        return c.callee();
    }

    private Entry entry(String id, String caller, String callee, long now) {
        return calls.computeIfAbsent(id, k -> new Entry(caller, callee, now));
    }

    private Usage usage(String ext, String leaveOut) {
        int in = 0;
        int out = 0;
        boolean engaged = false;
        for (Map.Entry<String, Entry> me : calls.entrySet()) {
            if (me.getKey().equals(leaveOut)) {
                continue;
            }
            Entry e = me.getValue();
            if (e.calleeCounted && ext.equals(e.callee)) {
                in++;
                engaged |= e.answered;
            }
            if (e.callerCounted && ext.equals(e.caller)) {
                out++;
                engaged = true; // ringing out or talking: a commercial PBX counts both
            }
        }
        return in == 0 && out == 0 ? Usage.NONE : new Usage(in, out, engaged);
    }
}
