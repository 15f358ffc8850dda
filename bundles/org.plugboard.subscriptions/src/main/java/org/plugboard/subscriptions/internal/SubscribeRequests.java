package org.plugboard.subscriptions.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.plugboard.api.sip.NextHop;

/** What the layer reads from a SUBSCRIBE (and from the answers to its NOTIFYs): plain functions of the message. */
final class SubscribeRequests {
    private SubscribeRequests() {
    }

    static EventHeader event(Request r) {
        return (EventHeader) r.getHeader(EventHeader.NAME);
    }

    /** @return the Expires header's seconds, or -1 without one */
    static int expires(Request r) {
        ExpiresHeader e = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
        return e == null ? -1 : e.getExpires();
    }

    static long cseq(Message m) {
        return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    static String method(Message m) {
        return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getMethod();
    }

    static String callId(Message m) {
        return ((javax.sip.header.CallIdHeader) m.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
    }

    static String toTag(Message m) {
        return ((ToHeader) m.getHeader(ToHeader.NAME)).getTag();
    }

    static String fromTag(Message m) {
        return ((FromHeader) m.getHeader(FromHeader.NAME)).getTag();
    }

    /** The contact URI, or null without a usable Contact. */
    static URI contact(Request r) {
        ContactHeader c = (ContactHeader) r.getHeader(ContactHeader.NAME);
        return c == null || c.getAddress() == null || c.getAddress().isWildcard() ? null : c.getAddress().getURI();
    }

    /** The route set of a dialog we answer (RFC 3261 12.1.1): the Record-Route headers, in order. */
    static List<Address> routeSet(Request r) {
        List<Address> routes = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(RecordRouteHeader.NAME);
        while (it.hasNext()) {
            routes.add((Address) ((RecordRouteHeader) it.next()).getAddress().clone());
        }
        return routes;
    }

    /** The watched resource: the Request-URI's user (or a tel: number); null when it names none. */
    static String resource(Request r) {
        URI uri = r.getRequestURI();
        String user = uri instanceof SipURI s ? s.getUser() : uri instanceof TelURL t ? t.getPhoneNumber() : null;
        return user == null || user.isBlank() ? null : user;
    }

    /** The resource as the subscriber named it: To's URI without port and parameters, e.g. {@code sip:1002@pbx}. */
    static String entity(Request r) {
        URI uri = ((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().getURI();
        if (uri instanceof SipURI s) {
            return s.getScheme() + ":" + (s.getUser() == null ? "" : s.getUser() + "@") + s.getHost();
        }
        return uri.toString();
    }

    /** True when the SUBSCRIBE has no Accept header or one that admits {@code contentType} (RFC 6665 4.1.2). */
    static boolean accepts(Request r, String contentType) {
        ListIterator<?> it = r.getHeaders(AcceptHeader.NAME);
        if (!it.hasNext()) {
            return true;
        }
        String[] want = contentType.toLowerCase().split("/", 2);
        while (it.hasNext()) {
            AcceptHeader a = (AcceptHeader) it.next();
            String type = a.getContentType() == null ? "*" : a.getContentType().toLowerCase();
            String sub = a.getContentSubType() == null ? "*" : a.getContentSubType().toLowerCase();
            if ((type.equals("*") || type.equals(want[0])) && (sub.equals("*") || want.length < 2 || sub.equals(want[1]))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where NOTIFYs go: the first route when the SUBSCRIBE was record-routed (loose routing), else the address the
     * SUBSCRIBE came from, unless the Contact names that very IP (then its port: a phone not behind NAT listens there).
     * The same rule as the B2BUA's toward registered devices.
     */
    static NextHop hop(URI target, List<Address> routes, InetSocketAddress source, String transport) {
        if (!routes.isEmpty() && routes.get(0).getURI() instanceof SipURI r) {
            String t = r.getTransportParam() == null ? transport : r.getTransportParam();
            return new NextHop(strip(r.getHost()), r.getPort() > 0 ? r.getPort() : 5060, t);
        }
        String sourceHost = source.getAddress().getHostAddress();
        if (target instanceof SipURI s && s.getHost() != null) {
            String host = strip(s.getHost());
            boolean literal = host.matches("[0-9.]+") || host.contains(":"); // never a DNS lookup on the layer's thread
            try {
                if (literal && InetAddress.getByName(host).equals(source.getAddress())) {
                    String t = s.getTransportParam() == null ? transport : s.getTransportParam();
                    return new NextHop(sourceHost, s.getPort() > 0 ? s.getPort() : 5060, t);
                }
            } catch (UnknownHostException e) {
                // not a literal after all: the source it is
            }
        }
        return new NextHop(sourceHost, source.getPort(), transport);
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
