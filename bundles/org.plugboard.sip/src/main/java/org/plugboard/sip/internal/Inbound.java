package org.plugboard.sip.internal;

import java.net.InetSocketAddress;

/** What the valve learned about an inbound message, carried to the listener as the message's application data. */
record Inbound(String profile, InetSocketAddress source, String transport) {
}
