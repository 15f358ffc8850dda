package org.plugboard.recording.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.plugboard.api.media.CallRecording;

/** The configuration, checked: a bad value fails with a message naming the property and the fix. */
public record Settings(Path directory, CallRecording.Layout layout, Duration max, long quotaBytes, int retentionDays,
        boolean announce, String toggleCode) {
    static final long MEGABYTE = 1024L * 1024L;

    public static Settings from(RecordingConfig c, Path karafData) {
        String dir = c.directory() == null ? "" : c.directory().trim();
        Path directory = dir.isEmpty() ? karafData.resolve("recordings") : Path.of(dir);
        CallRecording.Layout layout;
        try {
            layout = CallRecording.Layout.valueOf(c.layout().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layout '" + c.layout() + "': use mixed or stereo");
        }
        if (c.maxMinutes() < 0 || c.quotaMegabytes() < 0 || c.retentionDays() < 0) {
            throw new IllegalArgumentException("maxMinutes, quotaMegabytes and retentionDays are 0 (no limit) or more");
        }
        String code = c.toggleCode() == null ? "" : c.toggleCode().trim();
        if (!code.matches("[0-9*#A-D]{0,8}")) {
            throw new IllegalArgumentException("toggleCode '" + c.toggleCode() + "': use up to 8 DTMF digits (0-9, *, #, A-D), e.g. *1");
        }
        return new Settings(directory, layout, c.maxMinutes() == 0 ? null : Duration.ofMinutes(c.maxMinutes()),
                c.quotaMegabytes() * MEGABYTE, c.retentionDays(), c.announce(), code);
    }
}
