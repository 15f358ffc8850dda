package org.plugboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.plugboard.api.archive.StoredMessage;
import org.plugboard.api.archive.VoicemailArchive;

import com.fasterxml.jackson.databind.JsonNode;

/** A mailbox's messages and their audio over REST (the real archive: VoicemailArchiveProviderTest). */
class VoicemailResourceTest {
    @TempDir
    Path dir;

    @Test
    void listsAMailboxAndStreamsAMessage() throws Exception {
        Path wav = Files.write(dir.resolve("m1.wav"), new byte[] {'R'});
        StoredMessage m = new StoredMessage("m1", "1001", "1002", Instant.parse("2026-12-07T09:00:00Z"),
                Duration.ofMillis(3200), "NEW");
        VoicemailArchive archive = new VoicemailArchive() {
            public List<StoredMessage> messages(String box) {
                return box.equals("1001") ? List.of(m) : List.of();
            }

            public Optional<Path> audio(String box, String id) {
                return box.equals("1001") && id.equals("m1") ? Optional.of(wav) : Optional.empty();
            }
        };
        Api api = new Api(new Services(() -> null, () -> null, () -> null, () -> null, () -> null, () -> null,
                () -> null).voicemail(() -> archive), (t, d) -> { }, new Json(), new Gate(ApiTest::login), 4096,
                Clock.systemUTC());
        Api.Response list = api.handle(new Api.Request("GET", "/api/extensions/1001/voicemail/messages", Map.of(),
                ApiTest.basic("monitor"), "x", null));
        JsonNode item = new Json().mapper().readTree(list.body()).get("items").get(0);
        assertEquals("1002", item.get("caller").asText());
        assertEquals(3.2, item.get("lengthSeconds").asDouble());
        assertEquals("/api/extensions/1001/voicemail/messages/m1/audio", item.get("audio").asText());
        Api.Response audio = api.handle(new Api.Request("GET", item.get("audio").asText(), Map.of(),
                ApiTest.basic("monitor"), "x", null));
        assertEquals(200, audio.status());
        assertEquals("audio/wav", audio.contentType());
        assertEquals(wav, audio.file());
        assertEquals(404, api.handle(new Api.Request("GET", "/api/extensions/1002/voicemail/messages/m1/audio", Map.of(),
                ApiTest.basic("monitor"), "x", null)).status());
        assertEquals(401, api.handle(new Api.Request("GET", "/api/extensions/1001/voicemail/messages", Map.of(), null,
                "x", null)).status());
    }
}
