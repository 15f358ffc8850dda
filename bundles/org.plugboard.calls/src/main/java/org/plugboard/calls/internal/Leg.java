package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;

/**
 * One side of a call and its dialog (RFC 3261 section 12), kept as plain data so a new version of this bundle can
 * take it over. Only the call's strand touches a leg.
 */
final class Leg {
    enum Role { CALLER, CALLEE }

    final Role role;
    final Call call;
    // dialog identity and routing
    final String callId;
    String localTag;
    String remoteTag;
    /** Our URI in From (callee legs) or To (the caller leg), as a name-addr string. */
    String localAddress;
    /** The peer's URI, as a name-addr string. */
    String remoteAddress;
    /** The peer's Contact: Request-URI of in-dialog requests. */
    String remoteTarget;
    /** Route set, in the order requests carry it. */
    List<String> routeSet = new ArrayList<>();
    long localCseq;
    long remoteCseq = -1;
    NextHop hop;
    String profile;
    /** Who is at the far end (extension, number), for views. */
    String peer;
    CallState state = CallState.TRYING;

    // caller leg (we are its UAS)
    ServerRequest invite;
    boolean reliableToCaller;
    int nextRseq = 1;
    Response unackedReliable;
    /** Reliable provisionals waiting for the PRACK of the one before (RFC 3262 3). */
    final List<Response> queuedReliable = new ArrayList<>();
    ScheduledFuture<?> reliableTimer;
    Response answer;
    ScheduledFuture<?> answerTimer;
    Integer sessionExpires;
    boolean peerRefreshes;

    // callee legs (we are their UAC)
    ClientTransaction inviteTx;
    Request inviteRequest;
    boolean provisionalSeen;
    /** Our INVITE was repeated with credentials after a 401/407: a second challenge fails the leg. */
    boolean authSent;
    boolean cancelWanted;
    long lastRseq;
    int finalStatus;
    String finalReason;
    Integer reasonCause;
    String reasonText;

    /** An offer relayed from the other leg waits for this leg's answer: the request to answer. */
    ServerRequest relayedFrom;
    /** Our own re-INVITE or UPDATE toward this leg still open (glare detection, RFC 3261 14.1). */
    ClientTransaction pendingOut;
    ScheduledFuture<?> refreshTimer;
    /** Seconds between our session refreshes toward this leg (we are its refresher), 0 when none. */
    int refreshInterval;
    Leg relayedFromLeg;
    /** The SDP we last sent on this leg: re-offered when a re-INVITE without SDP asks for an offer. */
    byte[] lastSdpSent;
    boolean byeSent;
    boolean cancelSent;
    /** The INVITE toward this callee carried no SDP: its 200 holds the offer, our ACK must carry the answer. */
    boolean lateOffer;
    /** The SDP our ACK carries (late offer), once the caller's ACK brought it; empty when it brought none. */
    byte[] ackBody;
    long ackCseq;
    /** Reason header value for our CANCEL on this leg (e.g. "Call completed elsewhere"). */
    String cancelReason;

    Leg(Role role, Call call, String callId) {
        this.role = role;
        this.call = call;
        this.callId = callId;
    }

    boolean isCaller() {
        return role == Role.CALLER;
    }

    LegInfo info() {
        return new LegInfo(isCaller() ? "caller" : "callee", callId, peer,
                hop == null ? "" : hop.host() + ":" + hop.port() + "/" + hop.transport(), state);
    }

