package org.plugboard.media.relay;

import java.net.InetSocketAddress;

/** The source one side's packets are accepted from and sent back to (symmetric RTP). Event-loop confined. */
final class Latch {
    InetSocketAddress source;
    long lastNanos;

    void reset() {
        source = null;
        lastNanos = 0;
    }
}
