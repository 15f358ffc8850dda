package org.plugboard.sip.internal;

import org.plugboard.api.sip.NextHop;

/** Where a request we originate goes and which profile's rewriters it passed; the request's application data. */
record Outbound(NextHop hop, String profile) {
}