    void cancelTimers() {
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {reliableTimer, answerTimer, refreshTimer}) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    // ---- hand-over ------------------------------------------------------------------------------------

    Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("role", role.name());
        m.put("callId", callId);
        put(m, "localTag", localTag);
        put(m, "remoteTag", remoteTag);
        put(m, "localAddress", localAddress);
        put(m, "remoteAddress", remoteAddress);
        put(m, "remoteTarget", remoteTarget);
        m.put("routeSet", List.copyOf(routeSet));
        m.put("localCseq", localCseq);
        m.put("remoteCseq", remoteCseq);
        if (hop != null) {
            m.put("hop", hop);
        }
        put(m, "profile", profile);
        put(m, "peer", peer);
        m.put("state", state.name());
        put(m, "invite", invite);
        m.put("reliableToCaller", reliableToCaller);
        m.put("nextRseq", nextRseq);
        put(m, "answer", answer);
        put(m, "sessionExpires", sessionExpires);
        m.put("peerRefreshes", peerRefreshes);
        put(m, "inviteTx", inviteTx);
        put(m, "inviteRequest", inviteRequest);
        m.put("provisionalSeen", provisionalSeen);
        m.put("authSent", authSent);
        m.put("cancelWanted", cancelWanted);
        m.put("lastRseq", lastRseq);
        m.put("finalStatus", finalStatus);
        put(m, "finalReason", finalReason);
        put(m, "reasonCause", reasonCause);
        put(m, "reasonText", reasonText);
        m.put("refreshInterval", refreshInterval);
        put(m, "lastSdpSent", lastSdpSent);
        m.put("byeSent", byeSent);
        m.put("cancelSent", cancelSent);
        m.put("lateOffer", lateOffer);
        put(m, "ackBody", ackBody);
        m.put("ackCseq", ackCseq);
        put(m, "cancelReason", cancelReason);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Leg restore(Call call, Map<String, Object> m) {
        Leg l = new Leg(Role.valueOf((String) m.get("role")), call, (String) m.get("callId"));
        l.localTag = (String) m.get("localTag");
        l.remoteTag = (String) m.get("remoteTag");
        l.localAddress = (String) m.get("localAddress");
        l.remoteAddress = (String) m.get("remoteAddress");
        l.remoteTarget = (String) m.get("remoteTarget");
        l.routeSet = new ArrayList<>((List<String>) m.get("routeSet"));
        l.localCseq = (Long) m.get("localCseq");
        l.remoteCseq = (Long) m.get("remoteCseq");
        l.hop = (NextHop) m.get("hop");
        l.profile = (String) m.get("profile");
        l.peer = (String) m.get("peer");
        l.state = CallState.valueOf((String) m.get("state"));
        l.invite = (ServerRequest) m.get("invite");
        l.reliableToCaller = (Boolean) m.get("reliableToCaller");
        l.nextRseq = (Integer) m.get("nextRseq");
        l.answer = (Response) m.get("answer");
        l.sessionExpires = (Integer) m.get("sessionExpires");
        l.peerRefreshes = (Boolean) m.get("peerRefreshes");
        l.inviteTx = (ClientTransaction) m.get("inviteTx");
        l.inviteRequest = (Request) m.get("inviteRequest");
        l.provisionalSeen = (Boolean) m.get("provisionalSeen");
        l.authSent = Boolean.TRUE.equals(m.get("authSent")); // absent when handed over by a version before it
        l.cancelWanted = (Boolean) m.get("cancelWanted");
        l.lastRseq = (Long) m.get("lastRseq");
        l.finalStatus = (Integer) m.get("finalStatus");
        l.finalReason = (String) m.get("finalReason");
        l.reasonCause = (Integer) m.get("reasonCause");
        l.reasonText = (String) m.get("reasonText");
        l.refreshInterval = (Integer) m.get("refreshInterval");
        l.lastSdpSent = (byte[]) m.get("lastSdpSent");
        l.byeSent = (Boolean) m.get("byeSent");
        l.cancelSent = (Boolean) m.get("cancelSent");
        l.lateOffer = (Boolean) m.get("lateOffer");
        l.ackBody = (byte[]) m.get("ackBody");
        l.ackCseq = (Long) m.get("ackCseq");
        l.cancelReason = (String) m.get("cancelReason");
        return l;
    }

    /** Puts a value that may be null: absent keys read back as null. */
    static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
