package org.plugboard.media.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.plugboard.api.media.CallRecording.Layout;
import org.plugboard.api.media.CallRecording.Options;
import org.plugboard.api.media.CallRecording.Result;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.media.audio.LiveWavFile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A recording driven by hand: a manual clock (nanoseconds, as in LineRegistrationTest), packets handed in as the
 * event loop would at their arrival time, and the writer's tick every 100 ms of that clock, on the test's thread.
 */
final class ManualRecording implements AutoCloseable {
    static final long TICK = TimeUnit.MILLISECONDS.toNanos(Recordings.TICK_MILLIS);
    final AtomicLong now = new AtomicLong(5_000_000_000L);
    final long start = now.get();
    final Recordings recordings;
    final LiveRecording recording;
    private long nextTick = start + TICK;

    ManualRecording(Path file, Layout layout, Duration max, LiveWavFile.Opener opener) throws MediaFileException {
        this(new Options(file, layout, max), opener);
    }

    ManualRecording(Options options, LiveWavFile.Opener opener) throws MediaFileException {
        recordings = new Recordings("local", now::get, opener);
        recording = recordings.create("session-1", options);
        recording.open();
    }

    /** Moves the clock to {@code nanos} after the start, ticking the writer on the way. */
    void advanceTo(long nanos) {
        long target = start + nanos;
        while (nextTick <= target) {
            now.set(nextTick);
            recording.tick();
            nextTick += TICK;
        }
        now.set(target);
    }

    /** Plays the packets of all talkers in the order of arrival, each at its time. */
    void play(Talker... talkers) {
        List<Talker.Packet> all = new ArrayList<>();
        for (Talker t : talkers) {
            all.addAll(t.packets());
        }
        all.sort(Comparator.comparingLong(Talker.Packet::atNanos));
        for (Talker.Packet p : all) {
            advanceTo(p.atNanos());
            ByteBuf buf = Unpooled.wrappedBuffer(p.payload());
            recording.packet(p.from(), p.ssrc(), p.seq(), p.timestamp(), p.pt(), buf, 0, p.payload().length, now.get());
        }
    }

    /** Stops at {@code millis} after the start and waits for the file to be closed. */
    Result stopAt(long millis) throws Exception {
        advanceTo(TimeUnit.MILLISECONDS.toNanos(millis));
        recording.stop();
        return recording.finished().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        recordings.close();
    }
}
