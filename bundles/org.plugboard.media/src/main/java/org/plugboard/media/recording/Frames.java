package org.plugboard.media.recording;

import org.plugboard.api.media.CallRecording.Layout;

/**
 * Both directions' samples made into the file's frames: summed with clipping protection ({@link Layout#MIXED}) or
 * interleaved, caller left and callee right ({@link Layout#STEREO}), as 16-bit little-endian bytes. Writer only.
 */
final class Frames {
    private final boolean stereo;
    private final short[] left;
    private final short[] right;
    private final byte[] bytes;

    Frames(Layout layout, int capacity) {
        this.stereo = layout == Layout.STEREO;
        this.left = new short[capacity];
        this.right = new short[capacity];
        this.bytes = new byte[capacity * (stereo ? 4 : 2)];
    }

    /** The caller's samples go here. */
    short[] left() {
        return left;
    }

    /** The callee's samples go here. */
    short[] right() {
        return right;
    }

    /** The frames of the first {@code n} samples. */
    byte[] bytes(int n) {
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (stereo) {
                at = put(left[i], at);
                at = put(right[i], at);
            } else {
                // a hard limit: the sum of two loud parties clips instead of wrapping around
                at = put(Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, left[i] + right[i])), at);
            }
        }
        return bytes;
    }

    int byteCount(int n) {
        return n * (stereo ? 4 : 2);
    }

    private int put(int sample, int at) {
        bytes[at] = (byte) sample;
        bytes[at + 1] = (byte) (sample >> 8);
        return at + 2;
    }
}
