package org.plugboard.blf.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;

/**
 * The dialogs of every extension, kept from the B2BUA's call snapshots (RFC 4235 seen per extension): the caller leg
 * is the calling extension's dialog (initiator), each callee leg to a device the called extension's (recipient); before
 * any device is called, the called extension has one dialog in state trying. A dialog that ends is shown terminated
 * (with the reason when known) until the extension's next change, then dropped: an idle extension has no dialog.
 * <p>
 * Not thread-safe: one thread (the package's executor) updates it; {@link #dialogs} reads immutable snapshots from
 * any thread.
 */
final class DialogStates {
    /** Who is an extension, and its display name: null for a number that is none. */
    interface Extensions {
        String nameOf(String number);
    }

    /** A call seen but absent from the B2BUA's list for this long is taken as ended (its release was not heard). */
    static final long FORGET_AFTER_MILLIS = 5_000;
    private static final int REMEMBER_RELEASED = 10_000;

    private static final class CallDialogs {
        Map<String, List<DialogEntry>> live = Map.of();
        final Set<String> finished = new HashSet<>();
        long updatedAt;
    }

    private final Extensions extensions;
    private final LongSupplier clock;
    private final Map<String, CallDialogs> calls = new LinkedHashMap<>();
    /** Per extension: dialogs that ended at its last change. */
    private final Map<String, List<DialogEntry>> ended = new HashMap<>();
    /** Recently released calls: a late snapshot of one must not bring it back. */
    private final Set<String> released = new LinkedHashSet<>();
    private final Map<String, List<DialogEntry>> published = new ConcurrentHashMap<>();

    DialogStates(Extensions extensions, LongSupplier clock) {
        this.extensions = extensions;
        this.clock = clock;
    }

    /** The extension's dialogs now; empty when it is idle. */
    List<DialogEntry> dialogs(String extension) {
        return published.getOrDefault(extension, List.of());
    }

    /** The call's snapshot after an event (created, ringing, answered). @return the extensions whose dialogs changed */
    Set<String> update(CallInfo call) {
        if (call.state() == CallState.RELEASED || released.contains(call.id())) {
            return Set.of();
        }
        CallDialogs rec = calls.computeIfAbsent(call.id(), k -> new CallDialogs());
        rec.updatedAt = clock.getAsLong();
        Map<String, List<DialogEntry>> now = new LinkedHashMap<>();
        Map<String, List<DialogEntry>> endedNow = new LinkedHashMap<>();
        for (Map.Entry<String, List<DialogEntry>> e : dialogsOf(call).entrySet()) {
            for (DialogEntry d : e.getValue()) {
                if (!d.ended()) {
                    add(now, e.getKey(), d);
                } else if (rec.finished.add(d.id())) {
                    // reported once; a dialog that was up and left (a transferor) was not cancelled
                    add(endedNow, e.getKey(), wasUp(rec, e.getKey(), d.id()) ? d.terminated(null) : d);
                }
            }
        }
        // gone from the call (forwarded elsewhere): ended; but replaced by its own device legs: just dropped
        for (Map.Entry<String, List<DialogEntry>> e : rec.live.entrySet()) {
            if (!now.containsKey(e.getKey()) && !endedNow.containsKey(e.getKey())) {
                for (DialogEntry d : e.getValue()) {
                    if (rec.finished.add(d.id())) {
                        add(endedNow, e.getKey(), d.terminated(null));
                    }
                }
            }
        }
        return commit(call.id(), rec, now, endedNow, false);
    }

    private static boolean wasUp(CallDialogs rec, String ext, String id) {
        return rec.live.getOrDefault(ext, List.of()).stream().anyMatch(d -> d.id().equals(id) && DialogEntry.CONFIRMED.equals(d.state()));
    }

