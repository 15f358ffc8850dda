package org.plugboard.sip.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.plugboard.api.sip.NextHop;

/**
 * Which listening point a request to a hop leaves from, and the address we give the peer there (Via, Contact).
 * Reads the stack's current {@link StackLifecycle.Listening} snapshot, so a restart never shows half a list.
 */
final class LocalRoutes implements Sender.Channel {
    private static final RateLimitedLog LOG = RateLimitedLog.of(LocalRoutes.class);

    private final Supplier<StackLifecycle.Listening> listening;
    private final AddressFactory addressFactory;
    private final HeaderFactory headerFactory;
    private final Map<String, String> sourceByHost = new ConcurrentHashMap<>();

    LocalRoutes(Supplier<StackLifecycle.Listening> listening, AddressFactory addressFactory, HeaderFactory headerFactory) {
        this.listening = listening;
        this.addressFactory = addressFactory;
        this.headerFactory = headerFactory;
    }

    /** Forget the kernel's answers (the interfaces may have changed with the listening points). */
    void clear() {
        sourceByHost.clear();
    }

    @Override
    public ClientTransaction send(Request request, NextHop hop, String owner) throws SipException {
        try {
            ClientTransaction ct = providerFor(hop).getNewClientTransaction(request);
            ct.setApplicationData(owner);
            ct.sendRequest();
            return ct;
        } catch (SipException e) { // e.g. the connection could not be opened: say why, not in the RI's words
            throw TransportFailures.sendFailed(e, hop);
        }
    }

    @Override
    public void sendStateless(Request request, NextHop hop) throws SipException {
        providerFor(hop).sendRequest(request);
    }

    SipURI localUri(NextHop toward) {
        try {
            ListeningPoint lp = providerFor(toward).getListeningPoint(toward.transport());
            SipURI uri = addressFactory.createSipURI(null, advertisedHost(lp, toward));
            uri.setPort(lp.getPort());
            if (!"UDP".equals(toward.transport())) {
                uri.setTransportParam(toward.transport().toLowerCase());
            }
            return uri;
        } catch (SipException | ParseException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    ViaHeader createVia(NextHop toward) {
        try {
            ListeningPoint lp = providerFor(toward).getListeningPoint(toward.transport());
            ViaHeader via = headerFactory.createViaHeader(advertisedHost(lp, toward), lp.getPort(), toward.transport(), null);
            via.setRPort();
            return via;
        } catch (SipException | ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The listening point a request to {@code hop} must leave from: the one bound to the address the kernel
     * routes toward the hop (so a LAN peer is not sent packets from 127.0.0.1), else a wildcard listener of the
     * hop's family, else the family's first.
     */
    SipProvider providerFor(NextHop hop) throws SipException {
        StackLifecycle.Listening now = listening.get();
        String family = hop.host().contains(":") ? "6" : "4";
        String local = localAddressToward(hop);
        SipProvider wildcard = null;
        for (SipProvider p : now.providers()) {
            ListeningPoint lp = p.getListeningPoint(hop.transport());
            if (lp == null) {
                continue;
            }
            String ip = lp.getIPAddress();
            if (local != null && sameAddress(ip, local)) {
                return p;
            }
            if (wildcard == null && (ip.equals("0.0.0.0") && family.equals("4") || ip.equals("::") && family.equals("6")
                    || ip.equals("0:0:0:0:0:0:0:0") && family.equals("6"))) {
                wildcard = p;
            }
        }
        if (wildcard != null) {
            return wildcard;
        }
        SipProvider p = now.byFamily().get(family);
        if (p == null || p.getListeningPoint(hop.transport()) == null) {
            throw new SipException("No " + hop.transport() + " listening point for IPv" + family + " to reach " + hop.host()
                    + ": add one to listen.addresses/transports in etc/org.plugboard.sip.cfg");
        }
        return p;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }

    /** Local source address the kernel picks toward a hop (a connected UDP socket sends nothing); cached per host. */
    private String localAddressToward(NextHop hop) {
        String host = hop.host();
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return null; // a name: resolving it here could block; the stack's router resolves it later
        }
        String cached = sourceByHost.get(host);
        if (cached != null) {
            return cached;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(InetAddress.getByName(host), hop.port());
            String ip = probe.getLocalAddress().getHostAddress();
            if (sourceByHost.size() > 10_000) {
                sourceByHost.clear();
            }
            sourceByHost.put(host, ip);
            return ip;
        } catch (IOException e) {
            LOG.warn("no-route", "No route from this host toward {} ({}): using a wildcard listening point", host, e.toString());
            return null;
        }
    }

    /** The address a peer reaches us at: the listening IP, or for a wildcard listener the interface toward the hop. */
    private String advertisedHost(ListeningPoint lp, NextHop hop) {
        String ip = lp.getIPAddress();
        try {
            if (InetAddress.getByName(ip).isAnyLocalAddress()) {
                String local = localAddressToward(hop);
                ip = local != null ? local : ip;
            }
        } catch (IOException e) {
            LOG.warn("our-address", "Cannot find our address toward {}: {}; advertising {}", hop.host(), e.toString(), ip);
        }
        return ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
    }
}
