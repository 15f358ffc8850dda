package org.plugboard.sip.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;

import org.plugboard.sip.internal.capture.SipCapture;

/**
 * Our side of a captured message: the first listening point of its transport and family in the current snapshot. A
 * wildcard listen address (0.0.0.0, ::) stays the wildcard: which interface the kernel picked is not known here.
 */
final class TapAddresses implements SipCapture.LocalAddress {
    private final Supplier<StackLifecycle.Listening> listening;

    TapAddresses(Supplier<StackLifecycle.Listening> listening) {
        this.listening = listening;
    }

    @Override
    public InetSocketAddress of(String transport, boolean ipv6) {
        StackLifecycle.Listening now = listening.get();
        if (now != null) {
            for (SipProvider p : now.providers()) {
                for (ListeningPoint lp : p.getListeningPoints()) {
                    if (lp.getTransport().equalsIgnoreCase(transport) && lp.getIPAddress().contains(":") == ipv6) {
                        return new InetSocketAddress(parse(lp.getIPAddress()), lp.getPort());
                    }
                }
            }
        }
        return new InetSocketAddress(parse(ipv6 ? "::" : "0.0.0.0"), 0);
    }

    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal); // listening points are literals: no lookup
        } catch (java.net.UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
