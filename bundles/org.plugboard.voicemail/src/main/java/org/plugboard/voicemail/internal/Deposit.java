package org.plugboard.voicemail.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.plugboard.api.application.ApplicationLeg;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Tone;
import org.plugboard.api.service.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaving a message: the box's greeting (its own busy or unavailable one, else the system's "not available" and the
 * number), a beep, then a recording until #, the maximum length or the caller hanging up. The recording is committed
 * as soon as it ends, before anything else is played, so a caller who hangs up has left a durable message. A full
 * box says so and records nothing.
 */
final class Deposit {
    private static final Logger LOG = LoggerFactory.getLogger(Deposit.class);
    /** Shorter recordings (a caller who hangs up at the beep) are not kept. */
    static final Duration MIN_LENGTH = Duration.ofMillis(700);

    private final Mailboxes boxes;
    private final ApplicationLeg leg;
    private final String box;
    private final boolean busy;

    Deposit(Mailboxes boxes, ApplicationLeg leg, String box, boolean busy) {
        this.boxes = boxes;
        this.leg = leg;
        this.box = box;
        this.busy = busy;
    }

    CompletionStage<Outcome> run() {
        if (boxes.full(box)) {
            LOG.info("Call {}: mailbox {} is full, no message from {}", leg.callId(), box, leg.caller());
            return leg.playAll(List.of(Prompts.MAILBOX_FULL, Prompts.GOODBYE), false).thenApply(x -> done());
        }
        String id = Mailboxes.newId();
        Path file = boxes.newMessageFile(box, id);
        Duration max = boxes.room(box);
        return boxes.prepare(box)
                .thenCompose(x -> leg.playAll(greeting(), false))
                .thenCompose(x -> leg.tone(Tone.CONFIRMATION, null))
                .thenCompose(x -> leg.record(file, new Recording.Options(max, "#", null)))
                .handle((r, error) -> {
                    if (error == null) {
                        return commit(id, file, r.length()).thenApply(m -> m != null); // true: tell the caller
                    }
                    if (gone(error)) { // hung up: what was recorded is kept, nobody to tell
                        return commit(id, file, null).thenApply(m -> false);
                    }
                    return CompletableFuture.<Boolean>failedFuture(error);
                })
                .thenCompose(stage -> stage)
                .thenCompose(tell -> tell ? leg.playAll(List.of(Prompts.MESSAGE_SAVED, Prompts.GOODBYE), false)
                        .thenApply(x -> done()) : CompletableFuture.completedFuture(done()));
    }

    private List<String> greeting() {
        Path own = boxes.greeting(box, busy ? Numbers.BUSY : Numbers.UNAVAILABLE);
        if (Files.isRegularFile(own)) {
            return List.of(own.toString());
        }
        List<String> out = new ArrayList<>();
        out.add(busy ? Prompts.IS_BUSY : Prompts.NOT_AVAILABLE);
        out.addAll(Prompts.digits(box));
        out.add(Prompts.LEAVE_MESSAGE);
        return out;
    }

    /**
     * Commits what was recorded; a caller who hung up mid-recording still leaves the part before (the engine finished
     * the file under its name). Completes with null when nothing worth keeping was recorded.
     */
    private CompletionStage<Message> commit(String id, Path file, Duration length) {
        Duration real = length != null ? length : Duration.ofMillis(Files.isRegularFile(file) ? Reconciler.wavMillis(file) : 0);
        if (!Files.isRegularFile(file) || real.compareTo(MIN_LENGTH) < 0) {
            deleteQuietly(file);
            LOG.info("Call {}: no message for {} (recorded {} ms)", leg.callId(), box, real.toMillis());
            return CompletableFuture.completedFuture(null);
        }
        return boxes.deposit(box, id, leg.caller(), file, real);
    }

    private static boolean gone(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return t instanceof ApplicationLeg.LegGoneException;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", file, e.toString());
        }
    }

    private static Outcome done() {
        return new Outcome.Continue();
    }
}
