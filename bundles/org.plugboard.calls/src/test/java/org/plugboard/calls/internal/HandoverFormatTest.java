package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallState;
import org.plugboard.api.sip.NextHop;

/** A call saved for the hand-over comes back equal, and holds nothing but JDK, API and javax.sip values. */
class HandoverFormatTest {
    private static final gov.nist.javax.sip.address.AddressFactoryImpl ADDRESSES = new gov.nist.javax.sip.address.AddressFactoryImpl();

    @Test
    void savedCallRestoresEveryDialogField() throws Exception {
        Call call = new Call("abc12345", 0);
        call.caller = "1001";
        call.callee = "1002";
        call.started = Instant.parse("2026-11-23T10:00:00Z");
        call.answered = Instant.parse("2026-11-23T10:00:05Z");
        call.state = CallState.CONNECTED;
        call.maxDurationDeadline = 123456789L;
        CallerLeg caller = new CallerLeg(call, "in-call-id");
        caller.localTag = "lt";
        caller.remoteTag = "rt";
        caller.localAddress = ADDRESSES.createAddress("<sip:1002@127.0.0.1>");
        caller.remoteAddress = ADDRESSES.createAddress("<sip:1001@127.0.0.1>");
        caller.remoteTarget = ADDRESSES.createURI("sip:1001@127.0.0.1:5070");
        caller.routeSet = List.of(ADDRESSES.createAddress("<sip:proxy;lr>"));
        caller.localCseq = 3;
        caller.remoteCseq = 2;
        caller.hop = new NextHop("127.0.0.1", 5070, "UDP");
        caller.state = CallState.CONNECTED;
        caller.sessionExpires = 1800;
        caller.lastSdpSent = new byte[] {1, 2};
        call.callerLeg = caller;
        CalleeLeg callee = new CalleeLeg(call, "out-call-id");
        callee.peer = "1002";
        callee.hop = new NextHop("127.0.0.1", 5080, "TCP");
        callee.state = CallState.CONNECTED;
        callee.refreshInterval = 900;
        call.calleeLegs.add(callee);
        call.answeredLeg = callee;
        call.mediaEngine = "local";
        call.mediaSessionId = "m-42";
        call.admissionAsked = true;

        Map<String, Object> saved = call.save();
        assertOnlyStableTypes(saved);
        Call back = Call.restore(new HashMap<>(saved), 3, ADDRESSES);
        assertEquals(3, back.strand);
        assertEquals("abc12345", back.id);
        assertEquals(call.answered, back.answered);
        assertEquals(123456789L, back.maxDurationDeadline);
        assertTrue(back.admissionAsked, "a trunk slot held by the call is given back by the next version");
        CallerLeg c = back.callerLeg;
        assertEquals(List.of("lt", "rt", "sip:1001@127.0.0.1:5070", "in-call-id"),
                List.of(c.localTag, c.remoteTag, c.remoteTarget.toString(), c.callId));
        assertEquals(List.of("<sip:proxy;lr>"), c.routeSet.stream().map(Object::toString).toList());
        assertEquals("<sip:1001@127.0.0.1>", c.remoteAddress.toString(), "addresses come back parsed");
        assertEquals(3, c.localCseq);
        assertEquals(caller.hop, c.hop);
        assertEquals(1800, c.sessionExpires);
        assertSame(back, c.call);
        assertSame(back.calleeLegs.get(0), back.answeredLeg);
        assertEquals(900, back.answeredLeg.refreshInterval);
        assertEquals("TCP", back.answeredLeg.hop.transport());
        assertEquals(List.of("local", "m-42"), List.of(back.mediaEngine, back.mediaSessionId), "the media session is picked up by id");
    }

