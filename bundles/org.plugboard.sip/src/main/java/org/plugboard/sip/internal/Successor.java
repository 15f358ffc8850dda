package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import javax.sip.message.Response;

import org.plugboard.api.handover.HandoverStore;

/**
 * Where the answers to requests of a stopped version of this bundle go. The calls bundle hands over the
 * {@code ServerRequest} of a ringing call's INVITE (and of a re-INVITE in flight); after an update of this bundle it
 * still answers through that object, whose server transaction died with the old stack. Once stopped, such an
 * answer is forwarded to the next version, which passes it through its own outbound rewriters and sends it
 * statelessly (2xx retransmissions are the caller's job anyway). The link between versions is a JDK
 * {@link AtomicReference} of a {@link Function} over a map of JDK and javax.sip values, left in the
 * {@link HandoverStore}: no class of one version is cast in the other.
 */
final class Successor {
    static final String OWNER = "org.plugboard.sip.successor";
    static final String NEXT = "next";
    /** Keys of the map an answer is forwarded as. */
    static final String RESPONSE = "response";
    static final String PROFILE = "profile";
    static final String TRANSPORT = "transport";
    static final String SOURCE = "source";

    private final AtomicReference<Function<Map<String, Object>, Boolean>> next = new AtomicReference<>();
    /** Links of earlier versions that now point here: handed on again when this version stops. */
    private final List<AtomicReference<Function<Map<String, Object>, Boolean>>> adopted = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    /** True once this version stopped and a next one took its answers over. */
    boolean forwarding() {
        return stopped && next.get() != null;
    }

    /** An answer to a request of this (stopped) version, for the next one to send. */
    boolean forward(Response response, String profile, String transport, InetSocketAddress source) {
        return next.get().apply(Map.of(RESPONSE, response, PROFILE, profile, TRANSPORT, transport, SOURCE, source));
    }

    /** This version stops: answers through it wait for the next version, which finds the links in the store. */
    void stop(HandoverStore store) {
        stopped = true;
        if (store == null) {
            return;
        }
        List<Map<String, Object>> links = new ArrayList<>();
        links.add(Map.of(NEXT, next));
        adopted.forEach(a -> links.add(Map.of(NEXT, a)));
        store.deposit(OWNER, links);
    }

    /** This version starts: the answers of earlier versions come here. */
    @SuppressWarnings("unchecked")
    void adopt(HandoverStore store, Function<Map<String, Object>, Boolean> here) {
        if (store == null) {
            return;
        }
        for (Map<String, Object> link : store.collect(OWNER)) {
            if (link.get(NEXT) instanceof AtomicReference<?> ref) {
                AtomicReference<Function<Map<String, Object>, Boolean>> r = (AtomicReference<Function<Map<String, Object>, Boolean>>) ref;
                r.set(here);
                adopted.add(r);
            }
        }
    }
}
