package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The web page's login: the session cookie on every route, its expiry, the CSRF guard, failed logins counted. */
class SessionApiTest {
    final ApiTest.MemoryDirectory directory = new ApiTest.MemoryDirectory();
    final AtomicLong now = new AtomicLong(5_000_000);
    final Sessions sessions = new Sessions(600_000, 10, now::get);
    final Gate gate = new Gate(ApiTest::login, sessions);
    final Api api = new Api(new Services(() -> directory, () -> null, () -> null, () -> null, () -> null, () -> null,
            () -> null), (type, data) -> { }, new Json(), gate, 4096, Clock.systemUTC());

    Api.Response call(String method, String path, String token, String requestedWith, String json) {
        byte[] bytes = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        Exchange.Body b = new Exchange.Body() {
            public String contentType() {
                return json == null ? null : "application/json";
            }

            public long contentLength() {
                return bytes.length;
            }

            public InputStream stream() {
                return new ByteArrayInputStream(bytes);
            }
        };
        return api.handle(new Api.Request(method, path, Map.of(), null, "127.0.0.1:2", b, token, requestedWith));
    }

    static JsonNode json(Api.Response r) throws Exception {
        return new Json().mapper().readTree(r.body());
    }

    String login(String user) throws Exception {
        Api.Response r = call("POST", "/api/session", null, null, "{\"user\":\"" + user + "\",\"password\":\"pw\"}");
        assertEquals(200, r.status(), r.text());
        String cookie = r.headers().get("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/api"),
                cookie);
        assertEquals(user, json(r).get("user").asText());
        return Sessions.token(cookie.substring(0, cookie.indexOf(';')));
    }

    @Test
    void theCookieReadsAndWithThePageHeaderChanges() throws Exception {
        String admin = login("admin");
        assertEquals(200, call("GET", "/api/extensions", admin, null, null).status());
        JsonNode who = json(call("GET", "/api/session", admin, null, null));
        assertEquals("cookie", who.get("via").asText());
        assertTrue(who.get("mayChange").asBoolean());
        assertEquals(List.of("admin", "viewer"), List.of(who.get("roles").get(0).asText(), who.get("roles").get(1).asText()));
        Api.Response added = call("POST", "/api/extensions", admin, Gate.CSRF_VALUE,
                "{\"number\":\"1010\",\"password\":\"secret-1010\"}");
        assertEquals(201, added.status(), added.text());
    }

    @Test
    void aChangeWithTheCookieButWithoutThePageHeaderIsRefusedAsCsrf() throws Exception {
        String admin = login("admin");
        for (String header : new String[] {null, "XMLHttpRequest"}) {
            Api.Response r = call("POST", "/api/extensions", admin, header, "{\"number\":\"1010\",\"password\":\"secret-1010\"}");
            assertEquals(403, r.status(), r.text());
            assertEquals("/api/problems/csrf", json(r).get("type").asText());
            assertEquals("X-Requested-With", json(r).get("field").asText());
        }
        assertTrue(directory.list().isEmpty(), "nothing was added");
        assertEquals(403, call("DELETE", "/api/session", admin, null, null).status(), "no logout by another site");
        assertEquals(200, call("GET", "/api/session", admin, null, null).status());
    }

    @Test
    void aViewersSessionReadsButDoesNotChange() throws Exception {
        String monitor = login("monitor");
        assertFalse(json(call("GET", "/api/session", monitor, null, null)).get("mayChange").asBoolean());
        Api.Response r = call("POST", "/api/extensions", monitor, Gate.CSRF_VALUE, "{\"number\":\"1010\",\"password\":\"pw-pw-pw\"}");
        assertEquals("/api/problems/forbidden", json(r).get("type").asText());
    }

    @Test
    void logoutEndsTheSessionAndRemovesTheCookie() throws Exception {
        String admin = login("admin");
        Api.Response out = call("DELETE", "/api/session", admin, Gate.CSRF_VALUE, null);
        assertEquals(204, out.status());
        assertTrue(out.headers().get("Set-Cookie").contains("Max-Age=0"));
        Api.Response after = call("GET", "/api/extensions", admin, null, null);
        assertEquals(401, after.status());
        assertNull(after.headers().get("WWW-Authenticate"), "no Basic dialog in the page's browser");
    }

    @Test
    void anIdleSessionEnds() throws Exception {
        String admin = login("admin");
        now.addAndGet(600_000);
        assertEquals(401, call("GET", "/api/session", admin, null, null).status());
    }

    @Test
    void wrongPasswordsAreCountedFailedLoginsAndUsersWithoutARoleGetNoSession() throws Exception {
        Api.Response wrong = call("POST", "/api/session", null, Gate.CSRF_VALUE, "{\"user\":\"admin\",\"password\":\"nope\"}");
        assertEquals(401, wrong.status());
        assertNull(wrong.headers().get("WWW-Authenticate"));
        assertEquals(1, gate.failures());
        Api.Response none = call("POST", "/api/session", null, null, "{\"user\":\"nobody\",\"password\":\"pw\"}");
        assertEquals(403, none.status());
        assertNull(none.headers().get("Set-Cookie"));
        assertEquals("/api/problems/missing-field",
                json(call("POST", "/api/session", null, null, "{\"user\":\"admin\"}")).get("type").asText());
        assertEquals(0, sessions.size());
        assertEquals(401, call("GET", "/api/session", null, null, null).status());
    }
}
