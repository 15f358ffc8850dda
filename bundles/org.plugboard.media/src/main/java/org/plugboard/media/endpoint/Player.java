package org.plugboard.media.endpoint;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Playback.Ending;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.FrameSource;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * A prompt or tone going out on a leg: one frame per ptime from the event loop's fixed-rate timer (no thread of
 * its own), stopped by the end of the audio, a stop digit, another output, or the leg closing. Loop-confined.
 */
final class Player {
    /** Where frames go: the leg. */
    interface Out {
        /** Sends one frame of codes in the leg's law (or drops it while the peer does not receive). */
        void send(byte[] frame);

        /** The leg's law now. */
        org.plugboard.api.media.AudioEncoding law();

        /** A new talkspurt begins: marker bit, timestamp jump. */
        void talkspurt();
    }

    private final FrameSource source;
    private final String stopDigits;
    private final byte[] frame;
    private final int ptime;
    private final CompletableFuture<Playback> done;
    private ScheduledFuture<?> ticking;
    private Out out;

    Player(FrameSource source, String stopDigits, int ptime, CompletableFuture<Playback> done) {
        this.source = source;
        this.stopDigits = stopDigits == null ? "" : stopDigits;
        this.ptime = ptime;
        this.frame = new byte[ptime * Audio.RATE / 1000];
        this.done = done;
    }

    CompletableFuture<Playback> done() {
        return done;
    }

    void start(EventLoop loop, Out out) {
        this.out = out;
        out.talkspurt();
        ticking = loop.scheduleAtFixedRate(this::tick, 0, ptime, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (done.isDone()) {
            ticking.cancel(false);
            return;
        }
        if (!source.next(frame, out.law())) {
            stop(Ending.COMPLETED, "");
            return;
        }
        out.send(frame);
    }

    /** A digit came: true when it stopped this output. */
    boolean digit(char d) {
        if (!done.isDone() && stopDigits.indexOf(d) >= 0) {
            stop(Ending.DIGIT, String.valueOf(d));
            return true;
        }
        return false;
    }

    void stop(Ending ending, String digit) {
        cancelTimer();
        done.complete(new Playback(ending, digit, Duration.ofMillis(source.played() * 1000 / Audio.RATE)));
    }

    /**
     * Bundle update: stops here without completing, and returns what the next version needs to go on (the source
     * where it is, the stop digits, the packet time, the stage the application waits on).
     */
    Object[] handOver() {
        cancelTimer();
        return new Object[] {source.save(), stopDigits, ptime, done};
    }

    @SuppressWarnings("unchecked")
    static Player restore(Object[] s) {
        return new Player(FrameSource.restore((Object[]) s[0]), (String) s[1], (Integer) s[2],
                (CompletableFuture<Playback>) s[3]);
    }

    void fail(Throwable cause) {
        cancelTimer();
        done.completeExceptionally(cause);
    }

    private void cancelTimer() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
