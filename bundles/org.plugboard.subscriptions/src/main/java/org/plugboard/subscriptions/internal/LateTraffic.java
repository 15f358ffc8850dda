package org.plugboard.subscriptions.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;

/**
 * SIP traffic that reaches this version while it stops. SCR unregisters our services before {@code deactivate}, and
 * from then on the SIP bundle parks our traffic for the next version; a message already on its way to us is kept here
 * as plain API and {@code javax.sip} objects and handed over, so the next version handles it as if it had come to it.
 */
final class LateTraffic {
    private final AtomicInteger delivering = new AtomicInteger();
    private final ConcurrentLinkedQueue<Map<String, Object>> late = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** Runs {@code deliver} now, or keeps the message for the next version once closed. */
    void pass(String kind, Object message, Runnable deliver) {
        delivering.incrementAndGet();
        try {
            if (closed) {
                Map<String, Object> m = new HashMap<>();
                m.put("kind", kind);
                m.put("message", message);
                late.add(m);
            } else {
                deliver.run();
            }
        } finally {
            delivering.decrementAndGet();
        }
    }

    /** Closes, waits (bounded) for deliveries under way, and returns what came too late. */
    List<Map<String, Object>> close(long timeoutMillis) {
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (delivering.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000); // a delivery only queues a task: microseconds
        }
        return new ArrayList<>(late);
    }

    /** Hands one kept message to the layer (on its thread). */
    static void replay(Map<String, Object> item, SubscriptionLayer layer) {
        Object m = item.get("message");
        switch (String.valueOf(item.get("kind"))) {
            case "subscribe" -> layer.subscribe((ServerRequest) m);
            case "response" -> layer.answered((Response) m);
            case "timeout" -> layer.timedOut((Request) m);
            default -> throw new IllegalArgumentException("unknown kept message " + item.get("kind"));
        }
    }
}
