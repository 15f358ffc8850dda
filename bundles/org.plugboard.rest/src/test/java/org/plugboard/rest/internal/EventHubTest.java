package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.status.LineState;
import org.plugboard.api.status.LineStatus;
import org.plugboard.api.status.LineStatusService;

class EventHubTest {
    /** Sampling once a minute: only the look taken when the service is bound can make the baseline in time. */
    static final Map<String, Object> CONFIG = Map.of("events_buffer", 100, "events_queue", 100,
            "events_sample_millis", 60_000L);

    final List<LineStatus> configured = new CopyOnWriteArrayList<>();
    final EventHub hub = new EventHub(config(CONFIG));

    static RestConfig config(Map<String, Object> values) {
        return (RestConfig) Proxy.newProxyInstance(RestConfig.class.getClassLoader(), new Class<?>[] {RestConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    final LineStatusService lines = new LineStatusService() {
        @Override
        public List<LineStatus> lines() {
            return List.copyOf(configured);
        }

        @Override
        public Optional<LineStatus> line(String name) {
            return configured.stream().filter(l -> l.name().equals(name)).findFirst();
        }
    };

    @AfterEach
    void stop() {
        hub.deactivate();
    }

    /** Regression (RestIT): a line added right after activation, before the first periodic sample, was never an event. */
    @Test
    void aLineAddedBeforeTheFirstPeriodicSampleIsAnEvent() throws Exception {
        hub.setLines(lines);
        configured.add(StateSamplerTest.line("restline", LineState.UNREGISTERED, ""));
        hub.sample();
        EventRing.Slice events = hub.ring().await(hub.ring().oldestId() - 1, 5000);
        assertEquals(List.of("line.added"), events.events().stream().map(EventRing.Event::type).toList());
    }

    @Test
    void linesPresentWhenTheServiceIsBoundAreTheBaselineNotNews() throws Exception {
        configured.add(StateSamplerTest.line("carrier1", LineState.REGISTERED, "200 OK"));
        hub.setLines(lines);
        configured.clear();
        hub.sample();
        EventRing.Slice events = hub.ring().await(hub.ring().oldestId() - 1, 5000);
        assertEquals(List.of("line.removed"), events.events().stream().map(EventRing.Event::type).toList());
    }
}