    /** The call ended; {@code tag} (the CDR's, may be null) gives the dialogs' end reason. */
    Set<String> release(CallInfo call, CallTag tag) {
        CallDialogs rec = calls.get(call.id());
        if (rec == null) { // its start went unheard (a listener bound meanwhile): what the last snapshot shows
            rec = new CallDialogs();
            rec.live = dialogsOf(call);
        }
        return release(call.id(), rec, tag, call.caller());
    }

    /**
     * Brings the state in line with the B2BUA's live calls (after this bundle or the calls bundle started, and now and
     * then): calls not known are added, calls known but gone for a while are ended.
     */
    Set<String> reconcile(Collection<CallInfo> live) {
        Set<String> changed = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (CallInfo c : live) {
            ids.add(c.id());
            if (!calls.containsKey(c.id())) {
                changed.addAll(update(c));
            }
        }
        long stale = clock.getAsLong() - FORGET_AFTER_MILLIS;
        for (Map.Entry<String, CallDialogs> e : List.copyOf(calls.entrySet())) {
            if (!ids.contains(e.getKey()) && e.getValue().updatedAt < stale) {
                changed.addAll(release(e.getKey(), e.getValue(), null));
            }
        }
        return changed;
    }

    /**
     * Whether a dialog is the record's calling party (CALLER_BYE is its hang-up): the extension the call names as
     * caller, which after a transfer may be a party that was called (the transferee); the initiator when unknown.
     */
    private static boolean callingParty(DialogEntry d, String caller) {
        return caller == null || d.remote() != null && d.remote().equals(d.local()) ? d.initiator() : caller.equals(d.local());
    }

    private Set<String> release(String id, CallDialogs rec, CallTag tag) {
        return release(id, rec, tag, null);
    }

    private Set<String> release(String id, CallDialogs rec, CallTag tag, String caller) {
        Map<String, List<DialogEntry>> endedNow = new LinkedHashMap<>();
        rec.live.forEach((ext, list) -> list.stream().filter(d -> !d.ended())
                .forEach(d -> add(endedNow, ext, d.terminated(reason(tag, d, callingParty(d, caller))))));
        released.add(id);
        if (released.size() > REMEMBER_RELEASED) {
            Iterator<String> oldest = released.iterator();
            oldest.next();
            oldest.remove();
        }
        return commit(id, rec, Map.of(), endedNow, true);
    }

    private Set<String> commit(String id, CallDialogs rec, Map<String, List<DialogEntry>> now, Map<String, List<DialogEntry>> endedNow,
            boolean gone) {
        Set<String> changed = new LinkedHashSet<>(endedNow.keySet());
        Set<String> exts = new HashSet<>(rec.live.keySet());
        exts.addAll(now.keySet());
        for (String ext : exts) {
            if (!Objects.equals(rec.live.get(ext), now.get(ext))) {
                changed.add(ext);
            }
        }
        rec.live = now;
        if (gone) {
            calls.remove(id);
        }
        for (String ext : changed) {
            List<DialogEntry> e = endedNow.get(ext);
            if (e == null) {
                ended.remove(ext); // the previous change's ended dialogs were shown once: now they go
            } else {
                ended.put(ext, List.copyOf(e));
            }
            publish(ext);
        }
        return changed;
    }

    private void publish(String ext) {
        List<DialogEntry> all = new ArrayList<>();
        for (CallDialogs c : calls.values()) {
            all.addAll(c.live.getOrDefault(ext, List.of()));
        }
        all.addAll(ended.getOrDefault(ext, List.of()));
        if (all.isEmpty()) {
            published.remove(ext);
        } else {
            published.put(ext, List.copyOf(all));
        }
    }

    // ---- from a call's snapshot to its dialogs --------------------------------------------------------------

