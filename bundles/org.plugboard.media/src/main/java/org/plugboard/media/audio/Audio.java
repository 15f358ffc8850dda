package org.plugboard.media.audio;

import org.plugboard.api.media.AudioEncoding;

/**
 * Decoded prompt audio at 8000 Hz mono, kept as the file had it: G.711 codes of one law, or 16-bit little-endian
 * linear samples. Immutable once built: one instance may play on many legs at once.
 *
 * @param encoding PCMU, PCMA or LINEAR16
 * @param data     one byte per sample for the laws, two (little-endian) for LINEAR16
 */
public record Audio(AudioEncoding encoding, byte[] data) {
    public static final int RATE = 8000;

    /** Samples held. */
    public int samples() {
        return encoding == AudioEncoding.LINEAR16 ? data.length / 2 : data.length;
    }

    /** Sample {@code i} as a code of {@code law} (transcoded or encoded when the file's encoding differs). */
    public byte codeIn(AudioEncoding law, int i) {
        if (encoding == AudioEncoding.LINEAR16) {
            return G711.encode(law, linear(i));
        }
        return G711.transcode(encoding, law, data[i]);
    }

    /** Sample {@code i} as a 16-bit linear value. */
    public short linear(int i) {
        if (encoding == AudioEncoding.LINEAR16) {
            return (short) ((data[2 * i] & 0xFF) | (data[2 * i + 1] << 8));
        }
        return G711.decode(encoding, data[i]);
    }

    /** Length in milliseconds. */
    public long millis() {
        return samples() * 1000L / RATE;
    }
}
