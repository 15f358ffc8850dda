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
                    add(endedNow, e.getKey(), d); // reported once
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

    /** The call ended; {@code tag} (the CDR's, may be null) gives the dialogs' end reason. */
    Set<String> release(CallInfo call, CallTag tag) {
        CallDialogs rec = calls.get(call.id());
        if (rec == null) { // its start went unheard (a listener bound meanwhile): what the last snapshot shows
            rec = new CallDialogs();
            rec.live = dialogsOf(call);
        }
        return release(call.id(), rec, tag);
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

    private Set<String> release(String id, CallDialogs rec, CallTag tag) {
        Map<String, List<DialogEntry>> endedNow = new LinkedHashMap<>();
        rec.live.forEach((ext, list) -> list.stream().filter(d -> !d.ended()).forEach(d -> add(endedNow, ext, d.terminated(reason(tag, d)))));
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

    private Map<String, List<DialogEntry>> dialogsOf(CallInfo call) {
        Map<String, List<DialogEntry>> m = new LinkedHashMap<>();
        String callerName = extensions.nameOf(call.caller());
        String calleeName = extensions.nameOf(call.callee());
        LegInfo callerLeg = call.legs().stream().filter(l -> "caller".equals(l.role())).findFirst().orElse(null);
        if (callerName != null && callerLeg != null) {
            add(m, call.caller(), new DialogEntry(callerLeg.callId(), callerLeg.callId(), true, stateOf(callerLeg.state()), null, call.caller(),
                    callerName, device(callerLeg.target()), call.callee(), calleeName));
        }
        boolean answered = call.legs().stream().anyMatch(l -> "callee".equals(l.role()) && l.state() == CallState.CONNECTED);
        for (LegInfo leg : call.legs()) {
            String name = "callee".equals(leg.role()) ? extensions.nameOf(leg.peer()) : null;
            if (name != null) {
                String state = stateOf(leg.state());
                add(m, leg.peer(), new DialogEntry(leg.callId(), leg.callId(), false, state,
                        DialogEntry.TERMINATED.equals(state) && answered ? "cancelled" : null, leg.peer(), name, device(leg.target()),
                        call.caller(), callerName));
            }
        }
        if (calleeName != null && !m.containsKey(call.callee())) { // routed to it, no device called yet
            add(m, call.callee(), new DialogEntry("call-" + call.id(), null, false, DialogEntry.TRYING, null, call.callee(), calleeName, null,
                    call.caller(), callerName));
        }
        return m;
    }

    static String stateOf(CallState s) {
        return switch (s) {
            case TRYING -> DialogEntry.TRYING;
            case RINGING -> DialogEntry.EARLY;
            case ANSWERED, CONNECTED -> DialogEntry.CONFIRMED;
            case RELEASED -> DialogEntry.TERMINATED;
        };
    }

    /** RFC 4235's state event for a dialog the call's end terminated, from the CDR's tag; null when none fits. */
    static String reason(CallTag tag, DialogEntry d) {
        if (tag == null) {
            return null;
        }
        boolean up = DialogEntry.CONFIRMED.equals(d.state());
        return switch (tag) {
            case CALLER_BYE -> up ? (d.initiator() ? "local-bye" : "remote-bye") : null;
            case CALLEE_BYE -> up ? (d.initiator() ? "remote-bye" : "local-bye") : null;
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