    /**
     * Every leg to an extension is one of its dialogs, whichever side it stands on: the caller's, each device called,
     * and after a transfer the target (on the transferor's side) or after a pickup the extension that picked up. The
     * remote party is whoever stands on the other side now ({@link CallInfo#party}); before an answer, the number the
     * call is for (caller's side) or the caller.
     */
    private Map<String, List<DialogEntry>> dialogsOf(CallInfo call) {
        Map<String, List<DialogEntry>> m = new LinkedHashMap<>();
        boolean answered = call.party(Side.CALLEE) != null;
        for (LegInfo leg : call.legs()) {
            String name = leg.peer() == null ? null : extensions.nameOf(leg.peer());
            if (name == null) {
                continue;
            }
            String remote = remote(call, leg.side());
            String state = stateOf(leg.state());
            boolean unanswered = leg.side() == Side.CALLEE && !leg.initiator() && DialogEntry.TERMINATED.equals(state) && answered && !leg.party();
            add(m, leg.peer(), new DialogEntry(leg.callId(), leg.callId(), leg.initiator(), state, unanswered ? "cancelled" : null, leg.peer(),
                    name, device(leg.target()), remote, remote == null ? null : extensions.nameOf(remote)));
        }
        String calleeName = extensions.nameOf(call.callee());
        if (calleeName != null && !answered && !m.containsKey(call.callee())) { // routed to it, no device called yet
            String caller = remote(call, Side.CALLEE);
            add(m, call.callee(), new DialogEntry("call-" + call.id(), null, false, DialogEntry.TRYING, null, call.callee(), calleeName, null,
                    caller, caller == null ? null : extensions.nameOf(caller)));
        }
        return m;
    }

    /**
     * Who a party on {@code side} talks to: the party on the other side, else the callee or caller as the call names
     * them; null (no remote identity in the body) for an anonymous caller, whom no watcher may learn.
     */
    private static String remote(CallInfo call, Side side) {
        if (side == Side.CALLEE && call.callerAnonymous()) {
            return null;
        }
        LegInfo other = call.party(side.other());
        if (other != null && other.peer() != null) {
            return other.peer();
        }
        return side == Side.CALLER ? call.callee() : call.caller();
    }

    static String stateOf(CallState s) {
        return switch (s) {
            case TRYING -> DialogEntry.TRYING;
            case RINGING -> DialogEntry.EARLY;
            case ANSWERED, CONNECTED -> DialogEntry.CONFIRMED;
            case RELEASED -> DialogEntry.TERMINATED;
        };
    }

    /**
     * RFC 4235's state event for a dialog the call's end terminated, from the CDR's tag ({@code calling}: the dialog is
     * the record's caller's); null when none fits.
     */
    static String reason(CallTag tag, DialogEntry d, boolean calling) {
        if (tag == null) {
            return null;
        }
        boolean up = DialogEntry.CONFIRMED.equals(d.state());
        return switch (tag) {
            case CALLER_BYE -> up ? (calling ? "local-bye" : "remote-bye") : null;
            case CALLEE_BYE -> up ? (calling ? "remote-bye" : "local-bye") : null;
            case CALLER_CANCEL, RING_TIMEOUT, PICKED_UP -> up ? null : "cancelled";
            case CALLEE_REJECTED, CALLEE_UNREACHABLE, ROUTING_FAILURE, DO_NOT_DISTURB, CALL_LIMIT, SCREENED -> up ? null : "rejected";
            default -> null;
        };
    }

    /** {@code host:port} of a leg's target ({@code host:port/UDP}); null without one. */
    private static String device(String target) {
        if (target == null || target.isEmpty()) {
            return null;
        }
        int slash = target.indexOf('/');
        String hostPort = slash < 0 ? target : target.substring(0, slash);
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(':') < colon && !hostPort.startsWith("[")) { // IPv6: brackets for a URI
            return "[" + hostPort.substring(0, colon) + "]" + hostPort.substring(colon);
        }
        return hostPort;
    }

    private static void add(Map<String, List<DialogEntry>> m, String ext, DialogEntry d) {
        m.computeIfAbsent(ext, k -> new ArrayList<>()).add(d);
    }
}
