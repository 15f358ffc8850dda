package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The served OpenAPI document and the routes stay in step: every route documented, nothing documented that is not. */
class OpenApiTest {
    final JsonNode doc = read();

    static JsonNode read() {
        try {
            return new Json().mapper().readTree(OpenApi.document());
        } catch (Exception e) {
            throw new AssertionError("openapi.json is not JSON", e);
        }
    }

    static Set<String> routes() {
        Api api = new Api(new Services(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null, () -> null),
                (t, d) -> { }, new Json(), new Gate((u, p) -> null), 1, Clock.systemUTC());
        Set<String> out = new TreeSet<>();
        api.router().routes().forEach(r -> out.add(r.method() + " " + r.template()));
        out.add("GET " + Api.EVENTS); // served by EventServlet
        return out;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists() {
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.get("paths").fieldNames(); paths.hasNext();) {
            String path = paths.next();
            for (Iterator<String> methods = doc.get("paths").get(path).fieldNames(); methods.hasNext();) {
                documented.add(methods.next().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertEquals(routes(), documented);
    }

    @Test
    void everyChangeIsDocumentedAsAdminAndEveryReadAsViewer() {
        List<String> wrong = new ArrayList<>();
        for (String route : routes()) {
            String[] mp = route.split(" ");
            JsonNode op = doc.get("paths").get(mp[1]).get(mp[0].toLowerCase(Locale.ROOT));
            if (mp[1].equals(Api.OPENAPI)) {
                continue;
            }
            if (mp[1].equals(Api.SESSION)) { // logging in needs no role: the resource checks its callers itself
                if (!"none".equals(op.path("x-required-role").asText())) {
                    wrong.add(route);
                }
                continue;
            }
            String want = mp[0].equals("GET") ? "viewer" : "admin";
            if (!want.equals(op.path("x-required-role").asText())) {
                wrong.add(route);
            }
        }
        assertTrue(wrong.isEmpty(), "roles documented wrongly: " + wrong);
    }

    @Test
    void theCdrSchemaHasEveryFieldTheApiWrites() {
        Set<String> documented = new TreeSet<>();
        doc.get("components").get("schemas").get("Cdr").get("properties").fieldNames().forEachRemaining(documented::add);
        Set<String> written = new TreeSet<>();
        for (java.lang.reflect.RecordComponent c : Views.Cdr.class.getRecordComponents()) {
            written.add(c.getName());
        }
        assertEquals(written, documented);
    }

    @Test
    void everySchemaReferenceResolves() {
        List<String> missing = new ArrayList<>();
        collectRefs(doc, missing);
        assertTrue(missing.isEmpty(), "unresolved: " + missing);
    }

    @Test
    void everyEventTypeTheHubPublishesHasASchema() {
        JsonNode events = doc.get("x-events");
        for (String type : List.of("call.created", "call.ringing", "call.answered", "call.party-replaced",
                "call.released", "registration.added", "registration.removed", "line.added", "line.changed",
                "line.removed", "trunk.added", "trunk.changed", "trunk.removed", "dropped", "reset", "originate.connected", "originate.failed")) {
            assertTrue(events.has(type), type);
        }
    }

    private void collectRefs(JsonNode node, List<String> missing) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String[] parts = ref.asText().substring(2).split("/");
                JsonNode at = doc;
                for (String p : parts) {
                    at = at.path(p);
                }
                if (at.isMissingNode()) {
                    missing.add(ref.asText());
                }
            }
            node.elements().forEachRemaining(n -> collectRefs(n, missing));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(n -> collectRefs(n, missing));
        }
    }
}
