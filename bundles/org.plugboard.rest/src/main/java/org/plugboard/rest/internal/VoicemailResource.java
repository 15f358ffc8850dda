package org.plugboard.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.archive.StoredMessage;
import org.plugboard.api.archive.VoicemailArchive;

/** {@code /api/extensions/{number}/voicemail/messages}: a mailbox's messages and their audio (audio/wav, streamed). */
public final class VoicemailResource {
    static final String BASE = ExtensionResource.BASE + "/{number}/voicemail/messages";

    private final Services services;

    public VoicemailResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "A mailbox's voicemail messages", this::list));
        router.add(new Route("GET", BASE + "/{id}/audio", "A voicemail message's audio (WAV)", this::audio));
    }

    Reply list(Exchange x) {
        String box = x.path("number");
        List<Map<String, Object>> items = services.voicemail().messages(box).stream().map(m -> view(box, m)).toList();
        return Reply.ok(Map.of("items", items));
    }

    Reply audio(Exchange x) {
        VoicemailArchive archive = services.voicemail();
        String box = x.path("number");
        String id = x.path("id");
        java.nio.file.Path file = archive.audio(box, id).orElseThrow(() -> new ApiException(Problem.notFound(
                "no message " + id + " in mailbox " + box).fix("list them with GET /api/extensions/" + box
                + "/voicemail/messages")));
        return new Reply(200, file, "audio/wav", Map.of("Content-Disposition",
                "attachment; filename=\"voicemail-" + box + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + ".wav\""));
    }

    static Map<String, Object> view(String box, StoredMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("caller", m.caller());
        v.put("receivedAt", m.receivedAt() == null ? null : m.receivedAt().toString());
        v.put("lengthSeconds", m.length() == null ? null : m.length().toMillis() / 1000.0);
        v.put("folder", m.folder());
        v.put("audio", "/api/extensions/" + box + "/voicemail/messages/" + m.id() + "/audio");
        return v;
    }
}
