package org.plugboard.media.internal;

import java.nio.file.Path;

import org.plugboard.api.media.MediaException;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.WavReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spoken notice of call recordings ({@code recording.announcement}): the prompt file, relative to Karaf's etc
 * folder or absolute, read when the configuration is applied (never on a call's path). A file that cannot be played
 * leaves the beep alone, with one ERROR naming the file, the fault and the fix; recordings go on either way.
 */
final class RecordingAnnouncement {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingAnnouncement.class);

    private RecordingAnnouncement() {
    }

    /** The prompt, or null for none (empty setting) or one that cannot be played. */
    static Audio load(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        Path file = resolve(setting.trim());
        try {
            Audio audio = WavReader.read(file);
            LOG.info("Call recordings with the announcement play the beep, then {} ({} ms)", file, audio.millis());
            return audio;
        } catch (MediaException e) {
            LOG.error("recording.announcement '{}' cannot be played ({}): recordings announce with the beep alone; fix "
                    + "the file or the setting in etc/org.plugboard.media.cfg", file, e.getMessage());
            return null;
        }
    }

    static Path resolve(String setting) {
        Path path = Path.of(setting);
        return path.isAbsolute() ? path : Path.of(System.getProperty("karaf.etc", "etc")).resolve(path);
    }
}