    @Test
    void aCallHandedOverInFormat1ByTheEarlierReleaseIsTakenOver() {
        Call call = new Call("abc12345", 0);
        call.caller = "1001";
        call.callee = "1002";
        call.started = Instant.parse("2026-11-23T10:00:00Z");
        call.state = CallState.CONNECTED;
        call.callerLeg = new CallerLeg(call, "in-call-id");
        call.callerLeg.hop = new NextHop("127.0.0.1", 5070, "UDP");
        CalleeLeg callee = new CalleeLeg(call, "out-call-id");
        callee.state = CallState.CONNECTED;
        call.calleeLegs.add(callee);
        call.answeredLeg = callee;
        Map<String, Object> v1 = new HashMap<>(call.save());
        // what the release of issues 4-6 wrote: format 1, no dialled number, hops or attempt, a peerRefreshes flag
        v1.put("format", 1);
        v1.keySet().removeAll(List.of("dialled", "callerAnonymous", "diversions", "attemptStart"));
        @SuppressWarnings("unchecked")
        Map<String, Object> leg = new HashMap<>((Map<String, Object>) v1.get("callerLeg"));
        leg.put("peerRefreshes", false);
        v1.put("callerLeg", leg);
        Call back = Call.restore(v1, 1, ADDRESSES);
        assertEquals("1002", back.dialled, "the dialled number is the callee of a call that was never forwarded");
        assertEquals(0, back.attemptStart);
        assertTrue(back.diversions.isEmpty());
        assertSame(back.calleeLegs.get(0), back.answeredLeg);
        assertEquals(CallState.CONNECTED, back.answeredLeg.state);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCallHandedOverInFormat2StandsOnItsSidesAsBeforeTransfers() {
        Call call = new Call("abc12345", 0);
        call.caller = "1001";
        call.callee = "1002";
        call.started = Instant.parse("2026-11-23T10:00:00Z");
        call.state = CallState.CONNECTED;
        call.callerLeg = new CallerLeg(call, "in-call-id");
        call.callerLeg.hop = new NextHop("127.0.0.1", 5070, "UDP");
        call.calleeLegs.add(new CalleeLeg(call, "lost-fork"));
        CalleeLeg callee = new CalleeLeg(call, "out-call-id");
        callee.state = CallState.CONNECTED;
        call.calleeLegs.add(callee);
        call.answeredLeg = callee;
        Map<String, Object> v2 = new HashMap<>(call.save());
        v2.put("format", 2);
        v2.keySet().removeAll(List.of("parties", "callingSide", "linkedCall", "replacedBy", "transfer"));
        Map<String, Object> caller = new HashMap<>((Map<String, Object>) v2.get("callerLeg"));
        caller.remove("side");
        v2.put("callerLeg", caller);
        v2.put("calleeLegs", ((List<Map<String, Object>>) v2.get("calleeLegs")).stream().map(l -> {
            Map<String, Object> m = new HashMap<>(l);
            m.remove("side");
            return m;
        }).toList());
        Call back = Call.restore(v2, 1, ADDRESSES);
        assertSame(back.callerLeg, back.party(org.plugboard.api.media.Side.CALLER));
        assertSame(back.calleeLegs.get(1), back.party(org.plugboard.api.media.Side.CALLEE), "the answered leg, not the first fork");
        assertEquals(org.plugboard.api.media.Side.CALLEE, back.calleeLegs.get(0).side);
        assertEquals(org.plugboard.api.media.Side.CALLER, back.callingSide);
    }

    @Test
    void aTransferInProgressComesBackWithItsLegsAndTarget() {
        Call call = new Call("abc12345", 0);
        call.caller = "1001";
        call.callee = "1002";
        call.started = Instant.parse("2026-11-23T10:00:00Z");
        call.answered = call.started;
        call.state = CallState.CONNECTED;
        call.callerLeg = new CallerLeg(call, "in-call-id");
        call.connect(call.callerLeg);
        CalleeLeg bob = new CalleeLeg(call, "out-call-id");
        call.calleeLegs.add(bob);
        call.connect(bob);
        CalleeLeg target = new CalleeLeg(call, "target-call-id", org.plugboard.api.media.Side.CALLEE);
        target.transferTarget = true;
        call.calleeLegs.add(target);
        Transfer t = new Transfer(bob, call.callerLeg, "1003", false, "part0001", "refer", call.started,
                new ReferTo.Replaces("c@h", "to", "from"));
        t.stage = Transfer.Stage.CALLING;
        t.found = new Transfer.Found("b0000001", "sip:1003@127.0.0.1:5090", new NextHop("127.0.0.1", 5090, "UDP"), "default", "1003",
                "x@plugboard;to-tag=1;from-tag=2");
        t.legs.add(target);
        t.deadline = 42;
        t.transferorGone = call.started.plusSeconds(3);
        call.transfer = t;
        Map<String, Object> saved = call.save();
        assertOnlyStableTypes(saved);
        Call back = Call.restore(new HashMap<>(saved), 1, ADDRESSES);
        Transfer r = back.transfer;
        assertSame(back.calleeLegs.get(0), r.transferor);
        assertSame(back.callerLeg, r.transferee);
        assertSame(back.calleeLegs.get(1), r.legs.get(0));
        assertTrue(back.calleeLegs.get(1).transferTarget);
        assertEquals(List.of("1003", "part0001", "c@h", "b0000001", "42"), List.of(r.target, r.partId, r.replaces.callId(),
                r.found.consultationCall(), Long.toString(r.deadline)));
        assertEquals(t.transferorGone, r.transferorGone);
    }

    @Test
    void unknownFormatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Call.restore(Map.of("format", 99), 0, ADDRESSES));
    }

    @SuppressWarnings("unchecked")
    private static void assertOnlyStableTypes(Object value) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(HandoverFormatTest::assertOnlyStableTypes);
        } else if (value instanceof List<?> l) {
            l.forEach(HandoverFormatTest::assertOnlyStableTypes);
        } else {
            String name = value.getClass().getName();
            assertTrue(name.startsWith("java.") || name.startsWith("org.plugboard.api.") || name.startsWith("javax.sip")
                    || value instanceof byte[], "hand-over holds a " + name);
        }
    }
}
