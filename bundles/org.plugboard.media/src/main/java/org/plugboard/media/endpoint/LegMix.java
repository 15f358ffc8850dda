package org.plugboard.media.endpoint;

import org.plugboard.api.media.AudioEncoding;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * What a mix (a conference, a third party in a call) needs of a terminated leg: while {@link #mixInto} holds an
 * input, the audio the leg receives goes to it and the leg sends the mix ({@link #sendMixed}) instead of its prompts
 * and tones; digits are still collected.
 */
public interface LegMix {
    /** Told on the leg's event loop. */
    interface Input {
        /** A G.711 packet's payload (PCMU 0, PCMA 8), readable from its reader index; copy what you keep. */
        void audio(long ssrc, long timestamp, int payloadType, ByteBuf payload);

        /** The leg closed: it leaves the mix. */
        void legClosed();
    }

    String id();

    EventLoop loop();

    /** The negotiated law, null before negotiation. */
    AudioEncoding law();

    /** The negotiated packet time in ms. */
    int ptime();

    boolean closed();

    /** Joins a mix ({@code input}) or, with null, leaves it: the leg's own output plays again. Any thread. */
    void mixInto(Input input);

    /** Sends one packet of the mix (in {@link #law}); on the leg's loop only. Nothing when no longer mixed. */
    void sendMixed(byte[] payload);
}
