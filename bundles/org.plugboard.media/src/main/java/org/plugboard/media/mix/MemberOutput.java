package org.plugboard.media.mix;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.media.audio.G711;

/**
 * What one member hears, as payloads of its law at its packet time: 20 ms frames from the mixer are encoded and
 * gathered until a packet is full (30, 40, 60 ms), or cut in two for 10 ms. The sink must copy what it keeps: the
 * array is reused.
 */
final class MemberOutput {
    /** Where a member's payloads go (its leg, or a side of a relayed call). */
    interface Sink {
        /** {@code length} bytes of {@code payload} in {@code law}: one packet's worth. */
        void send(byte[] payload, int length, AudioEncoding law);
    }

    private final Sink sink;
    private final byte[] pending = new byte[60 * 8 + JitterBuffer.FRAME];
    private int filled;
    private volatile AudioEncoding law;
    private volatile int samplesPerPacket;

    MemberOutput(Sink sink, AudioEncoding law, int ptimeMillis) {
        this.sink = sink;
        this.law = law;
        ptime(ptimeMillis);
    }

    AudioEncoding law() {
        return law;
    }

    void law(AudioEncoding next) {
        law = next;
    }

    /** 10-60 ms; anything else means 20. */
    void ptime(int millis) {
        samplesPerPacket = millis >= 10 && millis <= 60 ? millis * 8 : JitterBuffer.FRAME;
    }

    int samplesPerPacket() {
        return samplesPerPacket;
    }

    /** One 20 ms frame of linear samples. */
    void push(short[] frame) {
        AudioEncoding l = law;
        int spp = samplesPerPacket;
        if (filled + JitterBuffer.FRAME > pending.length) {
            filled = 0; // the packet time shrank meanwhile: start over
        }
        for (int i = 0; i < JitterBuffer.FRAME; i++) {
            pending[filled++] = G711.encode(l, frame[i]);
        }
        while (filled >= spp) {
            sink.send(pending, spp, l);
            filled -= spp;
            System.arraycopy(pending, spp, pending, 0, filled);
        }
    }

    /** Nothing is sent (a held party): what was gathered is dropped so it does not come out late. */
    void skip() {
        filled = 0;
    }
}
