package org.plugboard.calls.internal;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;

/** A callee's side: we are its UAC. Holds our INVITE transaction, how it ended, and what we still owe it. */
final class CalleeLeg extends Leg {
    /** Our INVITE's transaction until its 2xx; then null ({@link #inviteAnswered}), while the stack may still linger it. */
    ClientTransaction inviteTx;
    /** Our INVITE as sent (repeated with credentials after a challenge); null once answered 2xx. */
    Request inviteRequest;
    /** The branch of our answered INVITE: its 2xx retransmissions still get our ACK after the transaction is let go. */
    String inviteBranch;
    boolean provisionalSeen;
    /** Our INVITE was repeated with credentials after a 401/407: a second challenge fails the leg. */
    boolean authSent;
    /** The call no longer wants this leg but no provisional came yet: CANCEL goes with the first (RFC 3261 9.1). */
    boolean cancelWanted;
    boolean cancelSent;
    /** Reason header value for our CANCEL on this leg (e.g. "Call completed elsewhere"). */
    String cancelReason;
    long lastRseq;
    /** How the leg failed: its final status and reason, and the Q.850 cause of its Reason header if any. */
    int finalStatus;
    String finalReason;
    Integer reasonCause;
    String reasonText;
    ScheduledFuture<?> refreshTimer;
    /** Seconds between our session refreshes toward this leg (we are its refresher), 0 when none. */
    int refreshInterval;
    /** The INVITE toward this callee carried no SDP: its 200 holds the offer, our ACK must carry the answer. */
    boolean lateOffer;
    /** The SDP our ACK carries (late offer), once the caller's ACK brought it; empty when it brought none. */
    byte[] ackBody;
    long ackCseq;
    /** A leg toward a transfer's target (see {@link Transfers}): its answers go there, not to the call flow. */
    boolean transferTarget;
    /** A leg toward a media application's redirect target: its answers go to {@link ApplicationTransfers}. */
    boolean applicationTarget;
    /** A leg of an originated call being set up: its answers go to {@link Originations}. */
    boolean originated;

    CalleeLeg(Call call, String callId) {
        this(call, callId, org.plugboard.api.media.Side.CALLEE);
    }

    CalleeLeg(Call call, String callId, org.plugboard.api.media.Side side) {
        super(call, callId, side);
    }

    @Override
    boolean isCaller() {
        return false;
    }

    @Override
    void cancelTimers() {
        cancel(refreshTimer);
    }

    /**
     * Our INVITE got its 2xx: its transaction and request are let go, since the ACK and everything after it are built
     * from the dialog. The stack keeps a finished transaction 32 s (64*T1) and the leg a connected call's whole
     * length, so holding them would keep both messages, the transaction and its channel per call for hours.
     */
    void inviteAnswered() {
        if (inviteTx != null) {
            inviteBranch = inviteTx.getBranchId();
            inviteTx = null;
            inviteRequest = null;
        }
    }

    /** Whether {@code ct} is our INVITE's transaction, also once it was let go (a 2xx retransmission's). */
    boolean isInvite(ClientTransaction ct) {
        return ct == inviteTx || (inviteTx == null && ct != null && inviteBranch != null && inviteBranch.equals(ct.getBranchId()));
    }

    /** Marks the leg failed with the response that ended it; false when it had already ended. */
    boolean fail(int status, String reason, Causes.Reason q850) {
        if (state == org.plugboard.api.calls.CallState.RELEASED && finalStatus != 0) {
            return false;
        }
        state = org.plugboard.api.calls.CallState.RELEASED;
        finalStatus = status;
        finalReason = reason;
        if (q850 != null) {
            reasonCause = q850.cause();
            reasonText = q850.text();
        }
        return true;
    }

    @Override
    Map<String, Object> save() {
        Map<String, Object> m = super.save();
        put(m, "inviteTx", inviteTx);
        put(m, "inviteRequest", inviteRequest);
        put(m, "inviteBranch", inviteBranch);
        m.put("provisionalSeen", provisionalSeen);
        m.put("authSent", authSent);
        m.put("cancelWanted", cancelWanted);
        m.put("cancelSent", cancelSent);
        put(m, "cancelReason", cancelReason);
        m.put("lastRseq", lastRseq);
        m.put("finalStatus", finalStatus);
        put(m, "finalReason", finalReason);
        put(m, "reasonCause", reasonCause);
        put(m, "reasonText", reasonText);
        m.put("refreshInterval", refreshInterval);
        m.put("lateOffer", lateOffer);
        put(m, "ackBody", ackBody);
        m.put("ackCseq", ackCseq);
        m.put("transferTarget", transferTarget);
        m.put("originated", originated);
        m.put("applicationTarget", applicationTarget); // the next version has no redirect: it cancels such legs
        return m;
    }

    static CalleeLeg restore(Call call, Map<String, Object> m, javax.sip.address.AddressFactory addresses) {
        CalleeLeg l = new CalleeLeg(call, (String) m.get("callId"), sideOf(m));
        l.restoreDialog(m, addresses);
        l.inviteTx = (ClientTransaction) m.get("inviteTx");
        l.inviteRequest = (Request) m.get("inviteRequest");
        l.inviteBranch = (String) m.get("inviteBranch"); // absent before issue 18: the transaction itself was kept
        l.provisionalSeen = (Boolean) m.get("provisionalSeen");
        l.authSent = Boolean.TRUE.equals(m.get("authSent"));
        l.cancelWanted = (Boolean) m.get("cancelWanted");
        l.cancelSent = (Boolean) m.get("cancelSent");
        l.cancelReason = (String) m.get("cancelReason");
        l.lastRseq = (Long) m.get("lastRseq");
        l.finalStatus = (Integer) m.get("finalStatus");
        l.finalReason = (String) m.get("finalReason");
        l.reasonCause = (Integer) m.get("reasonCause");
        l.reasonText = (String) m.get("reasonText");
        l.refreshInterval = (Integer) m.get("refreshInterval");
        l.lateOffer = (Boolean) m.get("lateOffer");
        l.ackBody = (byte[]) m.get("ackBody");
        l.ackCseq = (Long) m.get("ackCseq");
        l.transferTarget = Boolean.TRUE.equals(m.get("transferTarget"));
        l.applicationTarget = Boolean.TRUE.equals(m.get("applicationTarget"));
        l.originated = Boolean.TRUE.equals(m.get("originated")); // absent before calls could be originated
        return l;
    }
}
