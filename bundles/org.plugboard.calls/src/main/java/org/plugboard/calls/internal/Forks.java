package org.plugboard.calls.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.routing.Route;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipProfileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callee side of a call as a set of forks (RFC 3261 16.7): one leg per registered device of an extension, or
 * one to a line or trunk; the first 200 wins. When every fork has failed, the best response stands for them all:
 * a 6xx, then busy, then the lowest status.
 */
final class Forks {
    private static final Logger LOG = LoggerFactory.getLogger(Forks.class);

    /**
     * Where one callee leg goes. {@code domain}: for a line or trunk, the host[:port] of its Request-URI, which From
     * and To carry (a provider checks that From names its domain); null for our own devices (our address then).
     */
    record Target(String uri, NextHop hop, String profile, String peer, String callerId, String domain) {
    }

    private final LegMessages messages;
    private final LocationService location;
    private final CallTable table;
    private final java.util.function.Supplier<CallsConfig> config;

    Forks(LegMessages messages, LocationService location, CallTable table, java.util.function.Supplier<CallsConfig> config) {
        this.messages = messages;
        this.location = location;
        this.table = table;
        this.config = config;
    }

    /** Flattens parallel routes into the routes to try at once. */
    static List<Route> flatten(Route route) {
        List<Route> out = new ArrayList<>();
        flatten(route, out);
        return out;
    }

    private static void flatten(Route r, List<Route> out) {
        if (r instanceof Route.Parallel p) {
            p.routes().forEach(x -> flatten(x, out));
        } else {
            out.add(r);
        }
    }

    /** Every leg the routes call for: each registered device of an extension, each SIP destination. */
    List<Target> targets(Call call, List<Route> routes) {
        return targets(call, routes, call.caller);
    }

    /** The same with {@code callerId} as the number the legs present (a transfer presents the transferee). */
    List<Target> targets(Call call, List<Route> routes, String callerId) {
        List<Target> targets = new ArrayList<>();
        for (Route r : routes) {
            if (r instanceof Route.ToExtension ext) {
                for (Binding b : location.lookup(ext.number())) {
                    targets.add(new Target(b.contact(), hopOf(b), SipProfileResolver.DEFAULT_PROFILE, ext.number(), callerId, null));
                }
            } else if (r instanceof Route.ToSip s) {
                targets.add(new Target(s.requestUri(), s.hop(), s.profile(), call.callee, s.callerId() == null ? callerId : s.callerId(),
                        domainOf(s.requestUri())));
            }
        }
        return targets;
    }

    /** Starts a callee leg; a leg that cannot be sent is failed at once (503) and stays in the call for the verdict. */
    void start(Call call, Target t, List<javax.sip.header.Header> extraHeaders) {
        CallerLeg caller = call.callerLeg;
        startLeg(call, t, new CalleeLeg(call, Dialogs.newCallId()), call.relayedOffers.get(t.hop().host()),
                caller.remoteAddress.getDisplayName(), extraHeaders,
                Dialogs.maxForwards(caller.invite.request()) - 1);
    }

