package org.plugboard.recording.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.archive.RecordingArchive;
import org.plugboard.api.archive.StoredRecording;

/** {@link RecordingArchive} for REST and the web page: a thin adapter over the recordings' store. */
@Component(service = RecordingArchive.class)
public class RecordingArchiveProvider implements RecordingArchive {
    private final RecordingStore store;

    @Activate
    public RecordingArchiveProvider(@Reference Recordings recordings) {
        this(recordings.store());
    }

    RecordingArchiveProvider(RecordingStore store) {
        this.store = store;
    }

    @Override
    public List<StoredRecording> list(String caller, String callee, int limit) {
        return store.list(caller, callee, limit).stream().map(RecordingArchiveProvider::view).toList();
    }

    @Override
    public Optional<StoredRecording> get(long id) {
        return row(id).map(RecordingArchiveProvider::view);
    }

    @Override
    public Optional<Path> audio(long id) {
        return row(id).filter(r -> !r.open()).map(r -> Path.of(r.file())).filter(Files::isRegularFile);
    }

    private Optional<RecordingRow> row(long id) {
        return store.find(Long.toString(id)).stream().filter(r -> r.id() == id).findFirst();
    }

    static StoredRecording view(RecordingRow r) {
        return new StoredRecording(r.id(), r.callId(), r.caller(), r.callee(), r.started(), r.ended(), r.length(),
                r.layout(), r.ending(), r.failure(), r.bytes());
    }
}
