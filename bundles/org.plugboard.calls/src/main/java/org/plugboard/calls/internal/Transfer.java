package org.plugboard.calls.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.plugboard.api.sip.NextHop;

/**
 * A transfer in progress in a call (one at a time), as plain data so a new version of this bundle takes it over:
 * who asked (the transferor, whose REFER subscription gets the NOTIFYs), who is transferred (the transferee, the
 * party on the other side), where to, and the legs calling the target. Only the call's strand touches it.
 */
final class Transfer {
    /** LOOKUP: an attended transfer looks for the consultation call; CALLING: the target's legs are up or starting. */
    enum Stage { LOOKUP, CALLING }

    /**
     * The target's dialog in the consultation call, found on that call's strand: where the INVITE with Replaces goes
     * and what its Replaces header names; or, when the consultation call was still ringing (semi-attended transfer),
     * only that call's id ({@link #ringing()}: it was cancelled, and the target is called afresh).
     */
    record Found(String consultationCall, String uri, NextHop hop, String profile, String peer, String replaces) {
        static Found ringing(String consultationCall) {
            return new Found(consultationCall, null, null, null, null, null);
        }

        boolean ringing() {
            return replaces == null;
        }

        Map<String, Object> save() {
            Map<String, Object> m = new HashMap<>();
            m.put("consultationCall", consultationCall);
            Leg.put(m, "uri", uri);
            Leg.put(m, "hop", hop);
            Leg.put(m, "profile", profile);
            Leg.put(m, "peer", peer);
            Leg.put(m, "replaces", replaces);
            return m;
        }

        static Found restore(Map<String, Object> m) {
            return new Found((String) m.get("consultationCall"), (String) m.get("uri"), (NextHop) m.get("hop"), (String) m.get("profile"),
                    (String) m.get("peer"), (String) m.get("replaces"));
        }
    }

    final Leg transferor;
    final Leg transferee;
    /** The number asked for (Refer-To user part). */
    final String target;
    final boolean outside;
    /** The id the transferor's part of the call is recorded under once the transfer succeeds. */
    final String partId;
    /**
     * Event header value of the REFER's implicit subscription: {@code refer}, or {@code refer;id=<CSeq>}; null for a
     * transfer ordered from outside the call (no REFER, so no NOTIFYs).
     */
    final String event;
    final Instant started;
    /** Attended: the dialog the transferor's Replaces named; null for a blind transfer. */
    final ReferTo.Replaces replaces;
    Stage stage;
    Found found;
    Instant ringing;
    /** When the transferor hung up (it may, once the REFER is accepted); null while it is there. */
    Instant transferorGone;
    /** The transferee was on hold: it gets the target's SDP in a re-INVITE once the target answered. */
    boolean resumeTransferee;
    /** The admission services were told about the call with the target ({@link TransferChecks}); a failure tells them again. */
    boolean admitted;
    /** The target's legs (forks), in the order they started. */
    final List<CalleeLeg> legs = new ArrayList<>();
    /** Epoch ms when an unanswered target is given up; 0 before the legs start. */
    long deadline;
    ScheduledFuture<?> timer;

    Transfer(Leg transferor, Leg transferee, String target, boolean outside, String partId, String event, Instant started,
            ReferTo.Replaces replaces) {
        this.transferor = transferor;
        this.transferee = transferee;
        this.target = target;
        this.outside = outside;
        this.partId = partId;
        this.event = event;
        this.started = started;
        this.replaces = replaces;
        this.stage = replaces == null ? Stage.CALLING : Stage.LOOKUP;
    }

    boolean transferorThere() {
        return transferorGone == null && transferor.state != org.plugboard.api.calls.CallState.RELEASED;
    }

    // ---- hand-over ------------------------------------------------------------------------------------

    Map<String, Object> save(Call call) {
        Map<String, Object> m = new HashMap<>();
        m.put("transferor", call.indexOf(transferor));
        m.put("transferee", call.indexOf(transferee));
        m.put("target", target);
        m.put("outside", outside);
        m.put("partId", partId);
        Leg.put(m, "event", event);
        m.put("started", started);
        if (replaces != null) {
            m.put("replaces", List.of(replaces.callId(), replaces.toTag(), replaces.fromTag()));
        }
        m.put("stage", stage.name());
        Leg.put(m, "found", found == null ? null : found.save());
        Leg.put(m, "ringing", ringing);
        Leg.put(m, "transferorGone", transferorGone);
        m.put("resumeTransferee", resumeTransferee);
        m.put("admitted", admitted);
        m.put("legs", legs.stream().map(call::indexOf).toList());
        m.put("deadline", deadline);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Transfer restore(Call call, Map<String, Object> m) {
        List<String> r = (List<String>) m.get("replaces");
        Transfer t = new Transfer(call.legAt((Integer) m.get("transferor")), call.legAt((Integer) m.get("transferee")), (String) m.get("target"),
                (Boolean) m.get("outside"), (String) m.get("partId"), (String) m.get("event"), (Instant) m.get("started"),
                r == null ? null : new ReferTo.Replaces(r.get(0), r.get(1), r.get(2)));
        t.stage = Stage.valueOf((String) m.get("stage"));
        t.found = m.get("found") == null ? null : Found.restore((Map<String, Object>) m.get("found"));
        t.ringing = (Instant) m.get("ringing");
        t.transferorGone = (Instant) m.get("transferorGone");
        t.resumeTransferee = (Boolean) m.get("resumeTransferee");
        t.admitted = Boolean.TRUE.equals(m.get("admitted")); // absent before transfers asked admission
        for (Integer i : (List<Integer>) m.get("legs")) {
            t.legs.add((CalleeLeg) call.legAt(i));
        }
        t.deadline = (Long) m.get("deadline");
        return t;
    }
}
