package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.settings.Dnd;
import org.plugboard.api.settings.DndSettings;
import org.plugboard.api.settings.Forwarding;
import org.plugboard.api.settings.ForwardingSettings;
import org.plugboard.api.settings.Screening;
import org.plugboard.api.settings.ScreeningEntry;
import org.plugboard.api.settings.ScreeningSettings;
import org.plugboard.api.settings.SettingsException;
import org.plugboard.api.settings.VoicemailBox;
import org.plugboard.api.settings.VoicemailSettings;

import com.fasterxml.jackson.databind.JsonNode;

/** Per-extension service settings over REST, against the settings contracts (the real ones: each bundle's tests). */
class ServiceSettingsResourceTest {
    final Map<String, Forwarding> fwd = new HashMap<>();
    final Map<String, Dnd> dnds = new HashMap<>();
    boolean dndInstalled = true;
    final Map<String, Screening> screenings = new HashMap<>();
    boolean screeningInstalled = true;
    final Map<String, String> pins = new HashMap<>();

    static void exists(String n) {
        if (!n.startsWith("10")) {
            throw new SettingsException("extension", n + " is not an extension", "list them");
        }
    }

    final ForwardingSettings forwarding = new ForwardingSettings() {
        public Forwarding get(String n) {
            exists(n);
            return fwd.getOrDefault(n, new Forwarding(null, null, null, null, null, false));
        }

        public Forwarding set(String n, Forwarding f) {
            exists(n);
            if (n.equals(f.unconditional())) {
                throw new SettingsException("unconditional", "an extension cannot forward to itself", "choose another");
            }
            fwd.put(n, f);
            return f;
        }
    };
    final DndSettings dnd = new DndSettings() {
        public Dnd get(String n) {
            exists(n);
            return dnds.getOrDefault(n, new Dnd(false, true, 0, 0));
        }

        public Dnd set(String n, Dnd d) {
            exists(n);
            dnds.put(n, d);
            return d;
        }
    };
    final ScreeningSettings screening = new ScreeningSettings() {
        public Screening get(String n) {
            exists(n);
            return screenings.getOrDefault(n, new Screening(false, List.of()));
        }

        public Screening set(String n, Screening s) {
            exists(n);
            for (int i = 0; i < s.entries().size(); i++) {
                if (!s.entries().get(i).caller().matches("[0-9]+")) {
                    throw new SettingsException("entries[" + i + "].caller", "not a prefix", "digits");
                }
            }
            screenings.put(n, s);
            return s;
        }
    };
    final VoicemailSettings voicemail = new VoicemailSettings() {
        public VoicemailBox get(String n) {
            exists(n);
            return new VoicemailBox(pins.containsKey(n), 0, 0, 0, false, false);
        }

        public VoicemailBox setPin(String n, String pin) {
            exists(n);
            if (!pin.matches("[0-9]{4,}")) {
                throw new SettingsException("pin", "PIN refused", "digits");
            }
            pins.put(n, pin);
            return get(n);
        }
    };
    final Api api = new Api(new Services(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null,
            () -> null).settings(() -> forwarding, () -> dndInstalled ? dnd : null)
            .boxSettings(() -> screeningInstalled ? screening : null, () -> voicemail), (t, d) -> { }, new Json(),
            new Gate(ApiTest::login), 4096, Clock.systemUTC());

    Api.Response call(String user, String method, String path, String body) {
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
        return api.handle(new Api.Request(method, path, Map.of(), ApiTest.basic(user), "127.0.0.1:1", b));
    }

    static JsonNode json(Api.Response r) throws Exception {
        return new Json().mapper().readTree(r.body());
    }

    @Test
    void forwardingIsReadAndReplacedWhole() throws Exception {
        Api.Response set = call("admin", "PUT", "/api/extensions/1001/forwarding", "{\"busy\":\"1002\",\"noAnswer\":\"600\","
                + "\"noAnswerSeconds\":15}");
        assertEquals(200, set.status(), set.text());
        assertEquals(new Forwarding(null, "1002", "600", null, 15, false), fwd.get("1001"));
        JsonNode got = json(call("monitor", "GET", "/api/extensions/1001/forwarding", null));
        assertEquals("1002", got.get("busy").asText());
        assertTrue(got.get("unconditional").isNull());
        assertEquals(15, got.get("noAnswerSeconds").asInt());
        assertEquals(403, call("monitor", "PUT", "/api/extensions/1001/forwarding", "{}").status());
    }

