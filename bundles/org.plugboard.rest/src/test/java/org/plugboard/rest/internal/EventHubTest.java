package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.location.Binding;
import org.plugboard.api.status.LineState;
import org.plugboard.api.status.LineStatus;
import org.plugboard.api.status.TrunkStatus;

/** What the registrar, the lines and the trunks tell the hub becomes events, in order, with their data. */
class EventHubTest {
    static final Map<String, Object> CONFIG = Map.of("events_buffer", 100, "events_queue", 100);

    final EventHub hub = new EventHub(config(CONFIG));

    static RestConfig config(Map<String, Object> values) {
        return (RestConfig) Proxy.newProxyInstance(RestConfig.class.getClassLoader(), new Class<?>[] {RestConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    static LineStatus line(String name, LineState state, String lastResponse) {
        return new LineStatus(name, "sip.example.net", "4930111", "UDP", true, state, lastResponse, -1, -1, 0,
                "192.0.2.1:5060", List.of());
    }

    @AfterEach
    void stop() {
        hub.deactivate();
    }

    /** The events after {@code after}, once {@code count} are there (or 5 s passed). */
    List<EventRing.Event> events(long after, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        List<EventRing.Event> seen = List.of();
        while (seen.size() < count && System.currentTimeMillis() < deadline) {
            seen = hub.ring().await(after, 500).events();
        }
        return seen;
    }

    @Test
    void lineChangesBecomeAddedChangedAndRemoved() throws Exception {
        long start = hub.ring().lastId();
        LineStatus failing = line("carrier1", LineState.FAILING, "403 Forbidden");
        LineStatus registered = line("carrier1", LineState.REGISTERED, "200 OK");
        hub.lineChanged(null, failing);
        hub.lineChanged(failing, registered);
        hub.lineChanged(registered, null);
        List<EventRing.Event> events = events(start, 3);
        assertEquals(List.of("line.added", "line.changed", "line.removed"),
                events.stream().map(EventRing.Event::type).toList());
        String changed = events.get(1).data();
        assertTrue(changed.contains("\"previousState\":\"FAILING\"") && changed.contains("\"state\":\"REGISTERED\""),
                changed);
    }

    @Test
    void registrationsAndTrunksAreEventsToo() throws Exception {
        long start = hub.ring().lastId();
        Binding b = new Binding("1001", "sip:1001@127.0.0.1:5070", Instant.now().plusSeconds(60), "cid", 1,
                "127.0.0.1:5070", "UDP", "", "");
        hub.added(b);
        TrunkStatus t = new TrunkStatus("carrier", List.of("127.0.0.4"), "127.0.0.5:16210", "127.0.0.5:16210/UDP",
                List.of(), 0, 0, -1, 2, List.of());
        hub.trunkChanged(null, t);
        hub.removed(b);
        hub.trunkChanged(t, null);
        List<EventRing.Event> events = events(start, 4);
        assertEquals(List.of("registration.added", "trunk.added", "registration.removed", "trunk.removed"),
                events.stream().map(EventRing.Event::type).toList());
        assertTrue(events.get(0).data().contains("sip:1001@127.0.0.1:5070"), events.get(0).data());
        assertTrue(events.get(1).data().contains("\"name\":\"carrier\""), events.get(1).data());
    }
}
