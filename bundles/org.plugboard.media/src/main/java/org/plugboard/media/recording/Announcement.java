package org.plugboard.media.recording;

import org.plugboard.api.media.Beep;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.Beeps;
import org.plugboard.media.audio.G711;

import io.netty.buffer.ByteBuf;

/**
 * The recording notice both parties hear ({@link Beep#WARNING}, then the spoken announcement when the engine has one:
 * {@link #notice}): mixed into the G.711 payload of the packets each party receives, decoded, added and re-encoded in
 * place, from the first packet after the recording started. Each direction has its own place in the notice. Event
 * loop only.
 */
final class Announcement {
    /** The beep alone: the notice of an engine without a spoken announcement. */
    static final Audio BEEP = Beeps.audio(Beep.WARNING);
    /** Silence between the beep and the words, in samples (200 ms). */
    static final int PAUSE = 1600;

    private final Audio notice;

    /** Samples of the notice already sent, per direction (index: the side that sent the packet). */
    private final int[] played = new int[2];

    Announcement(Audio notice) {
        this.notice = notice;
    }

    /** The beep, a pause, then {@code spoken} (a prompt of any law), as one LINEAR16 audio; the beep alone for null. */
    static Audio notice(Audio spoken) {
        if (spoken == null) {
            return BEEP;
        }
        int total = BEEP.samples() + PAUSE + spoken.samples();
        byte[] data = new byte[2 * total];
        for (int i = 0; i < total; i++) {
            int s = i < BEEP.samples() ? BEEP.linear(i) : i < BEEP.samples() + PAUSE ? 0
                    : spoken.linear(i - BEEP.samples() - PAUSE);
            data[2 * i] = (byte) s;
            data[2 * i + 1] = (byte) (s >> 8);
        }
        return new Audio(org.plugboard.api.media.AudioEncoding.LINEAR16, data);
    }

    /** Adds the next part of the beep to a payload of {@code n} samples already decoded in {@code linear}. */
    void mix(Side from, ByteBuf packet, int payloadIndex, short[] linear, int n, boolean alaw) {
        int at = played[from.ordinal()];
        if (at >= notice.samples()) {
            return;
        }
        int count = Math.min(n, notice.samples() - at);
        for (int i = 0; i < count; i++) {
            int sample = linear[i] + notice.linear(at + i);
            packet.setByte(payloadIndex + i, alaw ? G711.alaw(sample) : G711.ulaw(sample));
        }
        played[from.ordinal()] = at + count;
    }

    int[] save() {
        return played.clone();
    }

    void restore(int[] saved) {
        played[0] = saved[0];
        played[1] = saved[1];
    }
}
