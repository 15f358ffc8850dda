package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.archive.RecordingArchive;
import org.plugboard.api.archive.StoredRecording;

import com.fasterxml.jackson.databind.JsonNode;

/** /api/recordings against the archive contract (the real archive: RecordingArchiveProviderTest). */
class RecordingResourceTest {
    @TempDir
    Path dir;
    static final Instant T = Instant.parse("2026-12-07T09:00:00Z");
    final StoredRecording done = new StoredRecording(7, "c7", "1001", "1002", T, T.plusSeconds(3), Duration.ofMillis(2500),
            "mixed", "CALL_ENDED", null, 40044L);
    final StoredRecording running = new StoredRecording(8, "c8", "1003", "1002", T, null, null, "stereo", null, null, null);

    Api api(Path wav) {
        RecordingArchive archive = new RecordingArchive() {
            public List<StoredRecording> list(String caller, String callee, int limit) {
                return List.of(running, done).stream().filter(r -> caller == null || r.caller().equals(caller)).toList();
            }

            public Optional<StoredRecording> get(long id) {
                return list(null, null, 10).stream().filter(r -> r.id() == id).findFirst();
            }

            public Optional<Path> audio(long id) {
                return id == 7 ? Optional.of(wav) : Optional.empty();
            }
        };
        return new Api(new Services(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null, () -> null)
                .recordings(() -> archive), (t, d) -> { }, new Json(), new Gate(ApiTest::login), 4096, Clock.systemUTC());
    }

    Api.Response get(Api api, String path, Map<String, String[]> q) {
        return api.handle(new Api.Request("GET", path, q, ApiTest.basic("monitor"), "x", null));
    }

    @Test
    void listsAndStreamsTheAudioOfAFinishedOne() throws Exception {
        Path wav = Files.write(dir.resolve("r.wav"), new byte[] {'R', 'I', 'F', 'F'});
        Api api = api(wav);
        JsonNode list = new Json().mapper().readTree(get(api, "/api/recordings", Map.of()).body());
        assertEquals(2, list.get("items").size());
        assertTrue(list.get("items").get(0).get("audio").isNull(), "running: no audio yet");
        assertEquals("/api/recordings/7/audio", list.get("items").get(1).get("audio").asText());
        assertEquals(2.5, list.get("items").get(1).get("lengthSeconds").asDouble());
        assertEquals(1, new Json().mapper().readTree(get(api, "/api/recordings", Map.of("caller", new String[] {"1003"}))
                .body()).get("items").size());
        Api.Response audio = get(api, "/api/recordings/7/audio", Map.of());
        assertEquals(200, audio.status());
        assertEquals("audio/wav", audio.contentType());
        assertEquals(wav, audio.file(), "streamed from the file, not read into memory");
        assertEquals(404, get(api, "/api/recordings/8/audio", Map.of()).status());
        assertEquals(404, get(api, "/api/recordings/9", Map.of()).status());
        assertEquals(400, get(api, "/api/recordings/x/audio", Map.of()).status());
        assertNull(api.handle(new Api.Request("HEAD", "/api/recordings/7/audio", Map.of(), ApiTest.basic("monitor"), "x",
                null)).file(), "HEAD sends no body");
    }

    @Test
    void withoutRecordingItIs503() {
        Api none = new Api(new Services(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null,
                () -> null), (t, d) -> { }, new Json(), new Gate(ApiTest::login), 4096, Clock.systemUTC());
        assertEquals(503, get(none, "/api/recordings", Map.of()).status());
    }
}
