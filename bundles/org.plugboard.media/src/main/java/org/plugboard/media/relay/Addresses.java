package org.plugboard.media.relay;

import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;

import io.netty.util.NetUtil;

/** IP literals and the address the relay advertises toward a receiver. */
public final class Addresses {
    private Addresses() {
    }

    /** An IP literal as an address; null for null, blank or a host name (never a DNS lookup). */
    public static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(t);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * The address to put in the SDP sent toward {@code to}: the configured one; else the bind address if it is a
     * specific one; else the local address the kernel routes toward {@code to} (a connected UDP socket sends
     * nothing, it only asks the routing table); loopback toward loopback or when nothing is known.
     */
    static InetAddress advertised(InetAddress configured, InetAddress bind, InetAddress to) {
        if (configured != null) {
            return configured;
        }
        if (bind != null && !bind.isAnyLocalAddress()) {
            return bind;
        }
        if (to != null) {
            if (to.isLoopbackAddress()) {
                return literal(to instanceof Inet6Address ? "::1" : "127.0.0.1");
            }
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(to, 9));
                InetAddress local = probe.getLocalAddress();
                if (local != null && !local.isAnyLocalAddress()) {
                    return local;
                }
            } catch (SocketException | RuntimeException e) {
                // no route: fall through to loopback
            }
        }
        return literal("127.0.0.1");
    }

    static String text(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address ? "[" + host + "]:" + address.getPort()
                : host + ":" + address.getPort();
    }
}
