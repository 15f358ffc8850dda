package org.plugboard.callback.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.OriginateListener;
import org.plugboard.api.calls.OriginateRequest;

/**
 * Datagrams in, answers out, with a recording wire and a call engine that records what it was asked (the B2BUA's
 * originate has its own scenarios in the calls bundle); the listener is driven as the B2BUA would drive it.
 */
class CallbackRequestsTest {
    private static final InetSocketAddress APP = new InetSocketAddress("127.0.0.1", 40000);
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>(); // the fake strand sends too
    private final List<OriginateRequest> asked = new ArrayList<>();
    private final List<OriginateListener> listeners = new ArrayList<>();
    private final CallbackCounters counters = new CallbackCounters();
    private final List<String> hungUp = new ArrayList<>();
    private RuntimeException refusal;
    private Thread strand;
    private final CallControl calls = new CallControl() {
        @Override
        public List<CallInfo> calls() {
            return List.of();
        }

        @Override
        public Optional<CallInfo> call(String id) {
            return Optional.empty();
        }

        @Override
        public boolean hangup(String id, CallTag tag) {
            hungUp.add(id + " " + tag);
            // as the B2BUA does: the release runs on the call's strand, which reports its outcome at once
            OriginateListener l = listeners.get(Integer.parseInt(id.substring(1)) - 1);
            strand = new Thread(() -> l.failed(1, 480, "first party Released by the operator"));
            strand.start();
            return true;
        }

        @Override
        public String originate(OriginateRequest request, OriginateListener listener) {
            if (refusal != null) {
                throw refusal;
            }
            asked.add(request);
            listeners.add(listener);
            return "c" + asked.size();
        }
    };

    private CallbackRequests requests(String allowed, int perSecond, int maxLive) {
        return new CallbackRequests(calls, new SenderGate(SenderGate.parse(allowed), perSecond, nanos::get),
                new CallbackRequests.Limits(64, 30, maxLive, 300), (to, text) -> sent.add(to.getPort() + " " + text), counters, nanos::get);
    }

    private static void send(CallbackRequests r, InetSocketAddress from, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        r.datagram(from, data, data.length);
    }

    @Test
    void anAcceptedRequestReportsEachStepToItsSender() {
        CallbackRequests r = requests("127.0.0.1", 5, 10);
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001 second=1002 timeout=20");
        assertEquals(List.of("40000 CB/1 ACCEPTED id=r1 call=c1"), sent);
        OriginateRequest req = asked.get(0);
        assertEquals("1001", req.first());
        assertEquals("1002", req.second());
        assertEquals(20, req.answerTimeout().toSeconds());
        assertEquals("callback:127.0.0.1", req.requestedBy());
        assertEquals("r1", req.reference());
        OriginateListener l = listeners.get(0);
        l.firstRinging();
        l.firstAnswered();
        l.secondRinging();
        l.connected("c1");
        l.ended(CallTag.CALLER_BYE);
        assertEquals(List.of("40000 CB/1 ACCEPTED id=r1 call=c1", "40000 CB/1 EVENT id=r1 call=c1 event=ringing party=1",
                "40000 CB/1 EVENT id=r1 call=c1 event=answered party=1", "40000 CB/1 EVENT id=r1 call=c1 event=ringing party=2",
                "40000 CB/1 EVENT id=r1 call=c1 event=connected", "40000 CB/1 EVENT id=r1 call=c1 event=ended tag=CALLER_BYE"), sent);
        assertEquals(0, counters.live.get());
        assertEquals(1, counters.connected.get());
    }

    @Test
    void disallowedAndFloodingSendersAreDroppedAndCountedWithoutAnAnswer() {
        CallbackRequests r = requests("127.0.0.2", 2, 10);
        send(r, APP, "CB/1 PING id=a");
        assertEquals(List.of(), sent);
        assertEquals(1, counters.disallowed.get());
        InetSocketAddress allowed = new InetSocketAddress("127.0.0.2", 40001);
        for (int i = 0; i < 5; i++) {
            send(r, allowed, "CB/1 PING id=p" + i);
        }
        assertEquals(List.of("40001 CB/1 PONG id=p0", "40001 CB/1 PONG id=p1"), sent);
        assertEquals(3, counters.flooded.get());
        assertEquals(6, counters.received.get());
    }

    @Test
    void malformedOversizedAndRefusedRequestsGetAnErrorNamingTheFault() {
        CallbackRequests r = requests("127.0.0.1", 100, 1);
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001");
        r.datagram(APP, new byte[64], 1400);
        send(r, APP, "CB/1 ORIGINATE id=r2 first=10 01 second=1002");
        send(r, APP, "CB/1 ORIGINATE id=r3 first=1001 second=1002");
        send(r, APP, "CB/1 ORIGINATE id=r4 first=1001 second=1003");
        listeners.get(0).failed(2, 486, "busy");
        refusal = new IllegalStateException("the calls bundle is stopping");
        send(r, APP, "CB/1 ORIGINATE id=r5 first=1001 second=1003");
        assertEquals("40000 CB/1 ERROR id=r1 code=400 reason=ORIGINATE needs first= and second=", sent.get(0));
        assertEquals("40000 CB/1 ERROR id=- code=413 reason=datagram larger than 64 bytes (maxDatagramBytes)", sent.get(1));
        assertEquals("40000 CB/1 ERROR id=r2 code=400 reason=field '01' is not key=value", sent.get(2));
        assertEquals("40000 CB/1 ACCEPTED id=r3 call=c1", sent.get(3));
        assertEquals("40000 CB/1 ERROR id=r4 code=503 reason=1 call-back calls are being set up or up (maxLive): try again later", sent.get(4));
        assertEquals("40000 CB/1 EVENT id=r3 call=c1 event=failed party=2 status=486 reason=busy", sent.get(5));
        assertTrue(sent.get(6).startsWith("40000 CB/1 ERROR id=r5 code=503 reason=the PBX cannot take the call now: the calls bundle"), sent.get(6));
        assertEquals(1, counters.oversized.get());
        assertEquals(5, counters.rejected.get());
        assertEquals(0, counters.live.get());
    }

