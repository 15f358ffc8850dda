package org.plugboard.api.media;

import java.nio.file.Path;

/**
 * A media file to play or record is missing, unreadable, or in a format the engine does not take (stereo, another
 * sample rate, MP3...). The message names the file, the fault and the fix. Kind {@link Kind#ENGINE_FAILURE}, so
 * code that switches over the kinds needs no new case. Since 1.2.
 */
public class MediaFileException extends MediaException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public MediaFileException(Path file, String message) {
        super(Kind.ENGINE_FAILURE, message);
        this.file = file;
    }

    public MediaFileException(Path file, String message, Throwable cause) {
        super(Kind.ENGINE_FAILURE, message, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
