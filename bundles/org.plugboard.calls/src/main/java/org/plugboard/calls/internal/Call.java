package org.plugboard.calls.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.media.Side;

/**
 * One call: the caller leg, its callee legs, the party connected on each media side, and the facts its CDR needs.
 * Only the call's strand touches it.
 */
final class Call {
    final String id;
    final int strand;
    String caller;
    String callee;
    Instant started;
    Instant ringing;
    Instant answered;
    CallState state = CallState.TRYING;
    CallerLeg callerLeg;
    final List<CalleeLeg> calleeLegs = new ArrayList<>();
    CalleeLeg answeredLeg;
    /** The callee leg that last sent a provisional with a dialog: where an early UPDATE goes. */
    CalleeLeg earlyLeg;
    /** The number as dialled; {@link #callee} is where the call is going now (after forwarding). */
    String dialled;
    /** True when the caller withheld its identity (anonymous From, Privacy: id). */
    boolean callerAnonymous;
    /** Forwarding hops so far, oldest first (services redirect; each hop is told to the caller with a 181). */
    final List<org.plugboard.api.service.Diversion> diversions = new ArrayList<>();
    /** Index of the first callee leg of the current attempt: legs before it belong to numbers forwarded away from. */
    int attemptStart;
    int releaseCause;
    String releaseText;
    boolean forgetScheduled;
    /** Deadlines (epoch ms) of the call timers, 0 when not running; kept as data so a new version can re-arm them. */
    long ringDeadline;
    long maxDurationDeadline;
    long sessionDeadline;
    ScheduledFuture<?> ringTimer;
    ScheduledFuture<?> maxDurationTimer;
    ScheduledFuture<?> sessionTimer;
    /** {@link SetupGuard}: ends a call that never got to ringing; not handed over (a new version's call has rung or ended). */
    ScheduledFuture<?> setupGuard;
    /** The call's media session (null: no relay, or not yet adopted after a bundle update). */
    org.plugboard.api.media.MediaSession media;
    /** Engine and id of a session handed over by the previous version, adopted when that engine is bound. */
    String mediaEngine;
    String mediaSessionId;
    /** Admission services were asked about this call: they hear of its release (kept across a bundle update). */
    boolean admissionAsked;
    /** Media steps waiting for the one in flight, and whether one is in flight (see MediaSteps; not handed over). */
    final java.util.ArrayDeque<MediaSteps.Step> mediaSteps = new java.util.ArrayDeque<>();
    boolean mediaBusy;
    /** The caller's offer as its INVITE brought it, already checked by InviteChecks (not parsed twice); null: late offer. */
    byte[] callerOffer;
    /** A service's no-answer time for the current attempt, seconds (0: the configured ring timeout). */
    int ringLimitSeconds;
    /** A hunt (sequential ring group) in progress: the members still to ring, in order; null when not hunting. */
    List<String> huntRest;
    /** How long each member of the hunt rings, seconds. */
    int huntSeconds;
    /** Set when a feature code was confirmed: the caller was answered without media and is hung up after its ACK. */
    String confirmation;
    /**
     * The caller's first offer as relayed toward each next-hop host: the engine advertises its address that reaches
     * that hop, so a fork or forwarding target on another interface gets an offer of its own (one round trip per host).
     */
    final Map<String, byte[]> relayedOffers = new HashMap<>();
    /** Set when a media application answered the caller (Outcome.Connect); not handed over. */
    ApplicationCall application;
    /** What the record's reason starts with (a media application moved the caller); null: the release's text alone. */
    String recordNote;
    /**
     * The party connected on each media side (index: {@link Side#ordinal()}): the caller leg, and the callee leg that
     * answered; a transfer puts its target where the transferor was. Offers go from one to the other.
     */
    private final Leg[] parties = new Leg[2];
    /** The side whose party is this record's caller: the caller's, or after a transfer the transferee's. */
    Side callingSide = Side.CALLER;
    /** What services noted for the record (CallControl.note): at most {@link #MAX_NOTES}. */
    final List<String> notes = new ArrayList<>();
    static final int MAX_NOTES = 20;
    /** An operator's override rings this callee: its terminating services are not asked (Outcome.Override). */
    boolean overridden;
    /** The record this call's record links to: the transferor's part of it, once transferred (CDR linkedCall). */
    String linkedCall;
    /** Set when an attended transfer is replacing this consultation call: the id of the call that replaces it. */
    String replacedBy;
    /** A transfer in progress (one at a time), null otherwise. */
    Transfer transfer;
    /** The INVITE dialog of the extension that picked this ringing call up: the party on the callee's side, or null. */
    CallerLeg picker;
    /** This call is a pickup attempt whose leg is on its way to a ringing call (not handed over: see {@link #pickupPending}). */
    Pickups.Token pickup;
    /** An originated call (CallControl.originate) being set up or connected; null otherwise. Not handed over. */
    Origination origination;
    /** Handed over while its pickup was in flight: the next version ends it (480). */
    boolean pickupPending;

    Call(String id, int strand) {
        this.id = id;
        this.strand = strand;
    }