    @Test
    void eventsBeforeTheAcceptedAnswerWaitForIt() {
        CallControl quick = new CallControl() {
            public List<CallInfo> calls() {
                return List.of();
            }

            public Optional<CallInfo> call(String id) {
                return Optional.empty();
            }

            public boolean hangup(String id, CallTag tag) {
                return false;
            }

            @Override
            public String originate(OriginateRequest request, OriginateListener listener) {
                listener.failed(1, 404, "first party Not Found"); // the strand was quicker than this thread
                return "c9";
            }
        };
        CallbackRequests r = new CallbackRequests(quick, new SenderGate(SenderGate.parse("127.0.0.1"), 5, nanos::get),
                new CallbackRequests.Limits(64, 30, 10, 300), (to, text) -> sent.add(text), counters, nanos::get);
        send(r, APP, "CB/1 ORIGINATE id=q first=9 second=1");
        assertEquals(List.of("CB/1 ACCEPTED id=q call=c9", "CB/1 EVENT id=q call=c9 event=failed party=1 status=404 reason=first party Not Found"),
                sent);
    }

    @Test
    void aRepeatedIdFromTheSameSenderGetsTheFirstAnswerAndStatusNotASecondCall() {
        CallbackRequests r = requests("127.0.0.1,127.0.0.2", 100, 10);
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        listeners.get(0).firstRinging();
        InetSocketAddress newPort = new InetSocketAddress("127.0.0.1", 40002); // the requester's retry from a new socket
        send(r, newPort, "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        assertEquals(1, asked.size(), "no second call");
        assertEquals(List.of("40002 CB/1 ACCEPTED id=r1 call=c1", "40002 CB/1 EVENT id=r1 call=c1 event=ringing party=1"),
                sent.subList(2, 4));
        assertEquals(1, counters.repeated.get());
        assertEquals(1, counters.live.get());

        send(r, new InetSocketAddress("127.0.0.2", 40000), "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        assertEquals(2, asked.size(), "the same id from another sender is its own request");
        listeners.get(0).failed(1, 486, "busy");
        nanos.addAndGet(299_000_000_000L);
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        assertEquals(2, asked.size(), "still within the window after the call ended");
        assertEquals("40000 CB/1 EVENT id=r1 call=c1 event=failed party=1 status=486 reason=busy", sent.get(sent.size() - 1));
        nanos.addAndGet(2_000_000_000L);
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        assertEquals(3, asked.size(), "after the window the id may be used again");
    }

    @Test
    void aRequestRefusedWith503MayBeRepeatedWithTheSameId() {
        CallbackRequests r = requests("127.0.0.1", 100, 10);
        refusal = new IllegalStateException("the calls bundle is stopping");
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        refusal = null;
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        assertEquals("40000 CB/1 ACCEPTED id=r1 call=c1", sent.get(1));
        assertEquals(0, counters.repeated.get());
    }

    @Test
    void cancelEndsThePendingCallOfTheSameSenderOnly() throws InterruptedException {
        CallbackRequests r = requests("127.0.0.1,127.0.0.2", 100, 10);
        send(r, APP, "CB/1 ORIGINATE id=r1 first=1001 second=1002");
        send(r, new InetSocketAddress("127.0.0.2", 40000), "CB/1 CANCEL id=r1");
        assertEquals(List.of(), hungUp, "another sender cannot cancel it");
        assertTrue(sent.get(1).startsWith("40000 CB/1 ERROR id=r1 code=404 reason=no call-back id=r1 from this address"), sent.get(1));
        send(r, APP, "CB/1 CANCEL id=r1");
        strand.join(5000);
        assertEquals(List.of("c1 ADMIN_HANGUP"), hungUp);
        assertEquals("40000 CB/1 CANCELLED id=r1 call=c1", sent.get(2), "CANCELLED before the outcome it causes");
        assertEquals("40000 CB/1 EVENT id=r1 call=c1 event=failed party=1 status=480 reason=first party Released by the operator",
                sent.get(3));
        send(r, APP, "CB/1 CANCEL id=r1");
        assertEquals("40000 CB/1 ERROR id=r1 code=404 reason=call-back id=r1 (call c1) has already ended", sent.get(sent.size() - 1));
        send(r, APP, "CB/1 CANCEL id=nope");
        assertTrue(sent.get(sent.size() - 1).startsWith("40000 CB/1 ERROR id=nope code=404"), sent.toString());
        assertEquals(1, counters.cancelled.get());
        assertEquals(0, counters.live.get());
    }
}
