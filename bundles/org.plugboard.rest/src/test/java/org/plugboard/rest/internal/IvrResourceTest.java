package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.plugboard.api.ivr.IvrFile;
import org.plugboard.api.ivr.IvrFileException;
import org.plugboard.api.ivr.IvrFiles;

import com.fasterxml.jackson.databind.JsonNode;

/** /api/ivr over files in memory with the IvrFiles contract (the real store is IvrFileStoreTest's and RestWebIT's). */
class IvrResourceTest {
    final Map<String, byte[]> stored = new TreeMap<>();
    final IvrFiles files = new IvrFiles() {
        public List<IvrFile> list() {
            return stored.entrySet().stream().map(e -> new IvrFile(e.getKey(), e.getValue().length,
                    Instant.parse("2026-12-07T09:00:00Z"), true, null, 0, 0)).toList();
        }

        public Optional<byte[]> read(String name) {
            check(name);
            return Optional.ofNullable(stored.get(name));
        }

        public boolean write(String name, byte[] content) throws IvrFileException {
            check(name);
            String text = new String(content, StandardCharsets.UTF_8);
            int at = text.indexOf("<bad");
            if (at >= 0) {
                String before = text.substring(0, at);
                int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
                throw new IvrFileException(line, at - before.lastIndexOf('\n'), "element 'bad' is not allowed here");
            }
            return stored.put(name, content) == null;
        }

        public boolean delete(String name) {
            check(name);
            return stored.remove(name) != null;
        }

        public String schema() {
            return "<xs:schema/>";
        }

        void check(String name) {
            if (name.startsWith(".") || name.contains("/")) {
                throw new IllegalArgumentException("'" + name + "' is not an IVR name");
            }
        }
    };
    boolean installed = true;
    final Api api = new Api(new Services(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null,
            () -> null).ivrFiles(() -> installed ? files : null), (t, d) -> { }, new Json(), new Gate(ApiTest::login),
            4096, Clock.systemUTC());

    Api.Response call(String user, String method, String path, String type, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Exchange.Body b = new Exchange.Body() {
            public String contentType() {
                return type;
            }

            public long contentLength() {
                return bytes.length;
            }

            public InputStream stream() {
                return new ByteArrayInputStream(bytes);
            }
        };
        return api.handle(new Api.Request(method, path, Map.of(), ApiTest.basic(user), "127.0.0.1:1", b));
    }

    static JsonNode json(Api.Response r) throws Exception {
        return new Json().mapper().readTree(r.body());
    }

    @Test
    void putListGetAndDelete() throws Exception {
        Api.Response created = call("admin", "PUT", "/api/ivr/files/main", "application/xml", "<ivr number=\"500\"/>");
        assertEquals(201, created.status(), created.text());
        assertEquals("/api/ivr/files/main", created.headers().get("Location"));
        assertEquals("main", json(created).get("name").asText());
        assertEquals(200, call("admin", "PUT", "/api/ivr/files/main", "text/xml; charset=utf-8", "<ivr number=\"501\"/>")
                .status());
        JsonNode list = json(call("monitor", "GET", "/api/ivr/files", null, null));
        assertEquals("main", list.get("items").get(0).get("name").asText());
        assertTrue(list.get("items").get(0).get("valid").asBoolean());
        Api.Response got = call("monitor", "GET", "/api/ivr/files/main", null, null);
        assertEquals("application/xml", got.contentType());
        assertEquals("<ivr number=\"501\"/>", got.text());
        assertEquals(204, call("admin", "DELETE", "/api/ivr/files/main", null, null).status());
        assertEquals(404, call("monitor", "GET", "/api/ivr/files/main", null, null).status());
        assertEquals(404, call("admin", "DELETE", "/api/ivr/files/main", null, null).status());
    }

    @Test
    void anInvalidFileIs400InvalidIvrWithLineAndColumnAndSavesNothing() throws Exception {
        Api.Response r = call("admin", "PUT", "/api/ivr/files/main", "application/xml",
                "<ivr number=\"500\">\n  <menu>\n    <bad/>\n</menu></ivr>");
        assertEquals(400, r.status(), r.text());
        assertEquals(Problem.MEDIA_TYPE, r.contentType());
        JsonNode p = json(r);
        assertEquals("/api/problems/invalid-ivr", p.get("type").asText());
        assertEquals(3, p.get("line").asInt());
        assertEquals(5, p.get("column").asInt());
        assertTrue(p.get("detail").asText().contains("'bad'"), r.text());
        assertTrue(p.get("fix").asText().contains("line 3"), r.text());
        assertTrue(stored.isEmpty());
    }

    @Test
    void wrongTypeBadNameRolesAndAbsentIvr() throws Exception {
        assertEquals(415, call("admin", "PUT", "/api/ivr/files/main", "application/json", "{}").status());
        JsonNode bad = json(call("admin", "PUT", "/api/ivr/files/.hidden", "application/xml", "<ivr/>"));
        assertEquals("/api/problems/invalid-value", bad.get("type").asText());
        assertEquals("name", bad.get("field").asText());
        assertEquals(403, call("monitor", "PUT", "/api/ivr/files/main", "application/xml", "<ivr/>").status());
        assertFalse(stored.containsKey("main"));
        assertEquals("<xs:schema/>", call("monitor", "GET", "/api/ivr/schema", null, null).text());
        installed = false;
        Api.Response absent = call("monitor", "GET", "/api/ivr/files", null, null);
        assertEquals(503, absent.status());
        assertTrue(json(absent).get("fix").asText().contains("pbx-ivr"));
    }
}