    @Test
    void refusalsNameTheFieldAndUnknownExtensionsAre404() throws Exception {
        JsonNode self = json(call("admin", "PUT", "/api/extensions/1001/forwarding", "{\"unconditional\":\"1001\"}"));
        assertEquals("/api/problems/invalid-value", self.get("type").asText());
        assertEquals("unconditional", self.get("field").asText());
        assertEquals("/api/problems/unknown-field",
                json(call("admin", "PUT", "/api/extensions/1001/forwarding", "{\"cfu\":\"1002\"}")).get("type").asText());
        assertEquals(404, call("monitor", "GET", "/api/extensions/999/forwarding", null).status());
        assertTrue(fwd.isEmpty());
    }

    @Test
    void dndTakesDefaultsForAbsentFieldsAndIs503WithoutItsFeature() throws Exception {
        Api.Response set = call("admin", "PUT", "/api/extensions/1001/dnd", "{\"dnd\":true,\"maxOut\":2}");
        assertEquals(200, set.status(), set.text());
        assertEquals(new Dnd(true, true, 0, 2), dnds.get("1001"));
        assertEquals("/api/problems/wrong-type",
                json(call("admin", "PUT", "/api/extensions/1001/dnd", "{\"dnd\":\"yes\"}")).get("type").asText());
        dndInstalled = false;
        Api.Response absent = call("monitor", "GET", "/api/extensions/1001/dnd", null);
        assertEquals(503, absent.status());
        assertTrue(json(absent).get("fix").asText().contains("feature:install pbx-dnd"));
    }

    @Test
    void screeningIsReplacedWholeAndAnEntrysBadFieldIsNamed() throws Exception {
        Api.Response set = call("admin", "PUT", "/api/extensions/1001/screening", "{\"refuseAnonymous\":true,"
                + "\"entries\":[{\"kind\":\"black\",\"caller\":\"0900\"},{\"kind\":\"black\",\"caller\":\"1\",\"rate\":30}]}");
        assertEquals(200, set.status(), set.text());
        assertEquals(new Screening(true, List.of(new ScreeningEntry("black", "0900", null, 100),
                new ScreeningEntry("black", "1", null, 30))), screenings.get("1001"));
        JsonNode got = json(call("monitor", "GET", "/api/extensions/1001/screening", null));
        assertTrue(got.get("refuseAnonymous").asBoolean());
        assertEquals("0900", got.get("entries").get(0).get("caller").asText());
        JsonNode bad = json(call("admin", "PUT", "/api/extensions/1001/screening",
                "{\"entries\":[{\"kind\":\"black\",\"caller\":\"1\"},{\"kind\":\"black\",\"caller\":\"x\"}]}"));
        assertEquals("/api/problems/invalid-value", bad.get("type").asText());
        assertEquals("entries[1].caller", bad.get("field").asText());
        assertEquals("entries[0]", json(call("admin", "PUT", "/api/extensions/1001/screening", "{\"entries\":[null]}"))
                .get("field").asText());
        assertEquals(2, screenings.get("1001").entries().size(), "nothing saved by the refused ones");
        assertEquals(403, call("monitor", "PUT", "/api/extensions/1001/screening", "{}").status());
        screeningInstalled = false;
        assertTrue(json(call("monitor", "GET", "/api/extensions/1001/screening", null)).get("fix").asText()
                .contains("feature:install pbx-screening"));
    }

    @Test
    void aVoicemailPinIsSetNeverShownAndABadOneNamesTheField() throws Exception {
        assertEquals("/api/problems/missing-field",
                json(call("admin", "PUT", "/api/extensions/1001/voicemail", "{}")).get("type").asText());
        JsonNode bad = json(call("admin", "PUT", "/api/extensions/1001/voicemail", "{\"pin\":\"12a\"}"));
        assertEquals("pin", bad.get("field").asText());
        assertTrue(pins.isEmpty());
        Api.Response set = call("admin", "PUT", "/api/extensions/1001/voicemail", "{\"pin\":\"4711\"}");
        assertEquals(200, set.status(), set.text());
        assertEquals("4711", pins.get("1001"));
        assertFalse(set.text().contains("4711"), set.text());
        assertTrue(json(call("monitor", "GET", "/api/extensions/1001/voicemail", null)).get("pinSet").asBoolean());
        assertEquals(404, call("monitor", "GET", "/api/extensions/999/voicemail", null).status());
    }
}
