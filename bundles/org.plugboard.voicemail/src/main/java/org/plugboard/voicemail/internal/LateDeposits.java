package org.plugboard.voicemail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings a previous version of this bundle was still making when this one started: a {@code bundle:update} or a
 * feature reinstall under live calls leaves those calls running on the old version's code, which moves the finished
 * recording into place and commits its row after this version has loaded the mailboxes. The {@link Reconciler}
 * keeps their {@code .part} files. Until the longest recording is over, {@link #poll()} (on the bundle's executor,
 * every half second) lists every row received since this version started that memory does not have (the old
 * version's commits, also of calls that were still at the greeting when this version started), and follows each
 * kept file: one finished without a row after {@link #GRACE} is adopted from {@code unknown}; a {@code .part} still
 * there when the window is over is a leftover and removed; a recording that ended as nothing (too short, a
 * greeting) is forgotten.
 */
final class LateDeposits {
    private static final Logger LOG = LoggerFactory.getLogger(LateDeposits.class);
    /** How long a finished message may wait for the row the old version commits. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Mailboxes boxes;
    private final MessageStore store;
    private final Clock clock;
    private final Instant since;
    private final Instant giveUp;
    /** Each kept {@code .part}, and when its message file was first seen without a row (null until then). */
    private final Map<Path, Instant> parts = new HashMap<>();

    LateDeposits(Mailboxes boxes, MessageStore store, Clock clock, List<Path> kept, Duration longestRecording) {
        this.boxes = boxes;
        this.store = store;
        this.clock = clock;
        this.since = clock.instant().minus(GRACE); // the old version stamps its late commits after this one started
        this.giveUp = clock.instant().plus(longestRecording);
        kept.forEach(p -> parts.put(p, null));
    }

    /** One look at the rows and the recordings still followed. @return true when the window is over */
    boolean poll() {
        Instant now = clock.instant();
        for (Message m : store.loadMessagesSince(since)) {
            boxes.adopt(m); // a no-op for a message memory has (this version's own)
        }
        for (Iterator<Map.Entry<Path, Instant>> it = parts.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, Instant> e = it.next();
            Path part = e.getKey();
            String name = part.getFileName().toString();
            Path done = part.resolveSibling(name.substring(0, name.length() - ".part".length()));
            if (Files.exists(part)) {
                if (now.isAfter(giveUp)) {
                    delete(part);
                    it.remove();
                }
                continue;
            }
            String file = done.getFileName().toString();
            if (!file.startsWith("msg-") || !file.endsWith(".wav") || !Files.isRegularFile(done)) {
                it.remove(); // a greeting, or a recording too short to keep
                continue;
            }
            String id = file.substring(4, file.length() - 4);
            String box = done.getParent().getFileName().toString();
            if (boxes.messages(box).stream().anyMatch(m -> m.id().equals(id))) {
                it.remove(); // its row came
            } else if (e.getValue() == null) {
                e.setValue(now);
            } else if (now.isAfter(e.getValue().plus(GRACE))) {
                Message m = new Message(id, box, "unknown", now, Reconciler.wavMillis(done), file, Message.Folder.NEW);
                store.insert(List.of(m));
                boxes.adopt(m);
                it.remove();
            }
        }
        return parts.isEmpty() && now.isAfter(giveUp);
    }

    private static void delete(Path part) {
        try {
            Files.deleteIfExists(part);
            LOG.warn("Voicemail: unfinished recording {} removed", part);
        } catch (IOException ex) {
            LOG.warn("Voicemail: cannot remove {}: {}", part, ex.getMessage());
        }
    }
}
