package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sip.ClientTransaction;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;

/**
 * SIP traffic that reaches this version while it stops. The SIP bundle parks what comes once our services are
 * unregistered, but a message already on its way to us can arrive while {@code deactivate} runs: it is kept here,
 * as plain {@code javax.sip} and API objects, and handed to the next version, which handles it as if it had come
 * to it. Deliveries still running when the gate closes finish first, so nothing reaches the strands after they
 * are drained. (Found by LiveUpdateUnderLoadIT: an INVITE indexed while the strands stopped became a call nobody
 * ran, and its retry got 482.)
 */
final class StoppingGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Map<String, Object>> late = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;
    /** Where a message goes that comes after the gate was closed and its list handed over (the hand-over store). */
    private volatile java.util.function.Consumer<Map<String, Object>> afterClose;

    void request(ServerRequest request, Runnable deliver) {
        pass(item("request", request, null, null), deliver);
    }

    void response(Response response, ClientTransaction tx, Runnable deliver) {
        pass(item("response", null, response, tx), deliver);
    }

    void timeout(ClientTransaction tx, Runnable deliver) {
        pass(item("timeout", null, null, tx), deliver);
    }

    private void pass(Map<String, Object> item, Runnable deliver) {
        inFlight.incrementAndGet();
        try {
            java.util.function.Consumer<Map<String, Object>> straggler = afterClose;
            if (straggler != null) {
                straggler.accept(item);
            } else if (closed) {
                late.add(item);
            } else {
                deliver.run();
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** From now on a message that comes goes straight to {@code sink} (after {@link #close}'s list was handed over). */
    void afterClose(java.util.function.Consumer<Map<String, Object>> sink) {
        afterClose = sink;
    }

    /** Closes the gate, waits (bounded) for deliveries under way, and returns what came too late, in order. */
    List<Map<String, Object>> close(long timeoutMillis) {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000); // a delivery only hands its message to a strand: microseconds
        }
        return new ArrayList<>(late);
    }

    /** Hands one kept message to the next version's entry points. */
    static void replay(Map<String, Object> item, CallLogic logic) {
        switch (String.valueOf(item.get("kind"))) {
            case "request" -> logic.onRequest((ServerRequest) item.get("request"));
            case "response" -> logic.onResponse((Response) item.get("response"), (ClientTransaction) item.get("tx"));
            case "timeout" -> logic.onTimeout((ClientTransaction) item.get("tx"));
            default -> throw new IllegalArgumentException("unknown kept message " + item.get("kind"));
        }
    }

    private static Map<String, Object> item(String kind, ServerRequest request, Response response, ClientTransaction tx) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", kind);
        Leg.put(m, "request", request);
        Leg.put(m, "response", response);
        Leg.put(m, "tx", tx);
        return m;
    }
}
