package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    final Capabilities caps = new Capabilities();

    @Test
    void aPartIsPresentWhileOneOfItsServicesIs() {
        assertTrue(caps.add("voicemail"), "the first service shows it");
        assertFalse(caps.add("voicemail"), "a second one changes nothing");
        assertFalse(caps.remove("voicemail"));
        assertTrue(caps.has("voicemail"));
        assertTrue(caps.remove("voicemail"), "the last one going removes it");
        assertFalse(caps.has("voicemail"));
        assertFalse(caps.remove("voicemail"), "removing what is not there changes nothing");
        assertFalse(caps.add(null));
        assertFalse(caps.add(" "));
    }

    @Test
    void theViewNamesTheFeatureSortedByName() {
        caps.add("voicemail");
        caps.add("forwarding");
        caps.add("acme-plugin");
        assertEquals(Map.of("items", List.of(Map.of("name", "acme-plugin"),
                Map.of("name", "forwarding", "feature", "pbx-forwarding"),
                Map.of("name", "voicemail", "feature", "pbx-voicemail"))), caps.view());
    }

    @Test
    void theApiServesIt() throws Exception {
        Capabilities c = new Capabilities();
        c.add("dnd");
        Api api = new Api(new Services(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null,
                () -> null).capabilities(c), (t, d) -> { }, new Json(), new Gate(ApiTest::login), 1024,
                java.time.Clock.systemUTC());
        Api.Response r = api.handle(new Api.Request("GET", "/api/capabilities", Map.of(), ApiTest.basic("monitor"),
                "127.0.0.1:1", null));
        assertEquals(200, r.status(), r.text());
        assertEquals("{\"items\":[{\"name\":\"dnd\",\"feature\":\"pbx-dnd\"}]}", r.text());
        assertEquals(401, api.handle(new Api.Request("GET", "/api/capabilities", Map.of(), null, "x", null)).status());
    }
}
