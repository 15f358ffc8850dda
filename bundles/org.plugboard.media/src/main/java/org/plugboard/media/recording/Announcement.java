package org.plugboard.media.recording;

import org.plugboard.api.media.Beep;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.Beeps;
import org.plugboard.media.audio.G711;

import io.netty.buffer.ByteBuf;

/**
 * The recording notice both parties hear ({@link Beep#WARNING}): mixed into the G.711 payload of the packets each
 * party receives, decoded, added and re-encoded in place, from the first packet after the recording started. Each
 * direction has its own place in the beep. Event loop only.
 */
final class Announcement {
    private static final Audio BEEP = Beeps.audio(Beep.WARNING);

    /** Samples of the beep already sent, per direction (index: the side that sent the packet). */
    private final int[] played = new int[2];

    /** Adds the next part of the beep to a payload of {@code n} samples already decoded in {@code linear}. */
    void mix(Side from, ByteBuf packet, int payloadIndex, short[] linear, int n, boolean alaw) {
        int at = played[from.ordinal()];
        if (at >= BEEP.samples()) {
            return;
        }
        int count = Math.min(n, BEEP.samples() - at);
        for (int i = 0; i < count; i++) {
            int sample = linear[i] + BEEP.linear(at + i);
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
