package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API without a container: routing, roles, problem responses and the extension resource over an in-memory
 * directory ({@link MemoryDirectory}); the real services over real HTTP are RestIT's.
 */
class ApiTest {
    static final long LIMIT = 1024;
    final MemoryDirectory directory = new MemoryDirectory();
    final List<String> published = new ArrayList<>();
    final Api api = new Api(new Services(() -> directory, () -> null, () -> null, () -> null, () -> null, () -> null,
            () -> null), (type, data) -> published.add(type), new Json(), new Gate(ApiTest::login), LIMIT,
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

    static Caller login(String user, String password) {
        return switch (user + ":" + password) {
            case "admin:pw" -> new Caller("admin", Set.of("admin", "viewer"));
            case "monitor:pw" -> new Caller("monitor", Set.of("viewer"));
            case "nobody:pw" -> new Caller("nobody", Set.of());
            default -> null;
        };
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":pw").getBytes(StandardCharsets.UTF_8));
    }

    Api.Response call(String user, String method, String path, String json) {
        return call(user, method, path, Map.of(), "application/json", json);
    }

    Api.Response call(String user, String method, String path, Map<String, String[]> query, String type, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Exchange.Body b = new Exchange.Body() {
            public String contentType() {
                return body == null ? null : type;
            }

            public long contentLength() {
                return bytes.length;
            }

            public InputStream stream() {
                return new ByteArrayInputStream(bytes);
            }
        };
        return api.handle(new Api.Request(method, path, query, user == null ? null : basic(user), "127.0.0.1:1", b));
    }

    JsonNode json(Api.Response r) throws Exception {
        return new Json().mapper().readTree(r.body());
    }

    void assertProblem(Api.Response r, int status, String type, String field) throws Exception {
        assertEquals(status, r.status(), r.text());
        assertEquals(Problem.MEDIA_TYPE, r.contentType());
        JsonNode p = json(r);
        assertEquals("/api/problems/" + type, p.get("type").asText(), r.text());
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.hasNonNull("detail") && p.hasNonNull("title"), r.text());
        if (field != null) {
            assertEquals(field, p.path("field").asText(), r.text());
            assertTrue(p.path("fix").asText().length() > 5, "a fix is named: " + r.text());
        }
    }

    @Test
    void addReadChangeAndRemoveAnExtension() throws Exception {
        Api.Response added = call("admin", "POST", "/api/extensions",
                "{\"number\":\"1010\",\"displayName\":\"Desk\",\"password\":\"secret-1010\",\"maxDevices\":2}");
        assertEquals(201, added.status(), added.text());
        assertEquals("/api/extensions/1010", added.headers().get("Location"));
        assertEquals(2, json(added).get("maxDevices").asInt());
        assertTrue(!added.text().contains("secret"), "the password never comes out");
        assertEquals("Desk", json(call("monitor", "GET", "/api/extensions/1010", null)).get("displayName").asText());
        Api.Response changed = call("admin", "PATCH", "/api/extensions/1010", "{\"displayName\":\"Front desk\"}");
        assertEquals(200, changed.status(), changed.text());
        assertEquals("Front desk", directory.find("1010").orElseThrow().displayName());
        assertEquals(204, call("admin", "DELETE", "/api/extensions/1010", null).status());
        assertProblem(call("admin", "GET", "/api/extensions/1010", null), 404, "not-found", null);
    }

    @Test
    void listSearchesAndPages() throws Exception {
        for (int i = 0; i < 5; i++) {
            directory.add("10" + i, i % 2 == 0 ? "Sales " + i : "Support " + i, "pw-long-enough");
        }
        JsonNode page = json(call("monitor", "GET", "/api/extensions",
                Map.of("offset", new String[] {"1"}, "limit", new String[] {"2"}), null, null));
        assertEquals(List.of("101", "102"), List.of(page.get("items").get(0).get("number").asText(),
                page.get("items").get(1).get("number").asText()));
        assertTrue(page.get("more").asBoolean());
        JsonNode found = json(call("monitor", "GET", "/api/extensions", Map.of("q", new String[] {"sales"}), null, null));
        assertEquals(3, found.get("items").size(), found.toString());
        assertProblem(call("monitor", "GET", "/api/extensions", Map.of("limit", new String[] {"0"}), null, null), 400,
                "invalid-value", "limit");
    }

    @Test
    void badBodiesAreProblemsNamingTheFieldAndTheFix() throws Exception {
        assertProblem(call("admin", "POST", "/api/extensions", "{\"number\": \"1010\", "), 400, "malformed-json", null);
        assertProblem(call("admin", "POST", "/api/extensions", "{\"number\":\"1010\",\"password\":\"x\",\"colour\":1}"),
                400, "unknown-field", "colour");
        assertProblem(call("admin", "POST", "/api/extensions", "{\"number\":\"1010\",\"password\":\"pw\",\"maxDevices\":\"two\"}"),
                400, "wrong-type", "maxDevices");
        assertProblem(call("admin", "POST", "/api/extensions", "{\"number\":1010,\"password\":\"pw\"}"), 400,
                "wrong-type", "number");
        assertProblem(call("admin", "POST", "/api/extensions", "{\"displayName\":\"x\",\"password\":\"pw\"}"), 400,
                "missing-field", "number");
        assertProblem(call("admin", "POST", "/api/extensions", "{\"number\":\"1\",\"password\":\"pw\",\"maxDevices\":0}"),
                400, "invalid-value", "maxDevices");
        assertProblem(call("admin", "POST", "/api/extensions", "[1,2]"), 400, "malformed-json", null);
        assertProblem(call("admin", "POST", "/api/extensions", Map.of(), "text/plain", "number=1"), 415,
                "unsupported-media-type", null);
        String big = "{\"number\":\"1010\",\"displayName\":\"" + "x".repeat((int) LIMIT) + "\",\"password\":\"pw\"}";
        assertProblem(call("admin", "POST", "/api/extensions", big), 413, "body-too-large", null);
        assertTrue(directory.list().isEmpty(), "nothing was added by a bad request");
    }

    @Test
    void unknownPathIs404AndWrongMethod405WithAllow() throws Exception {
        assertProblem(call("admin", "GET", "/api/nothing-here", null), 404, "not-found", null);
        Api.Response r = call("admin", "PUT", "/api/extensions", "{}");
        assertProblem(r, 405, "method-not-allowed", null);
        assertEquals("GET, POST", r.headers().get("Allow"));
    }

    @Test
    void readsNeedViewerAndChangesNeedAdmin() throws Exception {
        Api.Response anonymous = call(null, "GET", "/api/extensions", null);
        assertProblem(anonymous, 401, "unauthorized", null);
        assertTrue(anonymous.headers().get("WWW-Authenticate").startsWith("Basic"));
        assertProblem(call("stranger", "GET", "/api/extensions", null), 401, "unauthorized", null);
        assertProblem(call("nobody", "GET", "/api/extensions", null), 403, "forbidden", null);
        assertEquals(200, call("monitor", "GET", "/api/extensions", null).status());
        assertProblem(call("monitor", "POST", "/api/extensions", "{\"number\":\"1010\",\"password\":\"pw-pw-pw\"}"),
                403, "forbidden", null);
        assertProblem(call("monitor", "DELETE", "/api/extensions/1010", null), 403, "forbidden", null);
        assertTrue(directory.list().isEmpty());
        assertEquals(200, call(null, "GET", "/api/openapi.json", null).status(), "the document is public");
    }

    @Test
    void aMissingServiceIs503NamingTheFeature() throws Exception {
        Api.Response r = call("monitor", "GET", "/api/calls", null);
        assertProblem(r, 503, "service-unavailable", null);
        assertTrue(json(r).get("fix").asText().contains("feature:install pbx-calls"), r.text());
    }

    @Test
    void originateIsValidatedBeforeTheCallEngine() throws Exception {
        assertProblem(call("admin", "POST", "/api/calls", "{\"first\":\"1001\"}"), 400, "missing-field", "second");
        assertProblem(call("admin", "POST", "/api/calls", "{\"first\":\"1001\",\"second\":\"10 02\"}"), 400,
                "invalid-value", "second");
        assertProblem(call("admin", "POST", "/api/calls", "{\"first\":\"1001\",\"second\":\"1002\",\"answerTimeoutSeconds\":0}"),
                400, "invalid-value", "answerTimeoutSeconds");
        assertProblem(call("monitor", "POST", "/api/calls", "{\"first\":\"1001\",\"second\":\"1002\"}"), 403,
                "forbidden", null);
    }

    @Test
    void clientTextIsLoggedAsOneBoundedLine() {
        assertEquals("a?b?c", Api.oneLine("a\nb\rc", 10));
        assertEquals("abc...", Api.oneLine("abcdef", 3));
        assertEquals("", Api.oneLine(null, 3));
    }

    /** A directory in memory with the rules of the real one that the API relies on. */
    static final class MemoryDirectory implements org.plugboard.api.directory.Directory {
        private final Map<String, org.plugboard.api.directory.Extension> map = new HashMap<>();

        public String realm() {
            return "test";
        }

        public java.util.Optional<org.plugboard.api.directory.Extension> find(String number) {
            return java.util.Optional.ofNullable(map.get(number));
        }

        public List<org.plugboard.api.directory.Extension> list() {
            return map.values().stream().sorted(java.util.Comparator.comparing(org.plugboard.api.directory.Extension::number)).toList();
        }

        public int count() {
            return map.size();
        }

        public org.plugboard.api.directory.Extension add(String number, String displayName, String password) {
            org.plugboard.api.directory.Extension e = new org.plugboard.api.directory.Extension(number, displayName, 1);
            map.put(number, e);
            return e;
        }

        public boolean remove(String number) {
            return map.remove(number) != null;
        }

        public void setPassword(String number, String password) {
        }

        public void setDisplayName(String number, String displayName) {
            map.computeIfPresent(number, (n, e) -> new org.plugboard.api.directory.Extension(n, displayName, e.maxDevices()));
        }

        public void setMaxDevices(String number, int maxDevices) {
            map.computeIfPresent(number, (n, e) -> new org.plugboard.api.directory.Extension(n, e.displayName(), maxDevices));
        }

        public java.util.Optional<String> ha1(String number, org.plugboard.api.directory.DigestAlgorithm algorithm) {
            return java.util.Optional.empty();
        }

        public org.plugboard.api.directory.ImportResult importCsv(java.io.Reader csv) {
            throw new UnsupportedOperationException();
        }
    }
}
