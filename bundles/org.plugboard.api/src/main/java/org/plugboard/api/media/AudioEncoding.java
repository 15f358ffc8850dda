package org.plugboard.api.media;

/**
 * Narrowband audio a terminated leg speaks or a recording is written in: the two G.711 laws (RTP payload types 0
 * and 8, 8000 Hz, one byte per sample) and 16-bit linear PCM (8000 Hz mono, for recordings only). Since 1.2.
 */
public enum AudioEncoding {
    /** G.711 u-law, RTP payload type 0 (North America, Japan). */
    PCMU(0),
    /** G.711 A-law, RTP payload type 8 (Europe and most of the world). */
    PCMA(8),
    /** 16-bit signed little-endian linear PCM: a recording format, never sent on a leg. */
    LINEAR16(-1);

    private final int payloadType;

    AudioEncoding(int payloadType) {
        this.payloadType = payloadType;
    }

    /** The static RTP payload type, -1 for {@link #LINEAR16}. */
    public int payloadType() {
        return payloadType;
    }
}
