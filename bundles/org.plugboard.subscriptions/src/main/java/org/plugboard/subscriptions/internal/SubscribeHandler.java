package org.plugboard.subscriptions.internal;

import java.net.InetAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.subscription.EventPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber's side of RFC 6665 as we answer it: a SUBSCRIBE creates a subscription (its 200 creates the dialog),
 * refreshes it or, with {@code Expires: 0}, ends it. In this order: Event (489 with Allow-Events for an unknown
 * package), digest authentication as for INVITE (407/403 through the registrar's authenticator, whose ban guard counts
 * the failures), Accept (406), the package's say (404/403), expiry bounds (423 with Min-Expires; longer is cut to the
 * maximum), the per-subscriber limit (403). In-dialog SUBSCRIBEs are known by Call-ID and tags, as BYEs are, and need
 * no new credentials. Runs on the layer's thread.
 */
final class SubscribeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SubscribeHandler.class);

    private final SubscriptionTable table;
    private final Packages packages;
    private final Notifier notifier;
    private final RequestAuthenticator authenticator;
    private final Supplier<AuthFailureGuard> guard;
    private final Supplier<Limits> limits;
    private final Wire wire;
    private final LongSupplier clock;

    SubscribeHandler(SubscriptionTable table, Packages packages, Notifier notifier, RequestAuthenticator authenticator,
            Supplier<AuthFailureGuard> guard, Supplier<Limits> limits, Wire wire, LongSupplier clock) {
        this.table = table;
        this.packages = packages;
        this.notifier = notifier;
        this.authenticator = authenticator;
        this.guard = guard;
        this.limits = limits;
        this.wire = wire;
        this.clock = clock;
    }

    void handle(ServerRequest ex) {
        Request r = ex.request();
        AuthFailureGuard g = guard.get();
        if (g != null && g.isBanned(ex.source().getAddress())) {
            return; // the SIP bundle drops banned sources first; this one was on its way when the ban began
        }
        EventHeader event = SubscribeRequests.event(r);
        if (event == null || event.getEventType() == null) {
            ex.respond(Response.BAD_REQUEST, "Missing Event header");
            return;
        }
        try {
            if (SubscribeRequests.toTag(r) != null) {
                inDialog(ex, event);
            } else {
                initial(ex, event);
            }
        } catch (ParseException | InvalidArgumentException e) {
            ex.respond(Response.BAD_REQUEST, "Bad SUBSCRIBE: " + e.getMessage());
        }
    }

    // ---- a new subscription -------------------------------------------------------------------------------

    private void initial(ServerRequest ex, EventHeader eventHeader) throws ParseException, InvalidArgumentException {
        Request r = ex.request();
        String event = eventHeader.getEventType();
        EventPackage pkg = packages.get(event);
        if (pkg == null) {
            refuseEvent(ex, event);
            return;
        }
        if (!SipProfileResolver.DEFAULT_PROFILE.equals(ex.profile())) {
            ex.respond(Response.FORBIDDEN, "Subscriptions Are for Extensions");
            return;
        }
        String subscriber = authenticate(ex);
        if (subscriber == null) {
            return;
        }
        URI target = SubscribeRequests.contact(r);
        if (target == null) {
            ex.respond(Response.BAD_REQUEST, "Missing Contact header");
            return;
        }
        if (!SubscribeRequests.accepts(r, pkg.contentType())) {
            Response no = ex.createResponse(Response.NOT_ACCEPTABLE, "Not Acceptable (" + event + " sends " + pkg.contentType() + ")");
            String[] t = pkg.contentType().split("/", 2);
            no.setHeader(wire.headers().createAcceptHeader(t[0], t.length > 1 ? t[1] : "*"));
            ex.respond(no);
            return;
        }
        String resource = SubscribeRequests.resource(r);
        EventPackage.Access access = resource == null ? EventPackage.Access.NO_SUCH_RESOURCE : authorize(pkg, subscriber, resource);
        if (access != EventPackage.Access.ALLOWED) {
            ex.respond(access == EventPackage.Access.NO_SUCH_RESOURCE ? Response.NOT_FOUND : Response.FORBIDDEN,
                    access == EventPackage.Access.NO_SUCH_RESOURCE ? "No Such Resource" : "Not Allowed to Watch " + resource);
            return;
        }
        Limits l = limits.get();
        int granted = granted(ex, l);
        if (granted < 0) {
            return;
        }
        if (granted > 0 && table.count(subscriber) >= l.maxPerSubscriber()) {
            LOG.warn("Extension {} has {} subscriptions, the most allowed (max.per.subscriber): refused one more to {}", subscriber,
                    table.count(subscriber), resource);
            ex.respond(Response.FORBIDDEN, "Too Many Subscriptions");
            return;
        }
        Response ok = ex.createResponse(Response.OK);
        String localTag = SubscribeRequests.toTag(ok);
        List<Address> routes = SubscribeRequests.routeSet(r);
        NextHop hop = SubscribeRequests.hop(target, routes, ex.source(), ex.transport());
        Address local = (Address) ((ToHeader) r.getHeader(ToHeader.NAME)).getAddress().clone();
        Address remote = (Address) ((FromHeader) r.getHeader(FromHeader.NAME)).getAddress().clone();
        Subscription s = new Subscription(event, eventHeader.getEventId(), subscriber, resource, SubscribeRequests.entity(r),
                SubscribeRequests.callId(r), localTag, SubscribeRequests.fromTag(r), local, remote, routes, target, hop, ex.profile(),
                SubscribeRequests.cseq(r));
        s.localCseq = 0;
        s.expiresAt = clock.getAsLong() + granted * 1000L;
        table.add(s);
        answerOk(ex, ok, s, granted);
        if (granted == 0) { // a fetch (RFC 6665 4.4.3): the state once, and the subscription is over
            notifier.terminate(s, SubscriptionStateReasons.TIMEOUT);
        } else {
            LOG.info("Subscription {} for {} s from {}", s, granted, ex.source());
            notifier.accepted(s);
        }
    }

    private void refuseEvent(ServerRequest ex, String event) throws ParseException, InvalidArgumentException {
        if (!table.ofEvent(event).isEmpty()) { // its package is being updated: come back in a moment
            Response busy = ex.createResponse(Response.SERVICE_UNAVAILABLE, "Event Package Being Updated");
            busy.setHeader(wire.headers().createRetryAfterHeader(5));
            ex.respond(busy);
            return;
        }
        Response bad = ex.createResponse(Response.BAD_EVENT);
        for (String known : packages.events()) {
            bad.addHeader(wire.headers().createAllowEventsHeader(known));
        }
        ex.respond(bad);
    }

    /** The authenticated extension, or null when the SUBSCRIBE was answered (407 challenge or 403). */
    private String authenticate(ServerRequest ex) {
        InetAddress source = ex.source().getAddress();
        RequestAuthenticator.Verdict v;
        try {
            v = authenticator.verify(ex.request(), source);
        } catch (RuntimeException e) {
            LOG.warn("Authentication of a SUBSCRIBE from {} failed: {}", ex.source(), e.toString());
            ex.respond(Response.SERVER_INTERNAL_ERROR, "Authentication Unavailable");
            return null;
        }
        switch (v.status()) {
            case OK -> {
                return v.user();
            }
            case CHALLENGE, STALE -> {
                Response challenge = ex.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED);
                authenticator.challenge(challenge, v.status() == RequestAuthenticator.Status.STALE);
                ex.respond(challenge);
            }
            default -> ex.respond(Response.FORBIDDEN, v.reason());
        }
        return null;
    }

    private static EventPackage.Access authorize(EventPackage pkg, String subscriber, String resource) {
        try {
            EventPackage.Access a = pkg.authorize(subscriber, resource);
            return a == null ? EventPackage.Access.FORBIDDEN : a;
        } catch (RuntimeException e) {
            LOG.warn("Event package '{}' failed to authorize {} for {}: {}", pkg.event(), subscriber, resource, e.toString());
            return EventPackage.Access.FORBIDDEN;
        }
    }

    // ---- refresh and unsubscribe --------------------------------------------------------------------------

    private void inDialog(ServerRequest ex, EventHeader eventHeader) throws ParseException, InvalidArgumentException {
        Request r = ex.request();
        Subscription s = table.dialog(SubscribeRequests.callId(r), SubscribeRequests.toTag(r));
        if (s == null || !s.remoteTag.equals(SubscribeRequests.fromTag(r)) || s.terminateReason != null) {
            ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Subscription Does Not Exist");
            return;
        }
        if (!s.event.equals(eventHeader.getEventType()) || !Objects.equals(s.eventId, eventHeader.getEventId())) {
            Response bad = ex.createResponse(Response.BAD_EVENT, "One Subscription per Dialog");
            bad.addHeader(wire.headers().createAllowEventsHeader(s.event));
            ex.respond(bad);
            return;
        }
        long cseq = SubscribeRequests.cseq(r);
        if (cseq <= s.remoteCseq) {
            ex.respond(Response.SERVER_INTERNAL_ERROR, "CSeq Out of Order");
            return;
        }
        s.remoteCseq = cseq;
        URI target = SubscribeRequests.contact(r);
        if (target != null && s.routeSet.isEmpty()) { // a new Contact is the dialog's new remote target (RFC 3261 12.2.2)
            s.remoteTarget = target;
            s.hop = SubscribeRequests.hop(target, s.routeSet, ex.source(), ex.transport());
        }
        int granted = granted(ex, limits.get());
        if (granted < 0) {
            return;
        }
        answerOk(ex, ex.createResponse(Response.OK), s, granted);
        if (granted == 0) {
            LOG.info("Subscription {} ended by the subscriber", s);
            notifier.terminate(s, SubscriptionStateReasons.TIMEOUT);
        } else {
            s.expiresAt = clock.getAsLong() + granted * 1000L;
            table.touched();
            notifier.accepted(s);
        }
    }

    // ---- common -------------------------------------------------------------------------------------------

    /** The expiry to grant: the asked one within the bounds; -1 when answered 423. */
    private int granted(ServerRequest ex, Limits l) throws ParseException, InvalidArgumentException {
        int asked = SubscribeRequests.expires(ex.request());
        if (asked < 0) {
            return l.defaultExpires();
        }
        if (asked > 0 && asked < l.minExpires()) {
            Response brief = ex.createResponse(Response.INTERVAL_TOO_BRIEF);
            brief.setHeader(wire.headers().createMinExpiresHeader(l.minExpires()));
            ex.respond(brief);
            return -1;
        }
        return Math.min(asked, l.maxExpires());
    }

    private void answerOk(ServerRequest ex, Response ok, Subscription s, int granted) throws ParseException, InvalidArgumentException {
        HeaderFactory h = wire.headers();
        ok.setHeader(h.createExpiresHeader(granted));
        SipURI contact = wire.localUri(s.hop);
        contact.setUser(s.resource);
        ok.setHeader(h.createContactHeader(wire.addresses().createAddress(contact)));
        ex.respond(ok);
    }
}
