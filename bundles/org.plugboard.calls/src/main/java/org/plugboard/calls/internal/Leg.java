package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.LegInfo;
import org.plugboard.api.media.Side;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;

/**
 * One party of a call and its dialog (RFC 3261 section 12), kept as plain data so a new version of this bundle can
 * take it over. {@link CallerLeg} is a dialog we are the UAS of, {@link CalleeLeg} one we are the UAC of. Which of
 * the call's two media sides a leg stands on is its own fact ({@link #side}), not its type: after a transfer a
 * callee-type leg can stand where the caller was. Only the call's strand touches a leg.
 */
abstract class Leg {
    final Call call;
    /** The media side this leg's party is on (the relay keeps one endpoint per side). */
    final Side side;
    // dialog identity and routing
    final String callId;
    String localTag;
    String remoteTag;
    // Parsed once when the dialog learns them; every request clones them (a rewriter may change what it sends).
    /** Our name-addr in From (callee legs) or To (the caller leg). */
    Address localAddress;
    /** The peer's name-addr. */
    Address remoteAddress;
    /** The peer's Contact: Request-URI of in-dialog requests. */
    URI remoteTarget;
    /** Route set, in the order requests carry it. */
    List<Address> routeSet = new ArrayList<>();
    long localCseq;
    long remoteCseq = -1;
    NextHop hop;
    String profile;
    /** Who is at the far end (extension, number), for views. */
    String peer;
    CallState state = CallState.TRYING;

    // offer/answer inside the dialog (either side)
    /** An offer relayed from the other leg waits for this leg's answer: the request to answer. */
    ServerRequest relayedFrom;
    Leg relayedFromLeg;
    /** Our own re-INVITE or UPDATE toward this leg still open (glare detection, RFC 3261 14.1). */
    ClientTransaction pendingOut;
    /** The SDP we last sent on this leg: re-offered when a re-INVITE without SDP asks for an offer. */
    byte[] lastSdpSent;
    /** The SDP this leg's party last sent (offer or answer), as it sent it: what a transfer offers its new peer. */
    byte[] lastSdpReceived;
    /** REFERs accepted in this dialog: the second and later ones are told apart by {@code Event: refer;id=CSeq}. */
    int refers;
    boolean byeSent;
    /** Our BYE got its final answer or timed out: a BYE crossing it needs this leg no more (not handed over). */
    boolean byeAnswered;

    Leg(Call call, String callId, Side side) {
        this.call = call;
        this.callId = callId;
        this.side = side;
    }

    abstract boolean isCaller();

    /** Cancels the leg's retransmission and refresh timers (the call's own timers are the call's). */
    abstract void cancelTimers();

    LegInfo info() {
        return new LegInfo(isCaller() ? "caller" : "callee", callId, peer,
                hop == null ? "" : hop.host() + ":" + hop.port() + "/" + hop.transport(), state, side, call.party(side) == this);
    }

    // ---- hand-over ------------------------------------------------------------------------------------

    Map<String, Object> save() {
        Map<String, Object> m = new HashMap<>();
        m.put("role", isCaller() ? "CALLER" : "CALLEE");
        m.put("side", side.name());
        m.put("callId", callId);
        put(m, "localTag", localTag);
        put(m, "remoteTag", remoteTag);
        put(m, "localAddress", text(localAddress));
        put(m, "remoteAddress", text(remoteAddress));
        put(m, "remoteTarget", text(remoteTarget));
        m.put("routeSet", routeSet.stream().map(Object::toString).toList());
        m.put("localCseq", localCseq);
        m.put("remoteCseq", remoteCseq);
        put(m, "hop", hop);
        put(m, "profile", profile);
        put(m, "peer", peer);
        m.put("state", state.name());
        put(m, "lastSdpSent", lastSdpSent);
        put(m, "lastSdpReceived", lastSdpReceived);
        m.put("refers", refers);
        m.put("byeSent", byeSent);
        put(m, "pendingOut", pendingOut); // an offer we relayed to this leg, still unanswered
        put(m, "relayedFrom", relayedFrom); // and the request of the other leg it answers
        return m;
    }

    private static String text(Object parsed) {
        return parsed == null ? null : parsed.toString();
    }

    /** The dialog's part of a handed-over leg; addresses travel as text and are parsed again here, once. */
    @SuppressWarnings("unchecked")
    void restoreDialog(Map<String, Object> m, AddressFactory addresses) {
        localTag = (String) m.get("localTag");
        remoteTag = (String) m.get("remoteTag");
        try {
            localAddress = m.get("localAddress") == null ? null : addresses.createAddress((String) m.get("localAddress"));
            remoteAddress = m.get("remoteAddress") == null ? null : addresses.createAddress((String) m.get("remoteAddress"));
            remoteTarget = m.get("remoteTarget") == null ? null : addresses.createURI((String) m.get("remoteTarget"));
            routeSet = new ArrayList<>();
            for (String route : (List<String>) m.get("routeSet")) {
                routeSet.add(addresses.createAddress(route));
            }
        } catch (ParseException e) {
            throw new IllegalArgumentException("a handed-over dialog address does not parse: " + e.getMessage(), e);
        }
        localCseq = (Long) m.get("localCseq");
        remoteCseq = (Long) m.get("remoteCseq");
        hop = (NextHop) m.get("hop");
        profile = (String) m.get("profile");
        peer = (String) m.get("peer");
        state = CallState.valueOf((String) m.get("state"));
        lastSdpSent = (byte[]) m.get("lastSdpSent");
        lastSdpReceived = (byte[]) m.get("lastSdpReceived");
        refers = m.get("refers") instanceof Integer n ? n : 0;
        byeSent = (Boolean) m.get("byeSent");
        pendingOut = (ClientTransaction) m.get("pendingOut");
        relayedFrom = (ServerRequest) m.get("relayedFrom");
    }

    static Leg restore(Call call, Map<String, Object> m, AddressFactory addresses) {
        return "CALLER".equals(m.get("role")) ? CallerLeg.restore(call, m, addresses) : CalleeLeg.restore(call, m, addresses);
    }

    /** The side a handed-over leg stands on (HandoverFormat puts it in for format 2 calls). */
    static Side sideOf(Map<String, Object> m) {
        return Side.valueOf((String) m.get("side"));
    }

    /** Puts a value that may be null: absent keys read back as null. */
    static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    static void cancel(java.util.concurrent.ScheduledFuture<?>... timers) {
        for (java.util.concurrent.ScheduledFuture<?> f : timers) {
            if (f != null) {
                f.cancel(false);
            }
        }
    }
}
