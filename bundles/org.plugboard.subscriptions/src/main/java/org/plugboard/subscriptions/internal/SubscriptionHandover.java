package org.plugboard.subscriptions.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sip.address.Address;
import javax.sip.address.AddressFactory;

import org.plugboard.api.sip.NextHop;

/**
 * A subscription as one version of this bundle hands it to the next through the {@code HandoverStore}: JDK values
 * only (never a class of this bundle), the dialog whole (Call-ID, tags, CSeqs, route set, remote target, hop) so the
 * next version's NOTIFYs are in the same dialog. {@link #FORMAT} versions the shape.
 */
final class SubscriptionHandover {
    static final int FORMAT = 1;

    private SubscriptionHandover() {
    }

    static Map<String, Object> save(Subscription s) {
        Map<String, Object> m = new HashMap<>();
        m.put("format", FORMAT);
        m.put("event", s.event);
        put(m, "eventId", s.eventId);
        m.put("subscriber", s.subscriber);
        m.put("resource", s.resource);
        m.put("entity", s.entity);
        m.put("callId", s.callId);
        m.put("localTag", s.localTag);
        m.put("remoteTag", s.remoteTag);
        m.put("localAddress", s.localAddress.toString());
        m.put("remoteAddress", s.remoteAddress.toString());
        m.put("routeSet", s.routeSet.stream().map(Object::toString).toList());
        m.put("remoteTarget", s.remoteTarget.toString());
        m.put("hop", List.of(s.hop.host(), String.valueOf(s.hop.port()), s.hop.transport()));
        m.put("profile", s.profile);
        m.put("localCseq", s.localCseq);
        m.put("remoteCseq", s.remoteCseq);
        m.put("expiresAt", s.expiresAt);
        m.put("version", s.version);
        m.put("dirty", s.dirty);
        put(m, "terminateReason", s.terminateReason);
        m.put("inFlightCseq", s.inFlightCseq);
        m.put("inFlightSince", s.inFlightSince);
        m.put("lastNotifyAt", s.lastNotifyAt);
        m.put("lastVersion", s.lastVersion);
        m.put("lastStatus", s.lastStatus);
        return m;
    }

    /** @throws IllegalArgumentException for a state of another format or shape */
    static Subscription restore(Map<String, Object> m, AddressFactory addresses) {
        Object format = m.get("format");
        if (!Integer.valueOf(FORMAT).equals(format)) {
            throw new IllegalArgumentException("hand-over format " + format + ", this version reads " + FORMAT);
        }
        try {
            List<Address> routes = new ArrayList<>();
            for (Object r : (List<?>) m.get("routeSet")) {
                routes.add(addresses.createAddress((String) r));
            }
            List<?> hop = (List<?>) m.get("hop");
            Subscription s = new Subscription((String) m.get("event"), (String) m.get("eventId"), (String) m.get("subscriber"),
                    (String) m.get("resource"), (String) m.get("entity"), (String) m.get("callId"), (String) m.get("localTag"),
                    (String) m.get("remoteTag"), addresses.createAddress((String) m.get("localAddress")),
                    addresses.createAddress((String) m.get("remoteAddress")), routes, addresses.createURI((String) m.get("remoteTarget")),
                    new NextHop((String) hop.get(0), Integer.parseInt((String) hop.get(1)), (String) hop.get(2)), (String) m.get("profile"),
                    (Long) m.get("remoteCseq"));
            s.localCseq = (Long) m.get("localCseq");
            s.expiresAt = (Long) m.get("expiresAt");
            s.version = (Long) m.get("version");
            s.dirty = (Boolean) m.get("dirty");
            s.terminateReason = (String) m.get("terminateReason");
            s.inFlightCseq = (Long) m.get("inFlightCseq");
            s.inFlightSince = (Long) m.get("inFlightSince");
            s.lastNotifyAt = (Long) m.get("lastNotifyAt");
            s.lastVersion = (Long) m.get("lastVersion");
            s.lastStatus = (String) m.get("lastStatus");
            return s;
        } catch (ParseException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("hand-over state not understood: " + e, e);
        }
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
