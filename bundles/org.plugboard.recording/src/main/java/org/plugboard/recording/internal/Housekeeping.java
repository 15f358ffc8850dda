package org.plugboard.recording.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on the stored recordings that no call waits for, on the bundle's executor: completing the rows a killed PBX
 * left open, and deleting recordings past retention. Blocking (SQL, files).
 */
public final class Housekeeping {
    static final int BATCH = 500;
    static final int MAX_BATCHES = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final RecordingStore store;
    private final Quota quota;

    public Housekeeping(RecordingStore store, Quota quota) {
        this.store = store;
        this.quota = quota;
    }

    /**
     * Completes every open row whose recording no longer runs ({@code stillRunning} false: its call is gone, or its
     * engine has no recorder for it) from its file: the length from the WAV header or the file's size, ending
     * {@link RecordingRow#INTERRUPTED}.
     *
     * @return the rows completed
     */
    public int recover(Predicate<RecordingRow> stillRunning) {
        int done = 0;
        for (RecordingRow row : store.open()) {
            if (stillRunning.test(row)) {
                continue;
            }
            Path file = Path.of(row.file());
            Duration length = Duration.ZERO;
            long bytes = 0;
            String failure = null;
            try {
                bytes = Files.size(file);
                length = WavLength.of(file);
            } catch (NoSuchFileException e) {
                failure = "the PBX stopped while recording and the file " + file + " is missing";
            } catch (IOException e) {
                failure = "the PBX stopped while recording and the file could not be read: " + e.getMessage();
            }
            if (store.complete(row.id(), row.started().plus(length), length, RecordingRow.INTERRUPTED, failure, bytes)) {
                quota.added(bytes);
                done++;
                LOG.info("Recording {} of call {} was interrupted (the PBX stopped); completed from {}: {} s{}", row.id(), row.callId(),
                        file, length.toSeconds(), failure != null ? " (" + failure + ")" : "");
            }
        }
        return done;
    }

    /**
     * Deletes the files and rows of recordings that started more than {@code days} days before {@code now}; 0 keeps
     * everything. A file that cannot be deleted keeps its row (tried again at the next sweep).
     *
     * @return the recordings deleted
     */
    public int sweep(Instant now, int days) {
        if (days <= 0) {
            return 0;
        }
        Instant before = now.minus(Duration.ofDays(days));
        int deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<RecordingRow> rows = store.startedBefore(before, BATCH);
            int now0 = deleted;
            for (RecordingRow row : rows) {
                if (delete(row)) {
                    deleted++;
                }
            }
            if (rows.size() < BATCH || deleted == now0) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.info("Retention: {} recording(s) older than {} day(s) deleted", deleted, days);
        }
        return deleted;
    }

    /** Deletes one recording's file, then its row; @return false when the file stays (its row then stays too) */
    public boolean delete(RecordingRow row) {
        try {
            Files.deleteIfExists(Path.of(row.file()));
        } catch (IOException e) {
            LOG.warn("Recording {}: could not delete {} ({}); its row stays", row.id(), row.file(), e.toString());
            return false;
        }
        if (store.delete(row.id())) {
            quota.removed(row.bytes() == null ? 0 : row.bytes());
        }
        return true;
    }
}
