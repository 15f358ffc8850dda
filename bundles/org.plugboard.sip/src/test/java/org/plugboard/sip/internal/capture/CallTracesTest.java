package org.plugboard.sip.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.message.MessageFactoryImpl;

/** A call's traced messages for the ladder: in order, legs together, and memory bounded however much is traced. */
class CallTracesTest {
    private static final InetSocketAddress A = new InetSocketAddress("192.0.2.9", 5062);
    private static final InetSocketAddress PBX = new InetSocketAddress("192.0.2.1", 5060);
    private long micros = 1_000_000;

    Captured msg(String callId, int size, boolean out) {
        return new Captured(out, "UDP", out ? PBX : A, out ? A : PBX, micros++, new byte[size], callId, Set.of(), "X");
    }

    @Test
    void aCallsMessagesComeInOrderWithItsOtherLegs() {
        CallTraces t = new CallTraces(10, 1_000_000);
        t.add(msg("a", 10, false));
        t.add(msg("b", 10, true));
        t.add(msg("x", 10, true));
        t.add(msg("a", 10, true));
        List<Captured> both = t.of(List.of("b", "a"));
        assertEquals(3, both.size());
        assertEquals(List.of("a", "b", "a"), both.stream().map(Captured::callId).toList());
        assertTrue(t.of(List.of("nothing")).isEmpty());
    }

    @Test
    void perCallTheOldestMessagesGoAndEachIsCut() {
        CallTraces t = new CallTraces(3, 1_000_000);
        for (int i = 0; i < 5; i++) {
            t.add(msg("a", 100 + i, false));
        }
        assertEquals(List.of(102, 103, 104), t.of(List.of("a")).stream().map(c -> c.bytes().length).toList());
        t.add(msg("big", 100_000, false));
        assertEquals(CallTraces.MESSAGE_BYTES, t.of(List.of("big")).get(0).bytes().length);
        assertEquals(102 + 103 + 104 + CallTraces.MESSAGE_BYTES, t.bytes());
    }

    @Test
    void beyondTheByteBudgetTheLeastRecentlyTouchedCallsAreForgotten() {
        CallTraces t = new CallTraces(100, 50_000);
        for (int i = 0; i < 1000; i++) {
            t.add(msg("call-" + i, 1000, false));
            assertTrue(t.bytes() <= 50_000, "bounded at every step");
        }
        assertEquals(50, t.calls());
        assertTrue(t.of(List.of("call-0")).isEmpty());
        assertEquals(1, t.of(List.of("call-999")).size());
    }

    @Test
    void theCaptureKeepsCallsOnlyWhileTheTraceIsOn() throws Exception {
        SipCapture capture = new SipCapture((tr, v6) -> PBX);
        Request invite = SipCaptureTest.request("INVITE", "100", "101", "c1");
        capture.in(invite, A, "UDP");
        assertTrue(capture.calls().of(List.of("c1")).isEmpty());
        capture.setTrace(true);
        capture.in(invite, A, "UDP");
        capture.out(new MessageFactoryImpl().createResponse(180, invite), A, "UDP");
        capture.in(new MessageFactoryImpl().createResponse(200, invite), A, "UDP"); // a response coming in
        List<Captured> c1 = capture.calls().of(List.of("c1"));
        assertEquals(3, c1.size());
        assertTrue(c1.get(1).outbound());
    }
}
