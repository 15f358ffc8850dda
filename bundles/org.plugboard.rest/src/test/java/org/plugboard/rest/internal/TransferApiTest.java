package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.TransferVerdict;
import org.plugboard.api.media.Side;

/**
 * {@code POST /api/calls/{id}/transfer}: the body checked before the call engine is asked, the engine's verdict
 * mapped to 202 or a problem naming the cause and the fix. The transfer itself is the calls bundle's
 * (OrderedTransferScenariosTest) and, end to end, RestIT's.
 */
class TransferApiTest {
    final List<String> asked = new ArrayList<>();
    TransferVerdict next = new TransferVerdict(202, "");

    final CallControl calls = new CallControl() {
        public List<CallInfo> calls() {
            return List.of();
        }

        public Optional<CallInfo> call(String id) {
            return Optional.empty();
        }

        public boolean hangup(String id, CallTag tag) {
            return false;
        }

        @Override
        public CompletionStage<TransferVerdict> transfer(String id, Side side, String target) {
            asked.add(id + " " + side + " " + target);
            return CompletableFuture.completedFuture(next);
        }
    };

    final Api api = new Api(new Services(() -> null, () -> null, () -> calls, () -> null, () -> null, () -> null,
            () -> null), (type, data) -> { }, new Json(), new Gate(ApiTest::login), 1024,
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

    Api.Response call(String user, String method, String path, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Exchange.Body b = new Exchange.Body() {
            public String contentType() {
                return "application/json";
            }

            public long contentLength() {
                return bytes.length;
            }

            public java.io.InputStream stream() {
                return new java.io.ByteArrayInputStream(bytes);
            }
        };
        return api.handle(new Api.Request(method, path, Map.of(), ApiTest.basic(user), "127.0.0.1:1", b));
    }

    void assertProblem(Api.Response r, int status, String type, String field) throws Exception {
        assertEquals(status, r.status(), r.text());
        com.fasterxml.jackson.databind.JsonNode p = new Json().mapper().readTree(r.body());
        assertEquals("/api/problems/" + type, p.get("type").asText(), r.text());
        if (field != null) {
            assertEquals(field, p.path("field").asText(), r.text());
        }
    }

    @Test
    void anAcceptedTransferIs202WithWhatWasAsked() throws Exception {
        Api.Response r = call("admin", "POST", "/api/calls/c7/transfer", "{\"party\":\"caller\",\"target\":\"1003\"}");
        assertEquals(202, r.status(), r.text());
        assertEquals("{\"id\":\"c7\",\"party\":\"caller\",\"target\":\"1003\"}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("c7 CALLER 1003"), asked);
    }

    @Test
    void theBodyIsCheckedBeforeTheEngineIsAsked() throws Exception {
        assertProblem(call("admin", "POST", "/api/calls/c7/transfer", "{\"target\":\"1003\"}"), 400, "missing-field", "party");
        assertProblem(call("admin", "POST", "/api/calls/c7/transfer", "{\"party\":\"both\",\"target\":\"1003\"}"), 400,
                "invalid-value", "party");
        assertProblem(call("admin", "POST", "/api/calls/c7/transfer", "{\"party\":\"callee\",\"target\":\"10 03\"}"), 400,
                "invalid-value", "target");
        assertProblem(call("monitor", "POST", "/api/calls/c7/transfer", "{\"party\":\"callee\",\"target\":\"1003\"}"), 403,
                "forbidden", null);
        assertEquals(List.of(), asked);
    }

    @Test
    void refusalsBecomeProblemsNamingTheCause() throws Exception {
        next = new TransferVerdict(481, "no live call c9");
        assertProblem(call("admin", "POST", "/api/calls/c9/transfer", "{\"party\":\"callee\",\"target\":\"1003\"}"), 404,
                "not-found", null);
        next = new TransferVerdict(403, "transfers are not enabled: install the pbx-transfer feature");
        Api.Response off = call("admin", "POST", "/api/calls/c7/transfer", "{\"party\":\"callee\",\"target\":\"1003\"}");
        assertProblem(off, 403, "transfer-refused", null);
        assertTrue(off.text().contains("pbx-transfer"), off.text());
        next = new TransferVerdict(491, "another transfer of call c7 is in progress");
        assertEquals(409, call("admin", "POST", "/api/calls/c7/transfer", "{\"party\":\"callee\",\"target\":\"1003\"}").status());
        next = new TransferVerdict(482, "1002 is already a party of call c7");
        assertProblem(call("admin", "POST", "/api/calls/c7/transfer", "{\"party\":\"callee\",\"target\":\"1002\"}"), 400,
                "invalid-value", "target");
    }
}
