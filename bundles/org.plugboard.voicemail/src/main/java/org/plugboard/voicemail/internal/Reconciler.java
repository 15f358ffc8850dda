package org.plugboard.voicemail.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings files and rows together at start, so nothing is half there: a row whose file is gone is deleted; a complete
 * message file without a row (the PBX died between the move and the commit) is adopted as a new message from
 * {@code unknown}; a recording still under {@code .part} (the caller was recording when it died) is removed, unless
 * it was written to within the live window: then a previous version of this bundle may still be recording it (a
 * {@code bundle:update} or feature reinstall under live calls), and it is kept for {@link LateDeposits}.
 */
final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** What was done. */
    record Report(int rowsDropped, int filesAdopted, int partsRemoved, List<Path> partsKept) {
        Report(int rowsDropped, int filesAdopted, int partsRemoved) {
            this(rowsDropped, filesAdopted, partsRemoved, List.of());
        }
    }

    private final MessageStore store;
    private final Path storage;
    private final Clock clock;
    private final Duration liveWindow;

    Reconciler(MessageStore store, Path storage, Clock clock) {
        this(store, storage, clock, Duration.ZERO);
    }

    Reconciler(MessageStore store, Path storage, Clock clock, Duration liveWindow) {
        this.store = store;
        this.storage = storage;
        this.clock = clock;
        this.liveWindow = liveWindow;
    }

    Report reconcile() {
        List<Message> rows = store.loadMessages();
        List<String> orphanRows = new ArrayList<>();
        Set<Path> known = new HashSet<>();
        for (Message m : rows) {
            Path f = storage.resolve(m.mailbox()).resolve(m.fileName());
            known.add(f);
            if (!Files.isRegularFile(f)) {
                orphanRows.add(m.id());
            }
        }
        if (!orphanRows.isEmpty()) {
            store.delete(orphanRows);
        }
        List<Message> adopted = new ArrayList<>();
        int parts = 0;
        List<Path> kept = new ArrayList<>();
        Instant live = clock.instant().minus(liveWindow);
        if (Files.isDirectory(storage)) {
            try (Stream<Path> files = Files.walk(storage, 2)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".part") && !liveWindow.isZero() && Files.getLastModifiedTime(f).toInstant().isAfter(live)) {
                        kept.add(f);
                    } else if (name.endsWith(".part")) {
                        Files.deleteIfExists(f);
                        parts++;
                    } else if (name.startsWith("msg-") && name.endsWith(".wav") && !known.contains(f)
                            && f.getParent().getParent().equals(storage)) {
                        String id = name.substring(4, name.length() - 4);
                        Instant at = Files.getLastModifiedTime(f).toInstant();
                        adopted.add(new Message(id, f.getParent().getFileName().toString(), "unknown",
                                at.isAfter(clock.instant()) ? clock.instant() : at, wavMillis(f), name, Message.Folder.NEW));
                    }
                }
            } catch (IOException e) {
                LOG.warn("Voicemail: could not scan {}: {}", storage, e.getMessage());
            }
        }
        if (!adopted.isEmpty()) {
            store.insert(adopted);
        }
        Report r = new Report(orphanRows.size(), adopted.size(), parts, List.copyOf(kept));
        if (!kept.isEmpty()) {
            LOG.info("Voicemail: {} recording(s) still being written (a previous version of the bundle carries their calls): kept",
                    kept.size());
        }
        if (r.rowsDropped() + r.filesAdopted() + r.partsRemoved() > 0) {
            LOG.warn("Voicemail: reconciled {}: {} row(s) without a file dropped, {} file(s) without a row adopted, "
                    + "{} unfinished recording(s) removed", storage, r.rowsDropped(), r.filesAdopted(), r.partsRemoved());
        }
        return r;
    }

    /** The audio length of a WAV file from its header (byte rate and data chunk); 0 when it cannot be read. */
    static long wavMillis(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            if (all.length < 44 || b.getInt(0) != 0x46464952 /* RIFF */) {
                return 0;
            }
            int byteRate = b.getInt(28);
            int pos = 12;
            while (pos + 8 <= all.length) {
                int id = b.getInt(pos);
                int size = b.getInt(pos + 4);
                if (id == 0x61746164 /* data */) {
                    long bytes = Math.min(Integer.toUnsignedLong(size), all.length - pos - 8L);
                    return byteRate <= 0 ? 0 : bytes * 1000 / byteRate;
                }
                pos += 8 + size + (size & 1);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", file, e.toString());
        }
        return 0;
    }
}
