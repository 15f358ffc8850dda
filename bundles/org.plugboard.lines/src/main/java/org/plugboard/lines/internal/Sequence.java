package org.plugboard.lines.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A line's Call-ID and CSeq counter: every REGISTER of the line uses the same Call-ID with the next CSeq
 * (RFC 3261 10.2.4). It outlives one activation of the line, and is handed to the next version of the bundle, so
 * the registrar sees one continuous sequence and replaces its binding instead of keeping a stale one.
 */
final class Sequence {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String callId;
    private final String fromTag;
    private long lastCseq;

    Sequence(String callId, String fromTag, long lastCseq) {
        this.callId = callId;
        this.fromTag = fromTag;
        this.lastCseq = lastCseq;
    }

    static Sequence fresh() {
        return new Sequence(random(16) + "@plugboard", random(6), 0);
    }

    String callId() {
        return callId;
    }

    String fromTag() {
        return fromTag;
    }

    synchronized long next() {
        return ++lastCseq;
    }

    synchronized long last() {
        return lastCseq;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
