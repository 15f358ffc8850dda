package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;

/**
 * A dialog we are the UAS of: the caller's, or an extension's that picked the call up (on the callee's side). Holds its
 * INVITE, our answer and the reliable provisionals we owe it.
 */
final class CallerLeg extends Leg {
    ServerRequest invite;
    /** The caller required 100rel (or supports it and we honour that): our 18x go reliably (RFC 3262). */
    boolean reliableToCaller;
    int nextRseq = 1;
    Response unackedReliable;
    /** Reliable provisionals waiting for the PRACK of the one before (RFC 3262 3). */
    final List<Response> queuedReliable = new ArrayList<>();
    ScheduledFuture<?> reliableTimer;
    /** Our 2xx to its INVITE, retransmitted until its ACK; let go at the ACK ({@link #acknowledged}). */
    Response answer;
    /** We answered its INVITE 2xx (acknowledged or not): no other final answer can follow. */
    boolean answered;
    /** Our final non-2xx to its INVITE, once sent: what a retransmission of the INVITE gets again. */
    Response refusal;
    ScheduledFuture<?> answerTimer;
    /** The session interval the caller asked for (RFC 4028), null when it uses no session timer. */
    Integer sessionExpires;

    CallerLeg(Call call, String callId) {
        this(call, callId, org.plugboard.api.media.Side.CALLER);
    }

    /** A phone's INVITE dialog on {@code side}: the callee's side for an extension that picked a ringing call up. */
    CallerLeg(Call call, String callId, org.plugboard.api.media.Side side) {
        super(call, callId, side);
    }

    @Override
    boolean isCaller() {
        return true;
    }

    /** On release the 200 still waiting for its ACK keeps going: the BYE follows the ACK, or 64*T1 (13.3.1.4). */
    @Override
    void cancelTimers() {
        cancel(reliableTimer);
        if (state != org.plugboard.api.calls.CallState.ANSWERED) {
            cancel(answerTimer);
        }
    }

    /** Every timer, for the hand-over: the next version re-arms what it needs. */
    void cancelAllTimers() {
        cancel(reliableTimer, answerTimer);
    }

    /**
     * Our 2xx was acknowledged: the 2xx and the INVITE's transaction are let go (a connected call keeps a detached copy
     * of the INVITE only), so an established call holds no message the stack would otherwise have freed after 32 s.
     */
    void acknowledged() {
        answer = null;
        invite = AnsweredInvite.of(invite);
    }

    @Override
    Map<String, Object> save() {
        Map<String, Object> m = super.save();
        if (invite instanceof AnsweredInvite answeredInvite) {
            m.put("answeredInvite", answeredInvite.save());
        } else {
            put(m, "invite", invite);
        }
        m.put("reliableToCaller", reliableToCaller);
        m.put("nextRseq", nextRseq);
        put(m, "answer", answer);
        m.put("answered", answered);
        put(m, "refusal", refusal);
        put(m, "sessionExpires", sessionExpires);
        put(m, "unackedReliable", unackedReliable);
        m.put("queuedReliable", List.copyOf(queuedReliable));
        return m;
    }

    static CallerLeg restore(Call call, Map<String, Object> m, javax.sip.address.AddressFactory addresses) {
        CallerLeg l = new CallerLeg(call, (String) m.get("callId"), m.containsKey("side") ? sideOf(m) : org.plugboard.api.media.Side.CALLER);
        l.restoreDialog(m, addresses);
        @SuppressWarnings("unchecked")
        Map<String, Object> answeredInvite = (Map<String, Object>) m.get("answeredInvite");
        l.invite = answeredInvite != null ? AnsweredInvite.restore(answeredInvite) : (ServerRequest) m.get("invite");
        l.reliableToCaller = (Boolean) m.get("reliableToCaller");
        l.nextRseq = (Integer) m.get("nextRseq");
        l.answer = (Response) m.get("answer");
        l.answered = Boolean.TRUE.equals(m.get("answered")) || l.answer != null; // absent before issue 18: the 2xx itself was kept
        l.refusal = (Response) m.get("refusal");
        l.sessionExpires = (Integer) m.get("sessionExpires");
        l.unackedReliable = (Response) m.get("unackedReliable");
        for (Object r : (List<?>) m.getOrDefault("queuedReliable", List.of())) {
            l.queuedReliable.add((Response) r);
        }
        return l;
    }
}
