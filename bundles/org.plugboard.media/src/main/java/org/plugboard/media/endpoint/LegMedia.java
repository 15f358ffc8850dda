package org.plugboard.media.endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;
import org.plugboard.media.audio.FrameSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * The operations running on one terminated leg, on its event loop: at most one output ({@link Player}), one
 * {@link DigitCollector} and one {@link Recorder}, and the digits typed ahead. Routes every digit: a recording's
 * stop digit is used up; a prompt's stop digit stops it and still counts as input; a running collection takes the
 * rest, else they wait (up to {@value #TYPE_AHEAD}, a DTMF flood beyond that is dropped).
 */
final class LegMedia {
    private static final Logger LOG = LoggerFactory.getLogger(LegMedia.class);
    static final int TYPE_AHEAD = 64;
    /** No recording is longer, whatever its options say. */
    static final Duration MAX_RECORDING = Duration.ofHours(1);

    private final String id;
    private final EventLoop loop;
    private final Timers timers;
    private final Executor io;
    private final ArrayDeque<Character> typeAhead = new ArrayDeque<>();
    private long startedOutput;
    private Player player;
    private Recorder recorder;
    private DigitCollector collector;
    private CompletableFuture<Digits> collecting;
    private long digitsDropped;

    LegMedia(String id, EventLoop loop, Timers timers, Executor io) {
        this.id = id;
        this.loop = loop;
        this.timers = timers;
        this.io = io;
    }

    /** Starts an output unless one requested later already started (outputs are ordered by request). */
    void output(long order, FrameSource source, String stopDigits, int ptime, Player.Out out,
            CompletableFuture<Playback> done) {
        if (order < startedOutput) {
            done.complete(new Playback(Playback.Ending.STOPPED, "", Duration.ZERO));
            return;
        }
        startedOutput = order;
        if (player != null) {
            player.stop(Playback.Ending.STOPPED, "");
        }
        play(new Player(source, stopDigits, ptime, done), out);
    }

    private void play(Player next, Player.Out out) {
        CompletableFuture<Playback> done = next.done();
        player = next;
        next.start(loop, out);
        done.whenComplete((r, e) -> onLoop(() -> {
            if (done.isCancelled()) {
                next.stop(Playback.Ending.STOPPED, "");
            }
            if (player == next) {
                player = null;
            }
        }));
    }

    void collect(DigitCollection collection, CompletableFuture<Digits> done) {
        if (collector != null && !collecting.isDone()) {
            done.completeExceptionally(new IllegalStateException("a digit collection already runs on " + id));
            return;
        }
        if (collector != null) {
            collector.cancel(); // ended (cancelled) a moment ago; its clean-up is still queued
        }
        DigitCollector c = new DigitCollector(collection, timers, done);
        if (collection.flush()) {
            typeAhead.clear();
        }
        while (!typeAhead.isEmpty() && !c.ended()) {
            c.digit(typeAhead.poll());
        }
        c.start();
        if (done.isDone()) {
            return;
        }
        collector = c;
        collecting = done;
        done.whenComplete((r, e) -> onLoop(() -> {
            c.cancel();
            if (collector == c) {
                collector = null;
                collecting = null;
            }
        }));
    }

    void record(Path wav, Recording.Options options, AudioEncoding legLaw, CompletableFuture<Recording> done) {
        if (recording()) {
            if (!recorder.done().isCancelled()) {
                done.completeExceptionally(new IllegalStateException("a recording already runs on " + id));
                return;
            }
            recorder.finish(Recording.Ending.STOPPED, ""); // cancelled a moment ago; its clean-up is still queued
        }
        Duration max = options.max().compareTo(MAX_RECORDING) > 0 ? MAX_RECORDING : options.max();
        AudioEncoding encoding = options.encoding() == null ? legLaw : options.encoding();
        Recorder r = new Recorder(wav, encoding, max, options.stopDigits(), io, done);
        r.start(timers, max.toMillis());
        recording(r);
    }

    /** The recorder runs here: a cancelled stage stops it. */
    private void recording(Recorder r) {
        recorder = r;
        CompletableFuture<Recording> done = r.done();
        done.whenComplete((result, e) -> {
            if (done.isCancelled()) {
                onLoop(() -> r.finish(Recording.Ending.STOPPED, ""));
            }
        });
    }

    /** Clean-up after a stage completed: at once when it completed on the loop, else queued there. */
    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** True while a recording takes audio. */
    boolean recording() {
        return recorder != null && !recorder.finished();
    }

    void audio(long ssrc, long timestamp, ByteBuf payload, AudioEncoding law) {
        if (recording()) {
            recorder.audio(ssrc, timestamp, payload, law);
        }
    }

    void digit(char d) {
        if (recorder != null && recorder.digit(d)) {
            return;
        }
        if (player != null) {
            player.digit(d);
        }
        if (collector != null && collector.digit(d)) {
            return;
        }
        if (typeAhead.size() >= TYPE_AHEAD) {
            if (digitsDropped++ == 0) {
                LOG.warn("Media endpoint {}: more than {} digits that nobody collects; dropping the rest", id, TYPE_AHEAD);
            }
            return;
        }
        typeAhead.add(d);
    }

    // ---- bundle update ----

    /**
     * Writes the digits typed ahead, a running collection (its spec, its stage and its digits so far) and a running
     * recording (its file let go of unfinished, see {@link Recorder#handOver}) into the leg's hand-over map and lets go
     * of them here without completing their stages: the next version finishes them. A recording that ended and is
     * still being written stays here: {@code recordWriting} says when its file is done.
     */
    void handOver(java.util.Map<String, Object> state) {
        if (recording()) {
            Object[] rec = recorder.handOver();
            state.put("record", rec);
            state.put("recordingDone", Recorder.stage(rec)); // failed by whoever closes the leg if nobody takes over
            state.put("recordWriting", Recorder.released(rec));
        } else if (recorder != null) {
            state.put("recordWriting", recorder.done());
        }
        recorder = null;
        if (player != null && !player.done().isDone()) {
            state.put("output", player.handOver()); // the prompt or tone goes on in the next version where it was
        }
        player = null;
        StringBuilder ahead = new StringBuilder();
        typeAhead.forEach(ahead::append);
        state.put("typeAhead", ahead.toString());
        if (collector != null && !collecting.isDone()) {
            collector.cancel(); // its timer: the next version's collector has its own
            state.put("collection", collector.spec());
            state.put("collecting", collecting);
            state.put("collected", collector.digitsSoFar());
        }
        collector = null;
        collecting = null;
        typeAhead.clear();
    }

    /**
     * Takes over what {@link #handOver} wrote: the collection carries on with the same stage, its digits so far first
     * (its timer starts again from now).
     */
    @SuppressWarnings("unchecked")
    void takeOver(java.util.Map<String, Object> state, Player.Out out) {
        if (state.get("output") instanceof Object[] output) {
            play(Player.restore(output), out);
        }
        if (state.get("record") instanceof Object[] rec) {
            recording(Recorder.restore(rec, io, timers));
        }
        String ahead = (String) state.getOrDefault("typeAhead", "");
        if (state.get("collecting") instanceof CompletableFuture<?> done) {
            DigitCollection spec = (DigitCollection) state.get("collection");
            String before = (String) state.get("collected");
            for (char d : (before + ahead).toCharArray()) {
                typeAhead.add(d);
            }
            collect(new DigitCollection(spec.maxDigits(), spec.terminators(), spec.firstDigitTimeout(),
                    spec.interDigitTimeout(), false), (CompletableFuture<Digits>) done);
        } else {
            for (char d : ahead.toCharArray()) {
                typeAhead.add(d);
            }
        }
    }

    /**
     * The leg closed: outputs and collections fail with {@code gone}, a recording is finished and kept.
     *
     * @return completes when the recording's file is written
     */
    CompletableFuture<?> stopAll(MediaException gone) {
        if (player != null) {
            player.fail(gone);
            player = null;
        }
        if (collector != null) {
            collector.cancel();
            collecting.completeExceptionally(gone);
            collector = null;
        }
        typeAhead.clear();
        if (recorder != null) {
            recorder.finish(Recording.Ending.CLOSED, "");
            return recorder.done().handle((r, e) -> null);
        }
        return CompletableFuture.completedFuture(null);
    }
}