    /** The party connected on that side, or null (no callee answered yet). */
    Leg party(Side side) {
        return parties[side.ordinal()];
    }

    void connect(Leg leg) {
        parties[leg.side.ordinal()] = leg;
    }

    /** Someone has the callee's side: a callee leg answered, or an extension picked the call up. */
    boolean taken() {
        return answeredLeg != null || picker != null;
    }

    /** The callee legs still ringing or up. */
    boolean anyCalleeLive() {
        return calleeLegs.stream().anyMatch(l -> l.state != CallState.RELEASED);
    }

    boolean released() {
        return state == CallState.RELEASED;
    }

    List<Leg> legs() {
        List<Leg> all = new ArrayList<>();
        if (callerLeg != null) {
            all.add(callerLeg);
        }
        if (picker != null) {
            all.add(picker);
        }
        all.addAll(calleeLegs);
        return all;
    }

    /** -1 for the caller leg, -3 for the picker's, else the callee leg's index (how the hand-over refers to a leg). */
    int indexOf(Leg leg) {
        return leg == callerLeg ? -1 : leg != null && leg == picker ? -3 : calleeLegs.indexOf(leg);
    }

    Leg legAt(int index) {
        return index == -1 ? callerLeg : index == -3 ? picker : calleeLegs.get(index);
    }

    CallInfo info() {
        // an originated call's placeholder caller leg is nobody's dialog: views do not show it
        return new CallInfo(id, caller, callee, state, started, answered,
                legs().stream().filter(l -> l != callerLeg || callerLeg.invite != null).map(Leg::info).toList(), callerAnonymous);
    }

    CallDetailRecord record(Instant end, Disposition disposition, int sipStatus, int cause, String reason, CallTag tag) {
        return record(id, end, disposition, sipStatus, cause, reason, tag, replacedBy != null ? replacedBy : linkedCall);
    }

    /** The record of the call as it stands, under {@code recordId} (a transferor's part gets an id of its own). */
    CallDetailRecord record(String recordId, Instant end, Disposition disposition, int sipStatus, int cause, String reason, CallTag tag,
            String linked) {
        Leg answerer = answered == null ? null : party(callingSide.other());
        String answeredBy = answerer == null ? "" : answerer.peer + "@" + answerer.hop.host() + ":" + answerer.hop.port();
        Leg calling = party(callingSide) != null ? party(callingSide) : callerLeg;
        return new CallDetailRecord(calling.callId, recordId, caller, dialled != null ? dialled : callee, answeredBy, started, ringing, answered,
                end, disposition, sipStatus, cause, reason, tag, callee, linked, notes, legCallIds(calling));
    }

    /**
     * The Call-ID of every leg the call had, the record's caller's first: ended forks, forwarded-from and transfer
     * legs stay in {@link #calleeLegs}, so the record names them all (what the ladder of an ended call looks up in the
     * trace). An originated call's placeholder is nobody's dialog and is left out, as in {@link #info()}.
     */
    List<String> legCallIds(Leg calling) {
        List<String> ids = new ArrayList<>();
        ids.add(calling.callId);
        for (Leg l : legs()) {
            if (l != callerLeg || callerLeg.invite != null) {
                ids.add(l.callId);
            }
        }
        return ids;
    }

