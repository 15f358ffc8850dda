package org.plugboard.api.archive;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Stored call recordings (pbx-recording). Blocks on the database: never call it on a call's strand. */
@ProviderType
public interface RecordingArchive {
    /** Newest first, at most {@code limit}; {@code caller}/{@code callee} null for any. */
    List<StoredRecording> list(String caller, String callee, int limit);

    Optional<StoredRecording> get(long id);

    /** The WAV file of a finished recording whose file exists; empty otherwise. */
    Optional<Path> audio(long id);
}
