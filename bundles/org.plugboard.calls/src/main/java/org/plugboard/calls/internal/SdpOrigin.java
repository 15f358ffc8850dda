package org.plugboard.calls.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3264 8: every later offer or answer in a dialog keeps the o= line of the first one but for its version, which
 * goes up by one. When the SDP a party gets changes source (the media engine answered it, now the relay offers),
 * the new body takes the old o= line with the version incremented.
 */
final class SdpOrigin {
    private SdpOrigin() {
    }

    /**
     * {@code next} with the o= line of {@code previous}, its version incremented; {@code next} unchanged when either
     * has no well-formed o= line (nothing to continue).
     */
    static byte[] continueFrom(byte[] previous, byte[] next) {
        if (previous == null || next == null) {
            return next;
        }
        String[] old = originFields(new String(previous, StandardCharsets.UTF_8));
        String text = new String(next, StandardCharsets.UTF_8);
        if (old == null || originFields(text) == null) {
            return next;
        }
        BigInteger version;
        try {
            version = new BigInteger(old[2]).add(BigInteger.ONE);
        } catch (NumberFormatException e) {
            return next;
        }
        String origin = "o=" + old[0] + " " + old[1] + " " + version + " " + old[3] + " " + old[4] + " " + old[5];
        StringBuilder out = new StringBuilder(text.length() + 8);
        int start = 0;
        boolean done = false;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int stop = end < 0 ? text.length() : end + 1;
            String line = text.substring(start, stop);
            if (!done && line.startsWith("o=")) {
                out.append(origin).append(line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "");
                done = true;
            } else {
                out.append(line);
            }
            start = stop;
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The six fields of the first o= line (username, sess-id, sess-version, nettype, addrtype, address), or null. */
    private static String[] originFields(String sdp) {
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("o=")) {
                String[] f = line.substring(2).trim().split(" +");
                return f.length == 6 ? f : null;
            }
        }
        return null;
    }
}
