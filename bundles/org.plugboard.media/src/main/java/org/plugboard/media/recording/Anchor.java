package org.plugboard.media.recording;

import org.plugboard.media.audio.Audio;

/**
 * Where one direction's RTP timestamps go on the recording's timeline (8000 samples a second from its start). The
 * first packet anchors its timestamp at the position of its arrival; later packets are placed by their timestamp
 * alone, so packet times, pauses, loss and reordering change nothing. The anchor is re-set (a re-anchor) on a new
 * SSRC, on an implausible jump (more than {@value #JUMP_SECONDS} s off the wall clock, or {@value #LATE_RUN} newest
 * packets in a row would land behind what was already written: packets that only waited in a socket buffer, during
 * a stall or a bundle update, still fit and keep the anchor), and when the offset to the wall clock stays outside the window for a
 * second (slow clock drift, a first packet that came late): then it is moved by the smallest offset of that second.
 * Event loop only.
 */
final class Anchor {
    static final int JUMP_SECONDS = 2;
    static final long JUMP = JUMP_SECONDS * Audio.RATE;
    /**
     * How far a packet may be from its arrival position before drift is suspected (250 ms): inside it a packet still
     * lands before the 300 ms write-out, so moving the anchor would only cut a gap into the file. At 120 ms a loaded
     * relay's late bursts (up to ~190 ms at 300 recorded calls) moved it 3-8 times a call: 3 % silence in the files.
     */
    static final long WINDOW = 250L * Audio.RATE / 1000;
    /** How long the offset must stay outside the window before the anchor moves (1 s). */
    static final long PATIENCE = Audio.RATE;
    /**
     * Newest packets in a row that land wholly behind the write-out before the anchor moves: a pause whose
     * timestamps did not move on, not a burst after a stall (which drains within a packet or two).
     */
    static final int LATE_RUN = 3;

    private boolean anchored;
    private long ssrc;
    private long newestTs;
    private long newestExtTs;
    private long anchorExtTs;
    private long anchorPos;
    /** Position after the newest packet's audio: a new SSRC does not overlap what came just before. */
    private long lastEnd;
    private long outsideSince = -1;
    private long bestOffset;
    private long reanchors;
    /** Newest packets in a row that came too late for the file. */
    private int lateRun;
    /** Whether the last packet placed was the newest so far (not reordered or late). */
    private boolean newest;

    /**
     * The timeline position of a packet's first sample; {@code written}: where the writer is (a newest packet that
     * would land wholly behind it re-anchors: a pause whose timestamps did not move on).
     */
    long place(long packetSsrc, long timestamp, int clockRate, long arrivalPos, int samples, long written) {
        if (!anchored) {
            start(packetSsrc, timestamp, arrivalPos);
        } else if (packetSsrc != ssrc) {
            long gap = lastEnd - arrivalPos;
            start(packetSsrc, timestamp, gap > 0 && gap <= WINDOW ? lastEnd : arrivalPos);
            reanchors++;
        }
        long ext = newestExtTs + (int) (timestamp - newestTs); // signed 32-bit difference: wraps correctly
        long pos = anchorPos + (ext - anchorExtTs) * Audio.RATE / clockRate;
        newest = ext >= newestExtTs;
        if (!newest) {
            return pos; // reordered or late: placed by its timestamp, never moves the anchor
        }
        long offset = pos - arrivalPos;
        lateRun = pos + samples <= written ? lateRun + 1 : 0;
        if (offset > JUMP || offset < -JUMP || lateRun >= LATE_RUN) {
            start(ssrc, timestamp, arrivalPos);
            reanchors++;
            ext = 0;
            pos = arrivalPos;
        } else if (Math.abs(offset) > WINDOW) {
            pos -= drift(offset, arrivalPos);
        } else {
            outsideSince = -1;
        }
        newestTs = timestamp;
        newestExtTs = ext;
        lastEnd = pos + samples;
        return pos;
    }

    /** Follows an offset outside the window; returns how far the anchor moved (0 while waiting). */
    private long drift(long offset, long arrivalPos) {
        boolean ahead = offset > 0;
        if (outsideSince < 0 || (bestOffset > 0) != ahead) {
            outsideSince = arrivalPos;
            bestOffset = offset;
            return 0;
        }
        bestOffset = ahead ? Math.min(bestOffset, offset) : Math.max(bestOffset, offset);
        if (arrivalPos - outsideSince < PATIENCE) {
            return 0;
        }
        long shift = bestOffset;
        anchorPos -= shift;
        outsideSince = -1;
        reanchors++;
        return shift;
    }

    private void start(long packetSsrc, long timestamp, long at) {
        anchored = true;
        ssrc = packetSsrc;
        newestTs = timestamp;
        newestExtTs = 0;
        anchorExtTs = 0;
        anchorPos = at;
        outsideSince = -1;
        lateRun = 0;
    }

    long reanchors() {
        return reanchors;
    }

    boolean anchored() {
        return anchored;
    }

    boolean newest() {
        return newest;
    }

    /** Position after the newest packet's audio. */
    long end() {
        return lastEnd;
    }

    /** Moves the timeline by {@code delta} samples (the buffered audio was moved with it). */
    void shift(long delta) {
        anchorPos += delta;
        lastEnd += delta;
    }

    /** For the next version of the bundle (JDK values only). */
    long[] save() {
        return new long[] {anchored ? 1 : 0, ssrc, newestTs, newestExtTs, anchorExtTs, anchorPos, lastEnd, outsideSince,
            bestOffset, reanchors};
    }

    void restore(long[] s) {
        anchored = s[0] == 1;
        ssrc = s[1];
        newestTs = s[2];
        newestExtTs = s[3];
        anchorExtTs = s[4];
        anchorPos = s[5];
        lastEnd = s[6];
        outsideSince = s[7];
        bestOffset = s[8];
        reanchors = s[9];
    }
}
