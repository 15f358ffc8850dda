package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrFilter;
import org.plugboard.api.cdr.CdrSearch;

import com.fasterxml.jackson.databind.JsonNode;

/** Calls per minute from CDRs: buckets, outcomes, set-up percentiles, the range asked of the store. */
class StatsResourceTest {
    static final Instant NOW = Instant.parse("2026-12-07T10:30:20Z");
    final List<CallDetailRecord> stored = new ArrayList<>();
    final List<CdrFilter> asked = new ArrayList<>();
    final CdrSearch search = new CdrSearch() {
        @Override
        public List<CallDetailRecord> find(CdrFilter filter) {
            asked.add(filter);
            return stored.stream().filter(r -> filter.since() == null || !r.start().isBefore(filter.since())).toList();
        }

        @Override
        public List<CallDetailRecord> findCall(String refOrCallId) {
            throw new AssertionError("statistics never look up one call");
        }
    };
    final Api api = new Api(new Services(() -> null, () -> null, () -> null, () -> search, () -> null, () -> null,
            () -> null), (t, d) -> { }, new Json(), new Gate(ApiTest::login), 4096, Clock.fixed(NOW, ZoneOffset.UTC));

    static CallDetailRecord cdr(String start, Long ringMs, Long answerMs, Disposition d) {
        Instant s = Instant.parse(start);
        return new CallDetailRecord("c", "id", "1001", "1002", "", s, ringMs == null ? null : s.plusMillis(ringMs),
                answerMs == null ? null : s.plusMillis(answerMs), s.plusSeconds(30), d, 200, 16, "", CallTag.CALLER_BYE);
    }

    JsonNode stats(Map<String, String[]> query) throws Exception {
        Api.Response r = api.handle(new Api.Request("GET", "/api/stats/calls", query, ApiTest.basic("monitor"), "x", null));
        assertEquals(200, r.status(), r.text());
        return new Json().mapper().readTree(r.body());
    }

    @Test
    void perMinuteOutcomesAndSetupPercentiles() throws Exception {
        for (int i = 1; i <= 20; i++) {
            stored.add(cdr("2026-12-07T10:29:0" + (i % 10) + "Z", (long) i * 100, (long) i * 1000, Disposition.ANSWERED));
        }
        stored.add(cdr("2026-12-07T10:29:30Z", null, 700L, Disposition.ANSWERED)); // answered without 18x: 700 ms
        stored.add(cdr("2026-12-07T10:29:40Z", null, null, Disposition.FAILED)); // no set-up time
        stored.add(cdr("2026-12-07T10:30:05Z", 50L, null, Disposition.BUSY));
        stored.add(cdr("2026-12-07T10:20:00Z", 50L, null, Disposition.BUSY)); // before the range
        JsonNode s = stats(Map.of("minutes", new String[] {"3"}));
        assertEquals(Instant.parse("2026-12-07T10:28:00Z"), asked.get(0).since());
        JsonNode items = s.get("items");
        assertEquals(3, items.size());
        assertEquals("2026-12-07T10:28:00Z", items.get(0).get("minute").asText());
        assertEquals(0, items.get(0).get("calls").asInt());
        assertTrue(items.get(0).get("setupMillisP50").isNull());
        JsonNode m = items.get(1);
        assertEquals(22, m.get("calls").asInt());
        assertEquals(21, m.get("answered").asInt());
        assertEquals(1, m.get("failed").asInt());
        // 21 samples: 100..2000 and 700; nearest rank 11 of sorted = 1000 (700 sits between 600 and 800)
        assertEquals(1000, m.get("setupMillisP50").asLong());
        assertEquals(1900, m.get("setupMillisP95").asLong());
        assertEquals(1, items.get(2).get("busy").asInt());
        assertEquals(50, items.get(2).get("setupMillisP95").asLong());
        assertEquals(false, s.get("truncated").asBoolean());
    }

    @Test
    void sixtyMinutesByDefaultAndTheRangeIsChecked() throws Exception {
        assertEquals(60, stats(Map.of()).get("items").size());
        Api.Response bad = api.handle(new Api.Request("GET", "/api/stats/calls", Map.of("minutes", new String[] {"0"}),
                ApiTest.basic("monitor"), "x", null));
        assertEquals(400, bad.status());
    }
}
