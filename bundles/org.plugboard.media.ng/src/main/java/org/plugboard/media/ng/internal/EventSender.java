package org.plugboard.media.ng.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's events toward a client (an operation's outcome): each goes with a cookie of its own and is sent again
 * every {@value #RESEND_MS} ms until the client acknowledges that cookie, at most {@value #ATTEMPTS} times, so a lost
 * datagram does not leave an application waiting. The client ignores a repeated event.
 */
final class EventSender {
    private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);
    static final long RESEND_MS = 200;
    static final int ATTEMPTS = 10;

    private final BiConsumer<InetSocketAddress, byte[]> send;
    private final ScheduledExecutorService timer;
    private final String prefix = "ev" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + "_";
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Boolean> waiting = new ConcurrentHashMap<>();
    final AtomicLong unacknowledged = new AtomicLong();

    EventSender(BiConsumer<InetSocketAddress, byte[]> send, ScheduledExecutorService timer) {
        this.send = send;
        this.timer = timer;
    }

    void send(InetSocketAddress to, Map<String, Object> event) {
        String cookie = prefix + sequence.incrementAndGet();
        byte[] datagram = NgCodec.encode(cookie, event);
        waiting.put(cookie, Boolean.TRUE);
        attempt(to, cookie, datagram, 1);
    }

    /** True when {@code cookie} is one of our events: the datagram was its acknowledgement. */
    boolean acknowledged(String cookie) {
        if (!cookie.startsWith(prefix)) {
            return false;
        }
        waiting.remove(cookie);
        return true;
    }

    int waiting() {
        return waiting.size();
    }

    private void attempt(InetSocketAddress to, String cookie, byte[] datagram, int attempt) {
        if (!waiting.containsKey(cookie)) {
            return;
        }
        if (attempt > ATTEMPTS) {
            waiting.remove(cookie);
            unacknowledged.incrementAndGet();
            LOG.info("ng event {} to {} never acknowledged", cookie, Addresses.format(to));
            return;
        }
        send.accept(to, datagram);
        try {
            timer.schedule(() -> attempt(to, cookie, datagram, attempt + 1), RESEND_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            waiting.remove(cookie); // the server stops
        }
    }
}
