package org.plugboard.media.mix;

import java.util.Arrays;

import org.plugboard.media.audio.G711;

/**
 * One member's received audio placed by RTP timestamp, not by arrival: a packet lands where its timestamp says, a
 * reordered one fills its gap, a lost one stays silence. Playout runs {@link #DELAY} samples (40 ms) behind the
 * first packet of a stream, one 20 ms frame per {@link #take}. A new SSRC, a jump of more than the buffer either way,
 * or packets late again and again re-anchor it (the sender restarted, or its clock drifted). Confined to the
 * mixer's thread; decodes G.711 (PCMU 0, PCMA 8) and ignores any other payload type.
 */
final class JitterBuffer {
    static final int FRAME = 160;
    static final int DELAY = 2 * FRAME;
    /** 256 ms of ring: room for the delay, a burst and a ptime of 60 ms. */
    private static final int SIZE = 2048;
    private static final int MASK = SIZE - 1;
    /** Packets late one after the other before the playout point moves to the sender's clock. */
    private static final int LATE_LIMIT = 5;

    private final short[] ring = new short[SIZE];
    private boolean anchored;
    private long ssrc;
    /** The RTP timestamp of the next sample {@link #take} returns (32-bit arithmetic). */
    private long playAt;
    /** Samples placed ahead of {@code playAt} and not yet taken: the frame is audio, not silence. */
    private long filledUntil;
    private int lateInARow;
    private long late;
    private long reanchors;

    /** Places one packet's samples. */
    void put(long packetSsrc, long timestamp, int payloadType, byte[] data, int length) {
        if (payloadType != 0 && payloadType != 8) {
            return;
        }
        int offset = anchored && packetSsrc == ssrc ? (int) (timestamp - playAt) : Integer.MIN_VALUE;
        if (offset < 0 && offset > -SIZE && lateInARow < LATE_LIMIT) {
            lateInARow++;
            late++;
            return;
        }
        if (offset < 0 || offset + length > SIZE) {
            anchor(packetSsrc, timestamp);
            offset = DELAY;
        }
        lateInARow = 0;
        boolean ulaw = payloadType == 0;
        for (int i = 0; i < length; i++) {
            byte code = data[i];
            ring[(int) ((timestamp + i) & MASK)] = ulaw ? G711.ulawToLinear(code) : G711.alawToLinear(code);
        }
        filledUntil = Math.max(filledUntil, offset + length);
    }

    private void anchor(long packetSsrc, long timestamp) {
        if (anchored) {
            reanchors++;
        }
        Arrays.fill(ring, (short) 0);
        anchored = true;
        ssrc = packetSsrc;
        playAt = (timestamp - DELAY) & 0xFFFFFFFFL;
        filledUntil = 0;
    }

    /**
     * The next 20 ms into {@code frame} (silence where nothing arrived); true when any of it came from a packet.
     * The samples taken are cleared, so a lost packet later is silence, not old audio.
     */
    boolean take(short[] frame) {
        if (!anchored) {
            Arrays.fill(frame, 0, FRAME, (short) 0);
            return false;
        }
        boolean audio = filledUntil > 0;
        int start = (int) (playAt & MASK);
        for (int i = 0; i < FRAME; i++) {
            int at = (start + i) & MASK;
            frame[i] = ring[at];
            ring[at] = 0;
        }
        playAt = (playAt + FRAME) & 0xFFFFFFFFL;
        filledUntil = Math.max(0, filledUntil - FRAME);
        return audio;
    }

    long late() {
        return late;
    }

    long reanchors() {
        return reanchors;
    }
}
