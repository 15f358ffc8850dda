package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrFilter;
import org.plugboard.api.cdr.CdrSearch;
import org.plugboard.api.trace.SipTraceService;
import org.plugboard.api.trace.TracedMessage;

import com.fasterxml.jackson.databind.JsonNode;

/** /api/trace over a trace in memory with the SipTraceService contract (the real one: CallTracesTest, RestWebIT). */
class TraceResourceTest {
    final List<TracedMessage> kept = new ArrayList<>();
    boolean on;
    final SipTraceService trace = new SipTraceService() {
        public boolean enabled() {
            return on;
        }

        public void setEnabled(boolean v) {
            on = v;
        }

        public List<TracedMessage> messages(Collection<String> callIds) {
            return kept.stream().filter(m -> callIds.contains(m.callId())).toList();
        }
    };
    /** The CDR store's records of ended calls, as JdbcCdrSink.findCall answers (by call id, else caller's Call-ID). */
    final List<CallDetailRecord> records = new ArrayList<>();
    /** Set: the store fails as a database that is down. */
    String storeDown;
    CdrSearch store = new CdrSearch() {
        public List<CallDetailRecord> find(CdrFilter filter) {
            throw new AssertionError("the trace looks up one call only");
        }

        public List<CallDetailRecord> findCall(String refOrCallId) {
            if (storeDown != null) {
                throw new IllegalStateException(storeDown);
            }
            List<CallDetailRecord> byRef = records.stream().filter(r -> r.id().equals(refOrCallId)).toList();
            return byRef.isEmpty() ? records.stream().filter(r -> r.callId().equals(refOrCallId)).toList() : byRef;
        }
    };
    final Api api = new Api(new Services(() -> null, () -> null, () -> null, () -> store, () -> null, () -> null,
            () -> null).trace(() -> trace), (t, d) -> { }, new Json(), new Gate(ApiTest::login), 4096, Clock.systemUTC());

    Api.Response call(String user, String method, String path, Map<String, String[]> query, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Exchange.Body b = new Exchange.Body() {
            public String contentType() {
                return body == null ? null : "application/json";
            }

            public long contentLength() {
                return bytes.length;
            }

            public InputStream stream() {
                return new ByteArrayInputStream(bytes);
            }
        };
        return api.handle(new Api.Request(method, path, query, ApiTest.basic(user), "127.0.0.1:1", b));
    }

    static JsonNode json(Api.Response r) throws Exception {
        return new Json().mapper().readTree(r.body());
    }

    static TracedMessage msg(String callId, boolean out, String first, int second) {
        return new TracedMessage(Instant.ofEpochSecond(1_800_000_000L + second), out, "127.0.0.1:5060", "127.0.0.1:5062",
                "UDP", callId, first, first + "\r\nCall-ID: " + callId + "\r\n\r\n");
    }

    @Test
    void theSwitchNeedsAdminAndSaysItsState() throws Exception {
        assertFalse(json(call("monitor", "GET", "/api/trace", Map.of(), null)).get("enabled").asBoolean());
        assertEquals(403, call("monitor", "PUT", "/api/trace", Map.of(), "{\"enabled\":true}").status());
        assertFalse(on);
        Api.Response r = call("admin", "PUT", "/api/trace", Map.of(), "{\"enabled\":true}");
        assertEquals(200, r.status(), r.text());
        assertTrue(on);
        assertTrue(json(r).get("enabled").asBoolean());
        assertEquals("/api/problems/missing-field", json(call("admin", "PUT", "/api/trace", Map.of(), "{}")).get("type").asText());
        assertEquals("/api/problems/wrong-type",
                json(call("admin", "PUT", "/api/trace", Map.of(), "{\"enabled\":\"yes\"}")).get("type").asText());
    }

    @Test
    void aCallsMessagesWithTheLegsNamedInAlso() throws Exception {
        kept.add(msg("leg-a", false, "INVITE sip:1002@127.0.0.1 SIP/2.0", 0));
        kept.add(msg("leg-b", true, "INVITE sip:1002@127.0.0.1:5063 SIP/2.0", 1));
        kept.add(msg("other", false, "OPTIONS sip:127.0.0.1 SIP/2.0", 2));
        JsonNode only = json(call("monitor", "GET", "/api/trace/calls/leg-a", Map.of(), null));
        assertEquals(1, only.get("items").size());
        JsonNode m = only.get("items").get(0);
        assertEquals("in", m.get("direction").asText());
        assertEquals("127.0.0.1:5062", m.get("remote").asText());
        assertEquals("INVITE sip:1002@127.0.0.1 SIP/2.0", m.get("firstLine").asText());
        assertTrue(m.get("raw").asText().contains("Call-ID: leg-a"));
        JsonNode both = json(call("monitor", "GET", "/api/trace/calls/leg-a", Map.of("also", new String[] {"leg-b"}), null));
        assertEquals(List.of("in", "out"), List.of(both.get("items").get(0).get("direction").asText(),
                both.get("items").get(1).get("direction").asText()));
        assertEquals(0, json(call("monitor", "GET", "/api/trace/calls/nothing", Map.of(), null)).get("items").size());
        String[] many = new String[TraceResource.MAX_ALSO + 1];
        java.util.Arrays.fill(many, "x");
        assertEquals(400, call("monitor", "GET", "/api/trace/calls/leg-a", Map.of("also", many), null).status());
    }

