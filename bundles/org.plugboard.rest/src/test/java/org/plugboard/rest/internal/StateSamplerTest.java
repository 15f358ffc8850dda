package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.location.Binding;
import org.plugboard.api.status.LineState;
import org.plugboard.api.status.LineStatus;

class StateSamplerTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    final StateSampler sampler = new StateSampler();

    static Binding binding(String ext, String contact) {
        return new Binding(ext, contact, NOW.plusSeconds(60), "c1", 1, "127.0.0.1:5070", "UDP", "sipp", "");
    }

    static LineStatus line(String name, LineState state, String last) {
        return new LineStatus(name, "example.net", "acc", "UDP", true, state, last, -1, 5, 0, "192.0.2.1:5060", List.of());
    }

    static List<String> types(List<StateSampler.Change> changes) {
        return changes.stream().map(StateSampler.Change::type).toList();
    }

    @Test
    void theFirstLookIsTheBaselineThenAddedAndRemovedBindingsAreEvents() {
        assertEquals(List.of(), types(sampler.registrations(List.of(binding("1001", "sip:a@x")), NOW)));
        assertEquals(List.of(), types(sampler.registrations(List.of(binding("1001", "sip:a@x")), NOW)), "no change");
        List<StateSampler.Change> c = sampler.registrations(List.of(binding("1002", "sip:b@x")), NOW);
        assertEquals(List.of("registration.added", "registration.removed"), types(c));
        assertEquals("1002", ((Views.Registration) c.get(0).data().get("registration")).extension());
    }

    @Test
    void anAbsentServiceKeepsTheBaseline() {
        sampler.registrations(List.of(binding("1001", "sip:a@x")), NOW);
        assertEquals(List.of(), types(sampler.registrations(null, NOW)));
        assertEquals(List.of(), types(sampler.registrations(List.of(binding("1001", "sip:a@x")), NOW)));
    }

    @Test
    void lineStateAndAnswerChangesAreEventsButCountdownsAreNot() {
        sampler.lines(List.of(line("carrier1", LineState.UNREGISTERED, "")));
        assertEquals(List.of("line.changed"), types(sampler.lines(List.of(line("carrier1", LineState.REGISTERED, "200 OK")))));
        LineStatus later = new LineStatus("carrier1", "example.net", "acc", "UDP", true, LineState.REGISTERED, "200 OK",
                100, 80, 0, "192.0.2.1:5060", List.of());
        assertEquals(List.of(), types(sampler.lines(List.of(later))));
        assertEquals(List.of("line.added", "line.removed"), types(sampler.lines(List.of(line("carrier2",
                LineState.FAILING, "403 Forbidden")))));
    }
}