    void cancelTimers() {
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {ringTimer, maxDurationTimer, sessionTimer, setupGuard}) {
            if (f != null) {
                f.cancel(false);
            }
        }
        legs().forEach(Leg::cancelTimers);
    }

    // ---- hand-over ------------------------------------------------------------------------------------

    Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("format", HandoverFormat.VERSION);
        put(m, "dialled", dialled);
        m.put("callerAnonymous", callerAnonymous);
        m.put("attemptStart", attemptStart);
        put(m, "callerOffer", callerOffer);
        m.put("diversions", diversions.stream().map(d -> List.of(d.from(), d.to(), d.reason())).toList());
        m.put("id", id);
        m.put("caller", caller);
        m.put("callee", callee);
        m.put("started", started);
        put(m, "ringing", ringing);
        put(m, "answered", answered);
        m.put("state", state.name());
        m.put("ringDeadline", ringDeadline);
        m.put("maxDurationDeadline", maxDurationDeadline);
        m.put("sessionDeadline", sessionDeadline);
        m.put("callerLeg", callerLeg.save());
        m.put("calleeLegs", calleeLegs.stream().map(Leg::save).toList());
        m.put("answeredLeg", answeredLeg == null ? -1 : calleeLegs.indexOf(answeredLeg));
        m.put("earlyLeg", earlyLeg == null ? -1 : calleeLegs.indexOf(earlyLeg));
        m.put("relayedFromLegs", legs().stream().map(l -> l.relayedFromLeg == null ? -2 : indexOf(l.relayedFromLeg)).toList());
        m.put("forgetScheduled", forgetScheduled);
        put(m, "releaseText", releaseText);
        m.put("releaseCause", releaseCause);
        put(m, "mediaEngine", media == null ? mediaEngine : media.engine());
        put(m, "mediaSessionId", media == null ? mediaSessionId : media.id());
        m.put("admissionAsked", admissionAsked);
        m.put("ringLimitSeconds", ringLimitSeconds);
        put(m, "confirmation", confirmation);
        put(m, "huntRest", huntRest == null ? null : List.copyOf(huntRest));
        m.put("huntSeconds", huntSeconds);
        m.put("parties", java.util.Arrays.stream(parties).map(l -> l == null ? -2 : indexOf(l)).toList());
        m.put("callingSide", callingSide.name());
        put(m, "linkedCall", linkedCall);
        put(m, "replacedBy", replacedBy);
        put(m, "transfer", transfer == null ? null : transfer.save(this));
        put(m, "picker", picker == null ? null : picker.save());
        m.put("pickupPending", pickup != null || pickupPending);
        m.put("notes", List.copyOf(notes));
        m.put("overridden", overridden);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        Leg.put(m, key, value);
    }

    @SuppressWarnings("unchecked")
    static Call restore(Map<String, Object> m, int strand, javax.sip.address.AddressFactory addresses) {
        m = HandoverFormat.current(m);
        Call c = new Call((String) m.get("id"), strand);
        c.caller = (String) m.get("caller");
        c.callee = (String) m.get("callee");
        c.started = (Instant) m.get("started");
        c.ringing = (Instant) m.get("ringing");
        c.answered = (Instant) m.get("answered");
        c.state = CallState.valueOf((String) m.get("state"));
        c.ringDeadline = (Long) m.get("ringDeadline");
        c.maxDurationDeadline = (Long) m.get("maxDurationDeadline");
        c.sessionDeadline = (Long) m.get("sessionDeadline");
        c.dialled = (String) m.get("dialled");
        c.callerAnonymous = (Boolean) m.get("callerAnonymous");
        c.attemptStart = (Integer) m.get("attemptStart");
        for (List<String> d : (List<List<String>>) m.get("diversions")) {
            c.diversions.add(new org.plugboard.api.service.Diversion(d.get(0), d.get(1), d.get(2)));
        }
        c.callerLeg = CallerLeg.restore(c, (Map<String, Object>) m.get("callerLeg"), addresses);
        c.callerOffer = m.containsKey("callerOffer") ? (byte[]) m.get("callerOffer") // format 1: from the INVITE itself
                : c.callerLeg.invite == null ? null : Dialogs.body(c.callerLeg.invite.request());
        for (Map<String, Object> l : (List<Map<String, Object>>) m.get("calleeLegs")) {
            c.calleeLegs.add(CalleeLeg.restore(c, l, addresses));
        }
        c.picker = m.get("picker") == null ? null : CallerLeg.restore(c, (Map<String, Object>) m.get("picker"), addresses);
        c.pickupPending = Boolean.TRUE.equals(m.get("pickupPending"));
        int answeredIndex = (Integer) m.get("answeredLeg");
        c.answeredLeg = answeredIndex < 0 ? null : c.calleeLegs.get(answeredIndex);
        List<Integer> relayedFrom = (List<Integer>) m.getOrDefault("relayedFromLegs", List.of());
        List<Leg> all = c.legs();
        for (int i = 0; i < relayedFrom.size() && i < all.size(); i++) {
            all.get(i).relayedFromLeg = relayedFrom.get(i) == -2 ? null : c.legAt(relayedFrom.get(i));
        }
        c.releaseText = (String) m.get("releaseText");
        c.releaseCause = m.get("releaseCause") instanceof Integer i ? i : 0;
        int earlyIndex = (Integer) m.get("earlyLeg");
        c.earlyLeg = earlyIndex < 0 ? null : c.calleeLegs.get(earlyIndex);
        c.mediaEngine = (String) m.get("mediaEngine");
        c.mediaSessionId = (String) m.get("mediaSessionId");
        c.admissionAsked = Boolean.TRUE.equals(m.get("admissionAsked")); // absent from versions before admissions
        c.ringLimitSeconds = m.get("ringLimitSeconds") instanceof Integer i ? i : 0; // absent before service 1.1
        c.confirmation = (String) m.get("confirmation");
        c.huntRest = m.get("huntRest") instanceof List<?> rest ? new ArrayList<>((List<String>) rest) : null;
        c.huntSeconds = m.get("huntSeconds") instanceof Integer i ? i : 0;
        List<Integer> parties = (List<Integer>) m.get("parties");
        for (Integer p : parties) {
            if (p != -2) {
                c.connect(c.legAt(p));
            }
        }
        c.callingSide = Side.valueOf((String) m.get("callingSide"));
        c.linkedCall = (String) m.get("linkedCall");
        c.replacedBy = (String) m.get("replacedBy");
        c.transfer = m.get("transfer") == null ? null : Transfer.restore(c, (Map<String, Object>) m.get("transfer"));
        if (m.get("notes") instanceof List<?> notes) { // absent before calls 1.5
            notes.forEach(n -> c.notes.add((String) n));
        }
        c.overridden = Boolean.TRUE.equals(m.get("overridden"));
        return c;
    }
}
