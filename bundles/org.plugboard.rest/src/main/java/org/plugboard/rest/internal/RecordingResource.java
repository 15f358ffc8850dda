package org.plugboard.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.archive.RecordingArchive;
import org.plugboard.api.archive.StoredRecording;

/** {@code /api/recordings}: stored call recordings and their audio (audio/wav, streamed from the file). */
public final class RecordingResource {
    static final String BASE = "/api/recordings";

    private final Services services;

    public RecordingResource(Services services) {
        this.services = services;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "List call recordings", this::list));
        router.add(new Route("GET", BASE + "/{id}", "Read a call recording's record", this::get));
        router.add(new Route("GET", BASE + "/{id}/audio", "A call recording's audio (WAV)", this::audio));
    }

    Reply list(Exchange x) {
        int limit = x.intQuery("limit", 100, 1, 1000);
        List<Map<String, Object>> items = services.recordings().list(x.query("caller"), x.query("callee"), limit)
                .stream().map(RecordingResource::view).toList();
        return Reply.ok(Map.of("items", items));
    }

    Reply get(Exchange x) {
        RecordingArchive archive = services.recordings();
        long id = id(x);
        return Reply.ok(view(archive.get(id).orElseThrow(() -> notFound(id))));
    }

    Reply audio(Exchange x) {
        RecordingArchive archive = services.recordings();
        long id = id(x);
        java.nio.file.Path file = archive.audio(id).orElseThrow(() -> new ApiException(Problem.notFound(
                "no audio for recording " + id).fix("a recording has audio once it has ended and while its file is "
                + "kept; list them with GET " + BASE)));
        return new Reply(200, file, "audio/wav", Map.of("Content-Disposition",
                "attachment; filename=\"recording-" + id + ".wav\""));
    }

    private static long id(Exchange x) {
        String v = x.path("id");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiException(Problem.invalid("id", "'" + v + "' is not a recording id", "give the number "
                    + "from GET " + BASE));
        }
    }

    private static ApiException notFound(long id) {
        return new ApiException(Problem.notFound("no recording " + id).fix("list them with GET " + BASE));
    }

    static Map<String, Object> view(StoredRecording r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", r.id());
        v.put("callId", r.callId());
        v.put("caller", r.caller());
        v.put("callee", r.callee());
        v.put("started", r.started() == null ? null : r.started().toString());
        v.put("ended", r.ended() == null ? null : r.ended().toString());
        v.put("lengthSeconds", r.length() == null ? null : r.length().toMillis() / 1000.0);
        v.put("layout", r.layout());
        v.put("ending", r.ending());
        v.put("failure", r.failure());
        v.put("bytes", r.bytes());
        v.put("audio", r.ended() == null ? null : BASE + "/" + r.id() + "/audio");
        return v;
    }
}
