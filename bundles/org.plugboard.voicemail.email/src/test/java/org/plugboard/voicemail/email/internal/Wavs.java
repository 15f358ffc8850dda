package org.plugboard.voicemail.email.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** WAV files as the voicemail engine writes them: 8 kHz, 16-bit, mono PCM. */
final class Wavs {
    private Wavs() {
    }

    /** @return a WAV of {@code seconds} of a quiet ramp (not all zeros, so a corrupted copy shows) */
    static byte[] silence(int seconds) {
        int samples = 8000 * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (i % 64 - 32));
        }
        return b.array();
    }
}
