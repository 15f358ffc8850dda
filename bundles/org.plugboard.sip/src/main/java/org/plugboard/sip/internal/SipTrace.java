package org.plugboard.sip.internal;

import java.net.InetSocketAddress;

import javax.sip.message.Message;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs whole SIP messages to the {@code org.plugboard.sip.trace} category while switched on. */
final class SipTrace {
    private static final Logger TRACE = LoggerFactory.getLogger("org.plugboard.sip.trace");
    private volatile boolean on;

    boolean isOn() {
        return on;
    }

    void set(boolean on) {
        this.on = on;
    }

    void in(Message m, InetSocketAddress from, String transport) {
        if (on) {
            TRACE.info("<<< {} from {} ({} bytes)\n{}", transport, from, m.toString().length(), m);
        }
    }

    void out(Message m, String to, String transport) {
        if (on) {
            TRACE.info(">>> {} to {}\n{}", transport, to, m);
        }
    }
}