    /**
     * Starts {@code leg} toward {@code t} with {@code offer} (null: late offer), presenting {@code display} and the
     * target's caller id; a leg that cannot be sent is failed at once (503).
     */
    void startLeg(Call call, Target t, CalleeLeg leg, byte[] offer, String display, List<javax.sip.header.Header> extraHeaders,
            int maxForwards) {
        leg.hop = t.hop();
        leg.profile = t.profile();
        leg.peer = t.peer();
        leg.localTag = Dialogs.newTag();
        call.calleeLegs.add(leg);
        try {
            Dialogs dialogs = messages.dialogs();
            leg.remoteTarget = dialogs.uri(t.uri());
            // an anonymous caller is anonymous to our phones (RFC 3323); a line or trunk keeps the From its provider
            // checks and is asked to withhold it (Privacy: id)
            boolean hidden = call.callerAnonymous && t.domain() == null;
            String shown = hidden ? Anonymity.DISPLAY : display;
            String host = t.domain() != null ? t.domain() : messages.sip().localUri(t.hop()).getHost();
            String from = hidden ? Anonymity.USER + "@" + Anonymity.HOST : t.callerId() + "@" + host;
            leg.localAddress = dialogs.address((shown == null ? "" : "\"" + shown.replace("\"", "") + "\" ") + "<sip:" + from + ">");
            leg.remoteAddress = dialogs.address(t.domain() != null ? "<" + t.uri() + ">" : "<sip:" + t.peer() + "@" + host + ">");
            leg.lateOffer = offer == null; // the callee offers in its 200; the caller answers in its ACK
            CallsConfig c = config.get();
            Request invite = messages.dialogs().initialInvite(leg, hidden ? null : t.callerId(), maxForwards, offer,
                    c.offer_100rel(), c.session_expires());
            if (call.callerAnonymous && !hidden) {
                invite.setHeader(dialogs.headers().createHeader("Privacy", "id"));
            }
            for (javax.sip.header.Header h : extraHeaders) {
                invite.addHeader(h);
            }
            leg.inviteRequest = invite;
            table.addLeg(leg);
            leg.inviteTx = messages.send(leg, invite);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("Call {}: cannot call {} at {}: {}", call.id, t.peer(), t.hop(), e.toString());
            // a send the transport refused (a peer not listening) names its fault, for the caller and the CDR
            String why = e instanceof SipException && e.getMessage() != null ? ": " + e.getMessage().replaceAll("[\\r\\n]+", " ") : "";
            leg.fail(Response.SERVICE_UNAVAILABLE, "Cannot reach " + t.peer() + why, null);
            table.removeLeg(leg);
        }
    }

    /** Every fork has failed (none is ringing or up). */
    static boolean allFailed(Call call) {
        return !call.calleeLegs.isEmpty() && call.calleeLegs.stream().allMatch(l -> l.state == CallState.RELEASED);
    }

    /** How a failed fork ranks for the call's verdict: 6xx, then busy, then the lowest status (16.7 step 6). */
    static int rank(int status) {
        if (status >= 600) {
            return 0;
        }
        if (status == Response.BUSY_HERE) {
            return 1;
        }
        return status;
    }

    /** A 6xx ends every branch (RFC 3261 16.7 step 5): CANCEL the others. */
    void cancelOthers(Call call, CalleeLeg except, String reason) {
        for (CalleeLeg other : call.calleeLegs) {
            if (other != except && other.state != CallState.RELEASED) {
                messages.cancel(other, reason);
            }
        }
    }

    /** The host[:port] of a sip: URI, null for anything else (tel:, unparsable: our own address is used). */
    private String domainOf(String requestUri) {
        try {
            if (messages.dialogs().address("<" + requestUri + ">").getURI() instanceof SipURI s && s.getHost() != null) {
                String host = s.getHost().contains(":") && !s.getHost().startsWith("[") ? "[" + s.getHost() + "]" : s.getHost();
                return s.getPort() > 0 ? host + ":" + s.getPort() : host;
            }
        } catch (ParseException e) {
            LOG.warn("Route target {} is no URI ({}): our own address goes in From and To", requestUri, e.getMessage());
        }
        return null;
    }

    /**
     * Where a registered device is reached. When the Contact's IP is the IP the REGISTER came from, there is no NAT
     * in between and the Contact (with its port) is right; otherwise a NAT rewrote the address and only the source
     * address and port of the REGISTER reach the device (the pinhole it keeps open).
     */
    NextHop hopOf(Binding b) {
        NextHop source = NextHop.parse(b.source(), b.transport());
        try {
            URI uri = messages.dialogs().address("<" + b.contact() + ">").getURI();
            if (uri instanceof SipURI s && s.getHost() != null) {
                String host = s.getHost().startsWith("[") ? s.getHost().substring(1, s.getHost().length() - 1) : s.getHost();
                boolean literal = host.matches("[0-9.]+") || host.contains(":"); // never a DNS lookup on a strand
                if (literal && InetAddress.getByName(host).equals(InetAddress.getByName(source.host()))) {
                    int port = s.getPort() > 0 ? s.getPort() : 5060;
                    String transport = s.getTransportParam() == null ? source.transport() : s.getTransportParam();
                    return new NextHop(source.host(), port, transport);
                }
            }
        } catch (ParseException | UnknownHostException | RuntimeException e) {
            LOG.debug("Contact {} unusable as a hop ({}): the REGISTER's source is used", b.contact(), e.toString());
        }
        return source;
    }
}
