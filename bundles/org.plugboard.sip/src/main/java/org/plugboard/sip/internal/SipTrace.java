package org.plugboard.sip.internal;

import java.net.InetSocketAddress;

import javax.sip.message.Message;

import org.plugboard.sip.internal.capture.SipCapture;

/**
 * The stack's tap: every message in and out passes here once and goes on to the {@link SipCapture} (counts by method
 * and status, the trace, pcap and HEP).
 */
final class SipTrace {
    private final SipCapture capture;

    SipTrace(SipCapture.LocalAddress local) {
        this.capture = new SipCapture(local);
    }

    /** Without listening points (tests): our side is the wildcard address. */
    SipTrace() {
        this((transport, v6) -> new InetSocketAddress(v6 ? "::" : "0.0.0.0", 0));
    }

    SipCapture capture() {
        return capture;
    }

    boolean isOn() {
        return capture.traceOn();
    }

    void set(boolean on) {
        capture.setTrace(on);
    }

    void in(Message m, InetSocketAddress from, String transport) {
        capture.in(m, from, transport);
    }

    /** Taken before a send, given to {@link #out}: see {@link SipCapture#stamp}. */
    long stamp() {
        return capture.stamp();
    }

    void out(Message m, InetSocketAddress to, String transport, long sentMicros) {
        capture.out(m, to, transport, sentMicros);
    }
}