    static CallDetailRecord ended(String ref, String... legs) {
        Instant t = Instant.ofEpochSecond(1_800_000_000L);
        return new CallDetailRecord(legs[0], ref, "1001", "1002", "1002@127.0.0.1:5063", t, t.plusSeconds(1), t.plusSeconds(2),
                t.plusSeconds(9), Disposition.ANSWERED, 200, 16, "Normal call clearing", CallTag.CALLER_BYE, "1002", null,
                List.of(), List.of(legs));
    }

    /** The regression test of "the ladder of an ended call shows only the caller's leg". */
    @Test
    void anEndedCallsLadderHasEveryLegItsRecordNamesInOrder() throws Exception {
        kept.add(msg("leg-a", false, "INVITE sip:1002@127.0.0.1 SIP/2.0", 0));
        kept.add(msg("leg-b", true, "INVITE sip:1002@127.0.0.1:5063 SIP/2.0", 1));
        kept.add(msg("leg-c", true, "INVITE sip:1002@127.0.0.1:5064 SIP/2.0", 2));
        kept.add(msg("leg-b", false, "SIP/2.0 180 Ringing", 3));
        kept.add(msg("leg-b", false, "SIP/2.0 200 OK", 4));
        kept.add(msg("leg-a", true, "SIP/2.0 200 OK", 5));
        kept.add(msg("other", false, "INVITE sip:1003@127.0.0.1 SIP/2.0", 6));
        records.add(ended("c42", "leg-a", "leg-b", "leg-c"));
        List<String> expected = List.of("INVITE sip:1002@127.0.0.1 SIP/2.0", "INVITE sip:1002@127.0.0.1:5063 SIP/2.0",
                "INVITE sip:1002@127.0.0.1:5064 SIP/2.0", "SIP/2.0 180 Ringing", "SIP/2.0 200 OK", "SIP/2.0 200 OK");
        for (String id : new String[] {"leg-a", "c42"}) { // from the CDR search (caller's Call-ID), from the dashboard (call id)
            JsonNode r = json(call("monitor", "GET", "/api/trace/calls/" + id, Map.of(), null));
            assertEquals(expected, firstLines(r), "by " + id);
            assertEquals(List.of("leg-b", "leg-b"), List.of(r.get("items").get(3).get("callId").asText(),
                    r.get("items").get(4).get("callId").asText()), "the callee leg's 180 and 200");
            assertTrue(r.path("notice").isMissingNode(), r.toString());
            assertEquals(List.of("leg-a", "leg-b", "leg-c"), texts(r.get("callIds")), "the legs, not the call id");
        }
        JsonNode unknown = json(call("monitor", "GET", "/api/trace/calls/leg-z", Map.of(), null));
        assertEquals(0, unknown.get("items").size(), "no record, no live call: only what the id names");
    }

    @Test
    void withoutARecordStoreTheNamedLegIsShownAndTheAnswerSaysWhy() throws Exception {
        kept.add(msg("leg-a", false, "INVITE sip:1002@127.0.0.1 SIP/2.0", 0));
        kept.add(msg("leg-b", true, "INVITE sip:1002@127.0.0.1:5063 SIP/2.0", 1));
        records.add(ended("c42", "leg-a", "leg-b"));
        storeDown = "Could not read call records: database error Connection refused";
        JsonNode down = json(call("monitor", "GET", "/api/trace/calls/leg-a", Map.of(), null));
        assertEquals(List.of("INVITE sip:1002@127.0.0.1 SIP/2.0"), firstLines(down));
        assertTrue(down.get("notice").asText().contains("Connection refused"), down.toString());
        store = null;
        JsonNode absent = json(call("monitor", "GET", "/api/trace/calls/leg-a", Map.of(), null));
        assertEquals(1, absent.get("items").size());
        assertTrue(absent.get("notice").asText().contains("pbx-cdr"), absent.toString());
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> firstLines(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.get("items").forEach(m -> out.add(m.get("firstLine").asText()));
        return out;
    }
}
