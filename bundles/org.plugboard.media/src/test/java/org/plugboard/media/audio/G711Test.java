package org.plugboard.media.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;

class G711Test {
    @Test
    void knownCodes() {
        assertEquals((byte) 0xFF, G711.ulaw(0), "u-law silence");
        assertEquals((byte) 0xD5, G711.alaw(0), "A-law silence");
        assertEquals(-32124, G711.ulawToLinear((byte) 0x00), "u-law most negative");
        assertEquals(32124, G711.ulawToLinear((byte) 0x80), "u-law most positive");
        assertEquals(8, G711.alawToLinear((byte) 0xD5));
        assertEquals(-8, G711.alawToLinear((byte) 0x55));
        assertEquals(32256, G711.alawToLinear((byte) 0xAA), "A-law most positive");
        assertEquals((byte) 0x80, G711.ulaw(32767), "clipped");
        assertEquals((byte) 0x00, G711.ulaw(-32768), "clipped");
    }

    @Test
    void everyCodeDecodesAndEncodesBackToItself() {
        for (int code = 0; code < 256; code++) {
            byte c = (byte) code;
            if (code != 0x7F) { // u-law has two zeros (0x7F and 0xFF); 0 encodes as 0xFF
                assertEquals(c, G711.ulaw(G711.ulawToLinear(c)), "u-law " + code);
            }
            assertEquals(c, G711.alaw(G711.alawToLinear(c)), "A-law " + code);
        }
    }

    @Test
    void quantisationErrorStaysWithinTheSegmentStep() {
        for (int v = -32000; v <= 32000; v += 7) {
            int u = G711.ulawToLinear(G711.ulaw(v));
            int a = G711.alawToLinear(G711.alaw(v));
            double step = Math.max(16, Math.abs(v) / 16.0); // about 1/16 of the value in each segment
            assertTrue(Math.abs(u - v) <= step, "u-law " + v + " -> " + u);
            assertTrue(Math.abs(a - v) <= step, "A-law " + v + " -> " + a);
        }
    }

    @Test
    void transcodingKeepsTheValueWithinOneStep() {
        for (int code = 0; code < 256; code++) {
            byte u = (byte) code;
            int direct = G711.ulawToLinear(u);
            int viaAlaw = G711.alawToLinear(G711.transcode(AudioEncoding.PCMU, AudioEncoding.PCMA, u));
            assertTrue(Math.abs(direct - viaAlaw) <= Math.max(16, Math.abs(direct) / 16), code + ": " + direct + " vs " + viaAlaw);
        }
        assertEquals((byte) 0x12, G711.transcode(AudioEncoding.PCMA, AudioEncoding.PCMA, (byte) 0x12), "same law: same code");
    }
}
