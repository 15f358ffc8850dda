package org.plugboard.media.audio;

import org.plugboard.api.media.AudioEncoding;

/**
 * ITU-T G.711 u-law and A-law: encoding 16-bit linear samples, decoding, and transcoding between the laws through
 * the linear value (tables of 256 entries built once). The classic segment algorithm (Sun's public g711.c).
 */
public final class G711 {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    private static final byte[] ULAW_TO_ALAW = new byte[256];
    private static final byte[] ALAW_TO_ULAW = new byte[256];
    /** The code of digital silence in each law. */
    public static final byte ULAW_SILENCE = (byte) 0xFF;
    public static final byte ALAW_SILENCE = (byte) 0xD5;

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = ulawDecode(i);
            ALAW_TO_LINEAR[i] = alawDecode(i);
        }
        for (int i = 0; i < 256; i++) {
            ULAW_TO_ALAW[i] = alaw(ULAW_TO_LINEAR[i]);
            ALAW_TO_ULAW[i] = ulaw(ALAW_TO_LINEAR[i]);
        }
    }

    private G711() {
    }

    public static byte ulaw(int sample) {
        int pcm = Math.max(-32768, Math.min(32767, sample));
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) {
            pcm = -pcm;
        }
        if (pcm > CLIP) {
            pcm = CLIP;
        }
        pcm += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    public static byte alaw(int sample) {
        int pcm = Math.max(-32768, Math.min(32767, sample)) >> 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int segment = 0;
        int end = 0x1F;
        while (segment < 8 && pcm > end) {
            segment++;
            end = (end << 1) | 1;
        }
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int value = segment << 4;
        value |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte) (value ^ mask);
    }

    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    public static byte ulawToAlaw(byte code) {
        return ULAW_TO_ALAW[code & 0xFF];
    }

    public static byte alawToUlaw(byte code) {
        return ALAW_TO_ULAW[code & 0xFF];
    }

    /** One sample in {@code law} (PCMU or PCMA). */
    public static byte encode(AudioEncoding law, int sample) {
        return law == AudioEncoding.PCMA ? alaw(sample) : ulaw(sample);
    }

    /** The linear value of a {@code law} code. */
    public static short decode(AudioEncoding law, byte code) {
        return law == AudioEncoding.PCMA ? alawToLinear(code) : ulawToLinear(code);
    }

    /** Silence in {@code law}. */
    public static byte silence(AudioEncoding law) {
        return law == AudioEncoding.PCMA ? ALAW_SILENCE : ULAW_SILENCE;
    }

    /** A code of law {@code from} in law {@code to} (the same code when the laws are equal). */
    public static byte transcode(AudioEncoding from, AudioEncoding to, byte code) {
        if (from == to) {
            return code;
        }
        return from == AudioEncoding.PCMU ? ulawToAlaw(code) : alawToUlaw(code);
    }

    private static short ulawDecode(int code) {
        int u = ~code & 0xFF;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int sample = (((mantissa << 3) + BIAS) << exponent) - BIAS;
        return (short) (sign != 0 ? -sample : sample);
    }

    private static short alawDecode(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        switch (segment) {
            case 0 -> t += 8;
            case 1 -> t += 0x108;
            default -> {
                t += 0x108;
                t <<= segment - 1;
            }
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }
}
