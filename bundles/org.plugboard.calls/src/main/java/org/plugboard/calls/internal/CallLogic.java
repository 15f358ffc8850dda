package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.RAckHeader;
import javax.sip.header.RSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.location.Binding;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The B2BUA's call logic. Requests and responses arrive on SIP threads, are matched to their call by the leg's
 * Call-ID, and run on the call's strand. Each leg is its own dialog with its own options (100rel, session timer).
 */
final class CallLogic {
    private static final Logger LOG = LoggerFactory.getLogger(CallLogic.class);
    static final String OWNER = "calls";
    private static final long T1 = 500;
    private static final long T2 = 4000;
    private static final long TIMER_64T1 = 64 * T1;

    private final SipService sip;
    private final Dialogs dialogs;
    private final LocationService location;
    private final RequestAuthenticator authenticator;
    private final Supplier<List<org.plugboard.api.routing.Router>> routers;
    private final Publisher publisher;
    private final Strands strands;
    private final SdpBridge sdp;
    /** Checks an incoming offer before any call state exists, so a broken one is refused with 488 at once. */
    private final PassThroughSdp sdpCheck = new PassThroughSdp();
    private final ChallengeAnswerer challenges;
    private final Admissions admissions;
    private volatile CallsConfig config;
    private final java.time.Clock clock;

    /** Every live leg by its SIP Call-ID (each leg of a B2BUA call is its own dialog with its own Call-ID). */
    final Map<String, Leg> legs = new ConcurrentHashMap<>();
    /** Live calls by their short id. */
    final Map<String, Call> calls = new ConcurrentHashMap<>();

    CallLogic(SipService sip, LocationService location, RequestAuthenticator authenticator,
            Supplier<List<org.plugboard.api.routing.Router>> routers, Publisher publisher, Strands strands, SdpBridge sdp,
            CallsConfig config, ChallengeAnswerer challenges, Admissions admissions, java.time.Clock clock) {
        this.clock = clock;
        this.sip = sip;
        this.admissions = admissions;
        this.challenges = challenges;
        this.dialogs = new Dialogs(sip);
        this.location = location;
        this.authenticator = authenticator;
        this.routers = routers;
        this.publisher = publisher;
        this.strands = strands;
        this.sdp = sdp;
        this.config = config;
    }

    void setConfig(CallsConfig config) {
        this.config = config;
    }

    Collection<Call> liveCalls() {
        return calls.values();
    }

    // =====================================================================================================
    // Entry points (SIP threads)
    // =====================================================================================================

    void onRequest(ServerRequest ex) {
        Request r = ex.request();
        String method = r.getMethod();
        String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        Leg leg = legs.get(callId);
        if (Request.INVITE.equals(method) && Dialogs.toTag(r) == null) {
            if (leg != null) {
                ex.respond(Response.LOOP_DETECTED, "Call-ID already in use by a call");
                return;
            }
            newCall(ex);
            return;
        }
        if (leg == null || !sameDialog(leg, r)) {
            if (!Request.ACK.equals(method)) {
                ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        Call call = leg.call;
        strands.run(call.strand, () -> inDialog(leg, ex));
    }

    /** A request belongs to a leg when its tags match the leg's dialog (CANCEL matches the INVITE, no To-tag). */
    private static boolean sameDialog(Leg leg, Request r) {
        String from = Dialogs.fromTag(r);
        if (Request.CANCEL.equals(r.getMethod())) {
            return leg.isCaller() && from != null && from.equals(leg.remoteTag);
        }
        String to = Dialogs.toTag(r);
        return from != null && from.equals(leg.remoteTag) && to != null && to.equals(leg.localTag);
    }

    void onResponse(Response response, ClientTransaction ct) {
        String callId = ((javax.sip.header.CallIdHeader) response.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        Leg leg = legs.get(callId);
        if (leg == null) {
            return; // a response for a leg we no longer know: ignored (RFC 3261 8.1.3.3 strays)
        }
        strands.run(leg.call.strand, () -> response(leg, response, ct));
    }

    void onTimeout(ClientTransaction ct) {
        Request request = ct.getRequest();
        String callId = ((javax.sip.header.CallIdHeader) request.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        Leg leg = legs.get(callId);
        if (leg != null) {
            strands.run(leg.call.strand, () -> timeout(leg, ct));
        }
    }

    /** Media events arrive on engine threads: each goes to its call's strand. */
    final MediaListener mediaEvents = new MediaListener() {
        @Override
        public void dtmf(MediaSession session, DtmfEvent event) {
            boolean fromCaller = event.from() == Side.CALLER;
            LOG.debug("Call {}: DTMF '{}' from the {} ({} ms)", session.callId(), event.digit(), fromCaller ? "caller" : "callee",
                    event.durationMillis());
            onCall(session, call -> publisher.fire(l -> l.dtmf(call.info(), fromCaller, event.digit(), event.durationMillis())));
        }

        @Override
        public void inactive(MediaSession session, long idleMillis) {
            onCall(session, call -> release(call, Response.TEMPORARILY_UNAVAILABLE, "Media Timeout", CallTag.MEDIA_TIMEOUT,
                    Causes.RECOVERY_ON_TIMER_EXPIRY, "No RTP for " + idleMillis / 1000 + " s", null));
        }

        @Override
        public void failed(MediaSession session, String reason) {
            onCall(session, call -> release(call, Response.SERVICE_UNAVAILABLE, "Media Unavailable", CallTag.MEDIA_FAILURE,
                    Causes.RESOURCE_UNAVAILABLE, "Media engine lost the session: " + reason, null));
        }

        private void onCall(MediaSession session, java.util.function.Consumer<Call> action) {
            Call call = calls.get(session.callId());
            if (call != null) {
                strands.run(call.strand, () -> {
                    // by id: after an engine update the event comes from the new session object
                    if (call.media != null && call.media.id().equals(session.id()) && !call.released()) {
                        action.accept(call);
                    }
                });
            }
        }
    };

    boolean hangup(String id, CallTag tag) {
        Call call = calls.get(id);
        if (call == null) {
            return false;
        }
        strands.run(call.strand, () -> release(call, Response.TEMPORARILY_UNAVAILABLE, "Released by the operator", tag,
                Causes.NORMAL_CLEARING, "Released by the operator", null));
        return true;
    }

    // =====================================================================================================
    // A new call: checks that need no call state run here, on the SIP thread
    // =====================================================================================================

    private void newCall(ServerRequest ex) {
        Request invite = ex.request();
        try {
            if (Dialogs.maxForwards(invite) <= 0) {
                ex.respond(Response.TOO_MANY_HOPS);
                return;
            }
            String unsupported = unsupportedRequire(invite);
            if (unsupported != null) {
                Response r = ex.createResponse(Response.BAD_EXTENSION);
                r.setHeader(dialogs.headers().createUnsupportedHeader(unsupported));
                ex.respond(r);
                return;
            }
            String caller = callerOf(ex);
            if (caller == null) {
                return; // challenged or refused
            }
            byte[] offer = Dialogs.body(invite);
            if (offer != null) {
                if (!Dialogs.isSdp(invite)) {
                    Response r = ex.createResponse(Response.UNSUPPORTED_MEDIA_TYPE);
                    r.setHeader(dialogs.headers().createAcceptHeader("application", "sdp"));
                    ex.respond(r);
                    return;
                }
                try {
                    sdpCheck.check(offer);
                } catch (SdpBridge.BadSdpException e) {
                    ex.respond(Response.NOT_ACCEPTABLE_HERE, "Bad SDP: " + e.getMessage());
                    return;
                }
            }
            String se = Dialogs.value(invite, "Session-Expires", "x");
            if (se != null && seconds(se) < config.min_se()) {
                Response r = ex.createResponse(422, "Session Interval Too Small");
                r.setHeader(dialogs.headers().createHeader("Min-SE", Integer.toString(config.min_se())));
                ex.respond(r);
                return;
            }
            String dialled = dialled(invite.getRequestURI());
            if (dialled == null || dialled.isEmpty()) {
                ex.respond(Response.ADDRESS_INCOMPLETE, "No number in the Request-URI");
                return;
            }
            RouteRequest request = new RouteRequest(dialled, caller, ex.profile());
            Route route = route(request);
            String id = newId();
            Call call = new Call(id, strands.indexOf(id));
            call.caller = caller;
            call.callee = dialled;
            call.started = clock.instant();
            Leg leg = callerLeg(call, ex);
            call.callerLeg = leg;
            calls.put(id, call);
            legs.put(leg.callId, leg);
            strands.run(call.strand, () -> start(call, request, route));
        } catch (ParseException | RuntimeException e) {
            LOG.warn("Cannot take INVITE from {}: {}", ex.source(), e.toString());
            ex.respond(Response.BAD_REQUEST, "Bad INVITE: " + e.getMessage());
        }
    }

    private static int seconds(String sessionExpires) {
        try {
            return Integer.parseInt(sessionExpires.split(";")[0].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String unsupportedRequire(Request r) {
        java.util.ListIterator<?> it = r.getHeaders(javax.sip.header.RequireHeader.NAME);
        while (it.hasNext()) {
            String tag = ((javax.sip.header.RequireHeader) it.next()).getOptionTag().trim();
            if (!tag.equalsIgnoreCase("100rel") && !tag.equalsIgnoreCase("timer")) {
                return tag;
            }
        }
        return null;
    }

    /** The authenticated extension (phones) or the From user (lines and trunks); null when already answered. */
    private String callerOf(ServerRequest ex) throws ParseException {
        Request invite = ex.request();
        URI fromUri = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI();
        String fromUser = fromUri instanceof SipURI s ? s.getUser() : fromUri instanceof TelURL t ? t.getPhoneNumber() : null;
        if (!SipProfileResolver.DEFAULT_PROFILE.equals(ex.profile()) || !config.authenticate()) {
            return fromUser == null ? "anonymous" : fromUser;
        }
        RequestAuthenticator.Verdict v = authenticator.verify(invite, ex.source().getAddress());
        switch (v.status()) {
            case OK -> {
                return v.user();
            }
            case CHALLENGE, STALE -> {
                Response r = ex.createResponse(Response.PROXY_AUTHENTICATION_REQUIRED);
                authenticator.challenge(r, v.status() == RequestAuthenticator.Status.STALE);
                ex.respond(r);
            }
            case FORBIDDEN -> ex.respond(Response.FORBIDDEN, v.reason());
        }
        return null;
    }

    /** The number dialled: the user part of a sip: URI or the number of a tel: URI, visual separators removed. */
    static String dialled(URI uri) {
        String n;
        if (uri instanceof SipURI s) {
            n = s.getUser();
        } else if (uri instanceof TelURL t) {
            n = (t.isGlobal() ? "+" : "") + t.getPhoneNumber();
        } else {
            return null;
        }
        return n == null ? null : n.replaceAll("[-.() ]", "");
    }

    private Route route(RouteRequest request) {
        for (org.plugboard.api.routing.Router r : routers.get()) {
            try {
                Route route = r.route(request);
                if (route != null) {
                    return route;
                }
            } catch (RuntimeException e) {
                LOG.warn("Router {} failed for {}; trying the next one", r.getClass().getName(), request.dialled(), e);
            }
        }
        return new Route.Reject(Response.NOT_FOUND, "No route to " + request.dialled(), CallTag.ROUTING_FAILURE);
    }

    private String newId() {
        String id;
        do {
            id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        } while (calls.containsKey(id));
        return id;
    }

    private Leg callerLeg(Call call, ServerRequest ex) {
        Request invite = ex.request();
        Leg leg = new Leg(Leg.Role.CALLER, call,
                ((javax.sip.header.CallIdHeader) invite.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId());
        leg.invite = ex;
        leg.localTag = Dialogs.newTag();
        leg.remoteTag = Dialogs.fromTag(invite);
        leg.remoteAddress = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().toString();
        leg.localAddress = ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().toString();
        leg.remoteCseq = Dialogs.cseq(invite);
        leg.hop = new NextHop(ex.source().getAddress().getHostAddress(), ex.source().getPort(), ex.transport());
        leg.profile = ex.profile();
        leg.peer = call.caller;
        dialogs.learnTarget(leg, invite, false);
        leg.reliableToCaller = Dialogs.lists(invite, "Require", "100rel")
                || (config.prack_when_supported() && Dialogs.lists(invite, "Supported", "100rel"));
        String se = Dialogs.value(invite, "Session-Expires", "x");
        if (se != null && Dialogs.lists(invite, "Supported", "timer")) {
            leg.sessionExpires = seconds(se);
        }
        return leg;
    }

    // =====================================================================================================
    // On the call's strand
    // =====================================================================================================

    private void start(Call call, RouteRequest request, Route route) {
        Leg caller = call.callerLeg;
        caller.invite.respond(Response.TRYING);
        publisher.fire(l -> l.created(call.info()));
        List<Route> routes = new ArrayList<>();
        flatten(route, routes);
        if (!admitted(call, request, route, routes)) {
            return;
        }
        Route.Reject firstReject = null;
        List<Target> targets = new ArrayList<>();
        for (Route r : routes) {
            if (r instanceof Route.Reject rej) {
                firstReject = firstReject == null ? rej : firstReject;
            } else if (r instanceof Route.ToExtension ext) {
                for (Binding b : location.lookup(ext.number())) {
                    targets.add(new Target(b.contact(), hopOf(b), SipProfileResolver.DEFAULT_PROFILE, ext.number(), call.caller, null));
                }
            } else if (r instanceof Route.ToSip s) {
                targets.add(new Target(s.requestUri(), s.hop(), s.profile(), call.callee, s.callerId() == null ? call.caller : s.callerId(),
                        domainOf(s.requestUri())));
            }
        }
        if (!targets.isEmpty() && !relayInitialOffer(call, targets.get(0).hop())) {
            return;
        }
        for (Target t : targets) {
            startCalleeLeg(call, t);
        }
        if (call.calleeLegs.isEmpty()) {
            if (firstReject != null) {
                release(call, firstReject.status(), firstReject.reason(), firstReject.tag(), Causes.ofStatus(firstReject.status()),
                        firstReject.reason(), null);
            } else {
                release(call, Response.TEMPORARILY_UNAVAILABLE, "Not registered", CallTag.CALLEE_UNREACHABLE,
                        Causes.SUBSCRIBER_ABSENT, call.callee + " has no registered device", null);
            }
            return;
        }
        if (call.calleeLegs.stream().allMatch(l -> l.state == CallState.RELEASED)) {
            failIfAllFailed(call);
            return;
        }
        call.ringDeadline = clock.millis() + config.ring_timeout() * 1000L;
        armRingTimer(call);
    }

    /**
     * Asks the admission services (trunk limits) about a call that has somewhere to go; a call refused by the
     * routers alone holds nothing and is not asked about. Returns false when the call was refused (and released).
     */
    private boolean admitted(Call call, RouteRequest request, Route route, List<Route> routes) {
        if (routes.stream().allMatch(r -> r instanceof Route.Reject)) {
            return true;
        }
        call.admissionAsked = true; // from here on, its release is reported whatever happens
        org.plugboard.api.routing.CallAdmission.Refusal refusal = admissions.admit(call.id, request, route);
        if (refusal == null) {
            return true;
        }
        LOG.info("Call {} {} -> {} refused: {} {} ({})", call.id, call.caller, call.callee, refusal.status(), refusal.phrase(),
                refusal.text());
        release(call, refusal.status(), refusal.phrase(), refusal.tag(), refusal.q850Cause(), refusal.text(), null);
        return false;
    }

    /**
     * Where one callee leg goes. {@code domain}: for a line or trunk, the host[:port] of its Request-URI, which From
     * and To carry (a provider checks that From names its domain); null for our own devices (our address then).
     */
    private record Target(String uri, NextHop hop, String profile, String peer, String callerId, String domain) {
    }

    /** The host[:port] of a sip: URI, null for anything else (tel:, unparsable: our own address is used). */
    private String domainOf(String requestUri) {
        try {
            if (dialogs.address("<" + requestUri + ">").getURI() instanceof SipURI s && s.getHost() != null) {
                String host = s.getHost().contains(":") && !s.getHost().startsWith("[") ? "[" + s.getHost() + "]" : s.getHost();
                return s.getPort() > 0 ? host + ":" + s.getPort() : host;
            }
        } catch (ParseException e) {
            LOG.debug("Route target {} is no URI: {}", requestUri, e.toString());
        }
        return null;
    }

    /**
     * The caller's offer goes through the media engine once, whatever the number of forks: they all get the same
     * relayed offer. A failure releases the call with the engine's status (488 unusable SDP, 503 no ports or no
     * engine). Returns false when the call was released.
     */
    private boolean relayInitialOffer(Call call, NextHop toward) {
        byte[] body = Dialogs.body(call.callerLeg.invite.request());
        if (body == null) {
            return true; // late offer: the callee offers in its 200
        }
        try {
            call.relayedOffer = sdp.relay(call, call.callerLeg, toward, body, true);
            return true;
        } catch (SdpBridge.BadSdpException e) {
            LOG.warn("Call {}: the offer cannot be relayed: {}", call.id, e.getMessage());
            release(call, e.status, e.status == Response.NOT_ACCEPTABLE_HERE ? "Not Acceptable Here" : "Media Unavailable", e.tag,
                    e.status == Response.NOT_ACCEPTABLE_HERE ? Causes.ofStatus(e.status) : Causes.RESOURCE_UNAVAILABLE, e.getMessage(), null);
            return false;
        }
    }

    /**
     * Where a registered device is reached. When the Contact's IP is the IP the REGISTER came from, there is no NAT
     * in between and the Contact (with its port) is right; otherwise a NAT rewrote the address and only the source
     * address and port of the REGISTER reach the device (the pinhole it keeps open).
     */
    NextHop hopOf(Binding b) {
        NextHop source = NextHop.parse(b.source(), b.transport());
        try {
            URI uri = dialogs.address("<" + b.contact() + ">").getURI();
            if (uri instanceof SipURI s && s.getHost() != null) {
                String host = s.getHost().startsWith("[") ? s.getHost().substring(1, s.getHost().length() - 1) : s.getHost();
                boolean literal = host.matches("[0-9.]+") || host.contains(":"); // never a DNS lookup on a strand
                if (literal && java.net.InetAddress.getByName(host).equals(java.net.InetAddress.getByName(source.host()))) {
                    int port = s.getPort() > 0 ? s.getPort() : 5060;
                    String transport = s.getTransportParam() == null ? source.transport() : s.getTransportParam();
                    return new NextHop(source.host(), port, transport);
                }
            }
        } catch (ParseException | java.net.UnknownHostException | RuntimeException e) {
            LOG.debug("Contact {} unusable as a hop: {}", b.contact(), e.toString());
        }
        return source;
    }

    private static void flatten(Route r, List<Route> out) {
        if (r instanceof Route.Parallel p) {
            p.routes().forEach(x -> flatten(x, out));
        } else {
            out.add(r);
        }
    }

    void armRingTimer(Call call) {
        if (call.ringDeadline > 0) {
            call.ringTimer = strands.later(call.strand, Math.max(0, call.ringDeadline - clock.millis()), () -> {
                if (!call.released() && call.answeredLeg == null) {
                    release(call, Response.TEMPORARILY_UNAVAILABLE, "No Answer", CallTag.RING_TIMEOUT, Causes.NO_ANSWER,
                            "No answer within " + config.ring_timeout() + " s", null);
                }
            });
        }
    }

    private void startCalleeLeg(Call call, Target t) {
        String target = t.uri();
        NextHop hop = t.hop();
        String profile = t.profile();
        String peer = t.peer();
        String callerId = t.callerId();
        Leg caller = call.callerLeg;
        Leg leg = new Leg(Leg.Role.CALLEE, call, Dialogs.newCallId());
        leg.hop = hop;
        leg.profile = profile;
        leg.peer = peer;
        leg.localTag = Dialogs.newTag();
        leg.remoteTarget = target;
        call.calleeLegs.add(leg);
        try {
            Address from = dialogs.address(caller.remoteAddress);
            String display = from.getDisplayName();
            String host = t.domain() != null ? t.domain() : sip.localUri(hop).getHost();
            leg.localAddress = (display == null ? "" : "\"" + display.replace("\"", "") + "\" ") + "<sip:" + callerId + "@" + host + ">";
            leg.remoteAddress = t.domain() != null ? "<" + target + ">" : "<sip:" + peer + "@" + host + ">";
            byte[] offer = call.relayedOffer;
            leg.lateOffer = offer == null; // the callee offers in its 200; the caller answers in its ACK
            Request invite = dialogs.initialInvite(leg, callerId, Dialogs.maxForwards(caller.invite.request()) - 1, offer,
                    config.offer_100rel(), config.session_expires());
            leg.inviteRequest = invite;
            legs.put(leg.callId, leg);
            leg.inviteTx = sip.send(invite, hop, OWNER, profile);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("Cannot call {} at {}: {}", peer, hop, e.toString());
            leg.state = CallState.RELEASED;
            leg.finalStatus = Response.SERVICE_UNAVAILABLE;
            leg.finalReason = "Cannot reach " + peer;
            legs.remove(leg.callId);
        }
    }

    // ---- requests inside a dialog ---------------------------------------------------------------------

    private void inDialog(Leg leg, ServerRequest ex) {
        Request r = ex.request();
        String method = r.getMethod();
        Call call = leg.call;
        if (!Request.ACK.equals(method) && !Request.CANCEL.equals(method)) {
            long cseq = Dialogs.cseq(r);
            if (cseq <= leg.remoteCseq && !Request.PRACK.equals(method)) {
                ex.respond(Response.SERVER_INTERNAL_ERROR, "CSeq out of order");
                return;
            }
            leg.remoteCseq = Math.max(leg.remoteCseq, cseq);
        }
        switch (method) {
            case Request.ACK -> ack(leg, r);
            case Request.BYE -> bye(leg, ex);
            case Request.CANCEL -> cancel(leg, ex);
            case Request.PRACK -> prack(leg, ex);
            case Request.INVITE, Request.UPDATE -> offer(leg, ex);
            case Request.INFO -> ex.respond(Response.OK);
            default -> ex.respond(Response.METHOD_NOT_ALLOWED);
        }
        if (call.released() && !Request.ACK.equals(method)) {
            forgetLater(call);
        }
    }

    private void ack(Leg leg, Request ack) {
        Call call = leg.call;
        if (!leg.isCaller() || leg.state != CallState.ANSWERED) {
            return; // an ACK for a relayed re-INVITE answer, or a retransmission
        }
        leg.state = CallState.CONNECTED;
        if (leg.answerTimer != null) {
            leg.answerTimer.cancel(false);
        }
        Leg callee = call.answeredLeg;
        if (callee != null && callee.lateOffer && callee.ackBody == null) { // relay the caller's answer in our ACK
            byte[] answer = Dialogs.isSdp(ack) ? Dialogs.body(ack) : null;
            try {
                callee.ackBody = answer == null ? new byte[0] : sdp.relay(call, leg, callee.hop, answer, false);
            } catch (SdpBridge.BadSdpException e) {
                callee.ackBody = new byte[0];
                LOG.warn("Call {}: the caller's answer in its ACK is unusable: {}", call.id, e.getMessage());
            }
            sendAck(callee, callee.ackCseq);
        }
        if (call.state == CallState.ANSWERED) {
            call.state = CallState.CONNECTED;
        }
        if (call.released()) { // the callee hung up while we waited for this ACK
            sendBye(leg, call.releaseCause, call.releaseText);
        }
    }

    private void bye(Leg leg, ServerRequest ex) {
        ex.respond(Response.OK);
        Call call = leg.call;
        leg.state = CallState.RELEASED;
        if (call.released()) {
            return;
        }
        Causes.Reason reason = Causes.fromReasonHeader(ex.request());
        int cause = reason == null ? Causes.NORMAL_CLEARING : reason.cause();
        String text = reason == null ? (leg.isCaller() ? "Caller hung up" : "Callee hung up") : reason.text();
        release(call, Response.REQUEST_TERMINATED, null, leg.isCaller() ? CallTag.CALLER_BYE : CallTag.CALLEE_BYE, cause, text, leg);
    }

    private void cancel(Leg leg, ServerRequest ex) {
        ex.respond(Response.OK);
        Call call = leg.call;
        if (call.released() || leg.answer != null) {
            return; // too late: the call was answered (the caller gets the 200 and hangs up with BYE)
        }
        Causes.Reason reason = Causes.fromReasonHeader(ex.request());
        release(call, Response.REQUEST_TERMINATED, null, CallTag.CALLER_CANCEL,
                reason == null ? Causes.NORMAL_CLEARING : reason.cause(), reason == null ? "Caller cancelled" : reason.text(), null);
    }

    private void prack(Leg leg, ServerRequest ex) {
        RAckHeader rack = (RAckHeader) ex.request().getHeader(RAckHeader.NAME);
        Response pending = leg.unackedReliable;
        if (!leg.isCaller() || rack == null || pending == null
                || rack.getRSeqNumber() != ((RSeqHeader) pending.getHeader(RSeqHeader.NAME)).getSequenceNumber()) {
            ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No matching reliable provisional");
            return;
        }
        leg.unackedReliable = null;
        if (leg.reliableTimer != null) {
            leg.reliableTimer.cancel(false);
        }
        respond(leg, ex, Response.OK, null, null);
        if (!leg.queuedReliable.isEmpty()) {
            sendReliable(leg, leg.queuedReliable.remove(0));
        }
    }

    /** re-INVITE or UPDATE from one leg: a session refresh, or an SDP offer relayed to the other leg. */
    private void offer(Leg leg, ServerRequest ex) {
        Request r = ex.request();
        Call call = leg.call;
        if (call.released()) {
            ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        refreshed(leg);
        byte[] body = Dialogs.body(r);
        if (body == null) {
            // no offer: a keep-alive or session refresh (some IMS cores send UPDATE this way); answered here
            byte[] last = leg.lastSdpSent;
            if (Request.INVITE.equals(r.getMethod()) && last != null) {
                respond(leg, ex, Response.OK, null, last);
            } else {
                respond(leg, ex, Response.OK, null, null);
            }
            return;
        }
        Leg other = otherLeg(leg);
        if (other == null) {
            respond(leg, ex, Response.OK, null, null);
            return;
        }
        if (leg.pendingOut != null || other.pendingOut != null || other.relayedFrom != null || leg.relayedFrom != null) {
            respond(leg, ex, Response.REQUEST_PENDING, null, null); // glare (RFC 3261 14.2, RFC 3311 5.2)
            return;
        }
        try {
            byte[] relayed = sdp.relay(call, leg, other.hop, body, true);
            Request out = dialogs.inDialog(other, r.getMethod(), 0);
            out.setContent(relayed, dialogs.sdpType());
            other.lastSdpSent = relayed;
            other.relayedFrom = ex;
            other.relayedFromLeg = leg;
            other.pendingOut = sip.send(out, other.hop, OWNER, other.profile);
        } catch (SdpBridge.BadSdpException e) {
            other.relayedFrom = null;
            respond(leg, ex, e.status, e.status == Response.NOT_ACCEPTABLE_HERE ? "Bad SDP: " + e.getMessage() : e.getMessage(), null);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            other.relayedFrom = null;
            other.pendingOut = null;
            respond(leg, ex, Response.SERVER_INTERNAL_ERROR, "Cannot reach the other party", null);
        }
    }

    private static Leg otherLeg(Leg leg) {
        Call call = leg.call;
        if (!leg.isCaller()) {
            return call.callerLeg;
        }
        if (call.answeredLeg != null) {
            return call.answeredLeg;
        }
        return call.earlyLeg; // early UPDATE: the callee leg that last sent a provisional with a dialog
    }

    private void respond(Leg leg, ServerRequest ex, int status, String reason, byte[] body) {
        try {
            Response resp = dialogs.answer(leg, ex, status, reason);
            if (body != null) {
                resp.setContent(body, dialogs.sdpType());
            }
            if (status == Response.OK && leg.sessionExpires != null) {
                addSessionTimer(resp, leg);
            }
            ex.respond(resp);
        } catch (ParseException e) {
            ex.respond(Response.SERVER_INTERNAL_ERROR);
        }
    }

    // ---- responses ------------------------------------------------------------------------------------

    private void response(Leg leg, Response r, ClientTransaction ct) {
        int status = r.getStatusCode();
        String method = Dialogs.cseqMethod(r);
        if (ct != null && ct == leg.pendingOut) {
            relayedAnswer(leg, r);
            return;
        }
        if (leg.isCaller()) {
            return; // BYE answers and the like
        }
        if (Request.INVITE.equals(method) && (ct == null || ct == leg.inviteTx)) {
            if (status < 200) {
                if (status > 100) {
                    provisional(leg, r);
                }
            } else if (status < 300) {
                answered(leg, r);
            } else if (ct != null && ChallengeAnswerer.isChallenge(status)) {
                challenged(leg, r, ct);
            } else if (ct != null) {
                failed(leg, status, r.getReasonPhrase(), Causes.fromReasonHeader(r));
            }
        }
    }

    /**
     * A provider (line, trunk) challenged our INVITE: repeated once with the credentials of the leg's profile. CANCEL
     * then targets the new transaction. Without credentials, on a second challenge, or once the call no longer
     * wants this leg, the leg fails; the caller never sees the challenge (it is not for it): 403 instead.
     */
    private void challenged(Leg leg, Response r, ClientTransaction ct) {
        Call call = leg.call;
        if (!leg.authSent && !leg.cancelWanted && leg.state != CallState.RELEASED && !call.released() && call.answeredLeg == null) {
            java.util.Optional<Request> again = challenges.answer(leg, ct.getRequest(), r);
            if (again.isPresent()) {
                leg.authSent = true;
                leg.inviteRequest = again.get();
                leg.provisionalSeen = false; // CANCEL waits for a provisional of the new transaction
                leg.lastRseq = 0;
                try {
                    leg.inviteTx = sip.send(again.get(), leg.hop, OWNER, leg.profile);
                    return;
                } catch (SipException | RuntimeException e) {
                    LOG.warn("Cannot repeat the INVITE to {} with credentials: {}", leg.hop, e.toString());
                }
            }
        }
        failed(leg, Response.FORBIDDEN, (leg.authSent ? "Credentials refused by " : "No credentials for ") + leg.peer
                + " (" + r.getStatusCode() + ")", Causes.fromReasonHeader(r));
    }

    private void provisional(Leg leg, Response r) {
        Call call = leg.call;
        if (leg.state == CallState.RELEASED || leg.state == CallState.CONNECTED) {
            // The stack hands messages to several threads, so a 180 sent just before the 200 can reach the strand
            // after it; once the leg has its final answer a provisional means nothing any more.
            return;
        }
        leg.provisionalSeen = true;
        String tag = Dialogs.toTag(r);
        if (tag != null) {
            leg.remoteTag = tag;
            dialogs.learnTarget(leg, r, true);
        }
        if (leg.cancelWanted || call.released() || call.answeredLeg != null) {
            sendCancel(leg, null);
            return;
        }
        if (Dialogs.lists(r, "Require", "100rel") && r.getHeader(RSeqHeader.NAME) != null && tag != null) {
            long rseq = ((RSeqHeader) r.getHeader(RSeqHeader.NAME)).getSequenceNumber();
            if (rseq <= leg.lastRseq) {
                return; // a retransmission: our PRACK transaction takes care of it
            }
            leg.lastRseq = rseq;
            sendPrack(leg, rseq, Dialogs.cseq(r));
        }
        if (tag != null) {
            call.earlyLeg = leg;
        }
        leg.state = CallState.RINGING;
        relayProvisional(call, leg, r);
        if (call.state == CallState.TRYING) {
            call.state = CallState.RINGING;
            call.ringing = clock.instant();
            call.callerLeg.state = CallState.RINGING;
            publisher.fire(l -> l.ringing(call.info()));
        }
    }

    private void sendPrack(Leg leg, long rseq, long inviteCseq) {
        try {
            Request prack = dialogs.inDialog(leg, Request.PRACK, 0);
            prack.setHeader(dialogs.headers().createRAckHeader((int) rseq, (int) inviteCseq, Request.INVITE));
            sip.send(prack, leg.hop, OWNER, leg.profile);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Cannot send PRACK to {}: {}", leg.hop, e.toString());
        }
    }

    private void relayProvisional(Call call, Leg from, Response r) {
        Leg caller = call.callerLeg;
        try {
            Response out = dialogs.answer(caller, caller.invite, r.getStatusCode(), r.getReasonPhrase());
            byte[] body = Dialogs.isSdp(r) ? Dialogs.body(r) : null;
            if (body != null) {
                byte[] relayed = sdp.relay(call, from, caller.hop, body, from.lateOffer);
                out.setContent(relayed, dialogs.sdpType());
                caller.lastSdpSent = relayed;
            }
            if (caller.reliableToCaller) {
                if (caller.unackedReliable != null) {
                    caller.queuedReliable.add(out); // RFC 3262 3: one unacknowledged reliable provisional at a time
                } else {
                    sendReliable(caller, out);
                }
            } else {
                caller.invite.respond(out);
            }
        } catch (ParseException | SdpBridge.BadSdpException e) {
            LOG.warn("Cannot relay {} to the caller of {}: {}", r.getStatusCode(), call.id, e.toString());
        }
    }

    private void sendReliable(Leg caller, Response out) {
        try {
            out.setHeader(dialogs.headers().createRequireHeader("100rel"));
            out.setHeader(dialogs.headers().createRSeqHeader(caller.nextRseq++));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        caller.unackedReliable = out;
        caller.invite.respond(out);
        retransmitReliable(caller, out, T1, 0);
    }

    private void retransmitReliable(Leg caller, Response out, long interval, long elapsed) {
        Call call = caller.call;
        caller.reliableTimer = strands.later(call.strand, interval, () -> {
            if (caller.unackedReliable != out || call.released() || caller.answer != null) {
                return;
            }
            if (elapsed + interval >= TIMER_64T1) { // RFC 3262 3: no PRACK for 64*T1: reject the INVITE with a 5xx
                release(call, Response.SERVER_INTERNAL_ERROR, "No PRACK for a reliable provisional", CallTag.DEAD_LEG,
                        Causes.RECOVERY_ON_TIMER_EXPIRY, "Caller never sent PRACK", null);
                return;
            }
            caller.invite.respond(out);
            retransmitReliable(caller, out, Math.min(interval * 2, T2), elapsed + interval);
        });
    }

    private void answered(Leg leg, Response r) {
        Call call = leg.call;
        leg.remoteTag = Dialogs.toTag(r);
        dialogs.learnTarget(leg, r, true);
        if (leg.lateOffer && leg.ackBody == null) {
            leg.ackCseq = Dialogs.cseq(r); // late offer: the ACK must carry the caller's answer, which comes in its ACK
        } else {
            sendAck(leg, Dialogs.cseq(r)); // every 2xx, retransmissions included, gets its ACK (RFC 3261 13.2.2.4)
        }
        if (leg.state == CallState.CONNECTED || leg.state == CallState.RELEASED && leg.byeSent) {
            return;
        }
        if (call.released() || (call.answeredLeg != null && call.answeredLeg != leg)) {
            // answered too late: the caller cancelled or another device won the race
            sendBye(leg, Causes.NORMAL_CLEARING, call.answeredLeg != null ? "Call completed elsewhere" : "Caller cancelled");
            return;
        }
        leg.state = CallState.CONNECTED;
        call.answeredLeg = leg;
        call.answered = clock.instant();
        call.state = CallState.ANSWERED;
        if (call.ringTimer != null) {
            call.ringTimer.cancel(false);
        }
        call.ringDeadline = 0;
        for (Leg other : call.calleeLegs) {
            if (other != leg && other.state != CallState.RELEASED) {
                sendCancel(other, "SIP;cause=200;text=\"Call completed elsewhere\"");
            }
        }
        calleeSessionTimer(leg, r);
        Leg caller = call.callerLeg;
        try {
            Response ok = dialogs.answer(caller, caller.invite, Response.OK, null);
            byte[] body = Dialogs.isSdp(r) ? Dialogs.body(r) : null;
            if (body != null) {
                byte[] relayed = sdp.relay(call, leg, caller.hop, body, leg.lateOffer);
                ok.setContent(relayed, dialogs.sdpType());
                caller.lastSdpSent = relayed;
            }
            ok.setHeader(dialogs.headers().createAllowHeader(Dialogs.ALLOW));
            if (caller.sessionExpires != null) {
                addSessionTimer(ok, caller);
                armSessionTimer(call);
            }
            caller.answer = ok;
            caller.state = CallState.ANSWERED;
            if (caller.reliableTimer != null) {
                caller.reliableTimer.cancel(false);
            }
            caller.unackedReliable = null;
            caller.queuedReliable.clear();
            caller.invite.respond(ok);
            retransmitAnswer(caller, ok, T1, 0);
        } catch (ParseException e) {
            release(call, Response.SERVER_INTERNAL_ERROR, "Bad answer from the callee", CallTag.BAD_REQUEST,
                    Causes.INTERWORKING, "Callee's answer unusable: " + e.getMessage(), null);
            return;
        } catch (SdpBridge.BadSdpException e) {
            boolean media = e.tag == CallTag.MEDIA_FAILURE;
            release(call, media ? e.status : Response.SERVER_INTERNAL_ERROR, media ? "Media Unavailable" : "Bad answer from the callee",
                    e.tag, media ? Causes.RESOURCE_UNAVAILABLE : Causes.INTERWORKING,
                    (media ? "" : "Callee's answer unusable: ") + e.getMessage(), null);
            return;
        }
        if (config.max_call_duration() > 0) {
            call.maxDurationDeadline = clock.millis() + config.max_call_duration() * 1000L;
            armMaxDuration(call);
        }
        publisher.fire(l -> l.answered(call.info()));
    }

    void armMaxDuration(Call call) {
        if (call.maxDurationDeadline > 0) {
            call.maxDurationTimer = strands.later(call.strand, Math.max(0, call.maxDurationDeadline - clock.millis()),
                    () -> release(call, Response.REQUEST_TERMINATED, null, CallTag.MAX_DURATION, Causes.NORMAL_CLEARING,
                            "Maximum call duration reached", null));
        }
    }

    /** Our 200 goes again at T1, 2T1, ... up to T2 until the caller's ACK; after 64*T1 the call is released. */
    void retransmitAnswer(Leg caller, Response ok, long interval, long elapsed) {
        Call call = caller.call;
        caller.answerTimer = strands.later(call.strand, interval, () -> {
            if (caller.state != CallState.ANSWERED) {
                return;
            }
            if (elapsed + interval >= TIMER_64T1) {
                caller.state = CallState.CONNECTED; // so release sends the BYE RFC 3261 13.3.1.4 asks for
                release(call, 0, null, CallTag.NO_ACK, Causes.RECOVERY_ON_TIMER_EXPIRY, "No ACK from the caller", null);
                return;
            }
            caller.invite.respond(ok);
            retransmitAnswer(caller, ok, Math.min(interval * 2, T2), elapsed + interval);
        });
    }

    private void failed(Leg leg, int status, String reason, Causes.Reason q850) {
        if (leg.state == CallState.RELEASED && leg.finalStatus != 0) {
            return;
        }
        leg.state = CallState.RELEASED;
        leg.finalStatus = status;
        leg.finalReason = reason;
        if (q850 != null) {
            leg.reasonCause = q850.cause();
            leg.reasonText = q850.text();
        }
        Call call = leg.call;
        if (call.released() || call.answeredLeg != null) {
            return;
        }
        if (status >= 600) { // a global failure ends every branch (RFC 3261 16.7 step 5)
            for (Leg other : call.calleeLegs) {
                if (other != leg && other.state != CallState.RELEASED) {
                    sendCancel(other, null);
                }
            }
            finish(call, leg);
            return;
        }
        failIfAllFailed(call);
    }

    private void failIfAllFailed(Call call) {
        if (call.calleeLegs.stream().allMatch(l -> l.state == CallState.RELEASED)) {
            Leg best = null;
            for (Leg l : call.calleeLegs) { // busy beats the rest; then the lowest status (RFC 3261 16.7 step 6)
                if (best == null || rank(l.finalStatus) < rank(best.finalStatus)) {
                    best = l;
                }
            }
            finish(call, best);
        }
    }

    private static int rank(int status) {
        if (status >= 600) {
            return 0;
        }
        if (status == Response.BUSY_HERE) {
            return 1;
        }
        return status;
    }

    private void finish(Call call, Leg best) {
        int status = best.finalStatus;
        int cause = best.reasonCause != null ? best.reasonCause : Causes.ofStatus(status);
        String text = best.reasonText != null ? best.reasonText : status + " " + best.finalReason;
        CallTag tag = status == Response.REQUEST_TIMEOUT && best.finalReason != null && best.finalReason.startsWith("No response")
                ? CallTag.CALLEE_TIMEOUT : CallTag.CALLEE_REJECTED;
        release(call, status, best.finalReason, tag, cause, text, null);
    }

    private void relayedAnswer(Leg leg, Response r) {
        int status = r.getStatusCode();
        if (status < 200) {
            return;
        }
        ServerRequest origin = leg.relayedFrom;
        Leg originLeg = leg.relayedFromLeg;
        leg.pendingOut = null;
        leg.relayedFrom = null;
        leg.relayedFromLeg = null;
        if (Request.INVITE.equals(Dialogs.cseqMethod(r)) && status < 300) {
            sendAck(leg, Dialogs.cseq(r));
        }
        if (origin == null || originLeg == null) {
            return;
        }
        if (status >= 300) {
            respond(originLeg, origin, status, r.getReasonPhrase(), null);
            if (status == Response.REQUEST_TIMEOUT || status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) {
                release(leg.call, 0, null, CallTag.DEAD_LEG, Causes.RECOVERY_ON_TIMER_EXPIRY, "Leg gone: " + status, null);
            }
            return;
        }
        byte[] body = Dialogs.isSdp(r) ? Dialogs.body(r) : null;
        try {
            byte[] relayed = body == null ? null : sdp.relay(leg.call, leg, originLeg.hop, body, false);
            if (relayed != null) {
                originLeg.lastSdpSent = relayed;
            }
            respond(originLeg, origin, Response.OK, null, relayed);
        } catch (SdpBridge.BadSdpException e) {
            respond(originLeg, origin, Response.NOT_ACCEPTABLE_HERE, "Bad SDP from the other party", null);
        }
    }

    private void timeout(Leg leg, ClientTransaction ct) {
        if (ct == leg.pendingOut) { // the other side no longer answers in-dialog requests
            ServerRequest origin = leg.relayedFrom;
            Leg originLeg = leg.relayedFromLeg;
            leg.pendingOut = null;
            leg.relayedFrom = null;
            if (origin != null && originLeg != null) {
                respond(originLeg, origin, Response.REQUEST_TIMEOUT, null, null);
            }
            leg.state = CallState.RELEASED;
            release(leg.call, 0, null, CallTag.DEAD_LEG, Causes.RECOVERY_ON_TIMER_EXPIRY, "No response from " + leg.peer, leg);
        } else if (ct == leg.inviteTx) {
            failed(leg, Response.REQUEST_TIMEOUT, "No response from " + leg.peer, null);
        } else if (Request.UPDATE.equals(ct.getRequest().getMethod()) && !leg.call.released()) {
            leg.state = CallState.RELEASED; // our session refresh went unanswered
            release(leg.call, 0, null, CallTag.DEAD_LEG, Causes.RECOVERY_ON_TIMER_EXPIRY, "Session refresh unanswered", leg);
        }
    }

    // ---- session timers (RFC 4028) --------------------------------------------------------------------

    private void addSessionTimer(Response resp, Leg caller) {
        try {
            resp.setHeader(dialogs.headers().createHeader("Session-Expires", caller.sessionExpires + ";refresher=uac"));
            resp.setHeader(dialogs.headers().createRequireHeader("timer"));
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The caller refreshes: without a re-INVITE or UPDATE before the interval ends, the call is released. */
    void armSessionTimer(Call call) {
        Leg caller = call.callerLeg;
        if (caller.sessionExpires == null) {
            return;
        }
        if (call.sessionTimer != null) {
            call.sessionTimer.cancel(false);
        }
        if (call.sessionDeadline == 0) {
            call.sessionDeadline = clock.millis() + caller.sessionExpires * 1000L;
        }
        call.sessionTimer = strands.later(call.strand, Math.max(0, call.sessionDeadline - clock.millis()), () -> {
            if (!call.released()) {
                release(call, 0, null, CallTag.SESSION_EXPIRED, Causes.RECOVERY_ON_TIMER_EXPIRY, "Session timer expired", null);
            }
        });
    }

    private void refreshed(Leg leg) {
        Call call = leg.call;
        if (leg.isCaller() && leg.sessionExpires != null && call.answered != null) {
            call.sessionDeadline = 0;
            armSessionTimer(call);
        }
    }

    /** When the callee's 200 makes us the refresher, send an UPDATE without SDP every half interval. */
    private void calleeSessionTimer(Leg leg, Response r) {
        String se = Dialogs.value(r, "Session-Expires", "x");
        if (se == null) {
            return;
        }
        int interval = seconds(se);
        if (interval > 0 && se.toLowerCase().contains("refresher=uac")) {
            scheduleRefresh(leg, interval);
        }
    }

    private void scheduleRefresh(Leg leg, int interval) {
        leg.refreshInterval = interval;
        leg.refreshTimer = strands.later(leg.call.strand, interval * 500L, () -> {
            if (leg.call.released() || leg.state == CallState.RELEASED) {
                return;
            }
            try {
                Request update = dialogs.inDialog(leg, Request.UPDATE, 0);
                update.setHeader(dialogs.headers().createHeader("Session-Expires", interval + ";refresher=uac"));
                sip.send(update, leg.hop, OWNER, leg.profile);
            } catch (SipException | ParseException | InvalidArgumentException e) {
                LOG.warn("Session refresh toward {} failed: {}", leg.hop, e.toString());
            }
            scheduleRefresh(leg, interval);
        });
    }

    // ---- release --------------------------------------------------------------------------------------

    /**
     * Ends the call on every leg: a final response to an unanswered caller, BYE to answered legs (except the one
     * that hung up), CANCEL to ringing callee legs. Writes the CDR and tells listeners. Idempotent.
     */
    void release(Call call, int statusToCaller, String reasonPhrase, CallTag tag, int cause, String text, Leg hungUp) {
        if (call.released()) {
            return;
        }
        Instant end = clock.instant();
        boolean wasAnswered = call.answered != null;
        call.state = CallState.RELEASED;
        call.releaseCause = cause;
        call.releaseText = text;
        call.cancelTimers();
        Leg caller = call.callerLeg;
        int sipStatus;
        if (caller.answer == null) {
            sipStatus = statusToCaller == 0 ? Response.REQUEST_TERMINATED : statusToCaller;
            try {
                Response r = dialogs.answer(caller, caller.invite, sipStatus, reasonPhrase);
                r.addHeader(dialogs.headers().createReasonHeader("Q.850", cause, text));
                caller.invite.respond(r);
            } catch (ParseException | InvalidArgumentException e) {
                caller.invite.respond(sipStatus);
            }
            caller.state = CallState.RELEASED;
        } else {
            sipStatus = Response.OK;
            if (caller != hungUp && caller.state == CallState.CONNECTED) {
                sendBye(caller, cause, text);
            } // while we still wait for the caller's ACK, the BYE goes when it arrives (RFC 3261 15)
        }
        for (Leg leg : call.calleeLegs) {
            if (leg == hungUp || leg.state == CallState.RELEASED) {
                continue;
            }
            if (leg == call.answeredLeg) {
                sendBye(leg, cause, text);
            } else {
                sendCancel(leg, "Q.850;cause=" + cause + ";text=\"" + text.replace("\"", "") + "\"");
            }
        }
        sdp.release(call);
        calls.remove(call.id);
        if (call.admissionAsked) {
            admissions.released(call.id);
        }
        Disposition disposition = wasAnswered ? Disposition.ANSWERED
                : tag == CallTag.CALLER_CANCEL ? Disposition.CANCELLED
                : tag == CallTag.RING_TIMEOUT ? Disposition.NO_ANSWER
                : sipStatus == Response.BUSY_HERE || sipStatus == Response.BUSY_EVERYWHERE ? Disposition.BUSY
                : Disposition.FAILED;
        publisher.record(call, call.record(end, disposition, sipStatus, cause, text, tag));
        forgetLater(call);
        LOG.debug("Call {} {} -> {} released: {} ({}, cause {})", call.id, call.caller, call.callee, tag, sipStatus, cause);
    }

    /** Legs stay indexed for 64*T1 after the call ends so late responses (a 200 racing a CANCEL) still find them. */
    private void forgetLater(Call call) {
        if (call.forgetScheduled) {
            return;
        }
        call.forgetScheduled = true;
        strands.later(call.strand, TIMER_64T1, () -> {
            for (Leg l : call.legs()) {
                legs.remove(l.callId, l);
            }
        });
    }

    private void sendBye(Leg leg, int cause, String text) {
        if (leg.byeSent) {
            return;
        }
        leg.byeSent = true;
        if (leg.lateOffer && leg.ackBody == null && leg.ackCseq > 0) { // its 200 still waits for our ACK
            leg.ackBody = new byte[0];
            sendAck(leg, leg.ackCseq);
        }
        leg.state = CallState.RELEASED;
        try {
            Request bye = dialogs.inDialog(leg, Request.BYE, 0);
            if (text != null) {
                bye.addHeader(dialogs.headers().createReasonHeader("Q.850", cause, text));
            }
            sip.send(bye, leg.hop, OWNER, leg.profile);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Cannot send BYE to {}: {}", leg.hop, e.toString());
        }
    }

    /** CANCEL once a provisional came (RFC 3261 9.1); before that the wish is remembered. */
    private void sendCancel(Leg leg, String reason) {
        if (reason != null && leg.cancelReason == null) {
            leg.cancelReason = reason; // kept for a CANCEL that must wait for the first provisional
        }
        if (!leg.provisionalSeen) {
            leg.cancelWanted = true;
            return;
        }
        if (leg.cancelSent || leg.inviteTx == null) {
            return;
        }
        leg.cancelSent = true;
        leg.state = CallState.RELEASED;
        try {
            sip.cancel(leg.inviteTx, leg.cancelReason, leg.profile);
        } catch (SipException e) {
            LOG.debug("Cannot CANCEL toward {}: {}", leg.hop, e.toString());
        }
    }

    private void sendAck(Leg leg, long cseq) {
        try {
            Request ack = dialogs.inDialog(leg, Request.ACK, cseq);
            if (leg.ackBody != null && leg.ackBody.length > 0) {
                ack.setContent(leg.ackBody, dialogs.sdpType());
            }
            sip.sendAck(ack, leg.hop, leg.profile);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Cannot ACK {}: {}", leg.hop, e.toString());
        }
    }

    // ---- hand-over ------------------------------------------------------------------------------------

    /** Takes over calls a previous version handed over: indexes their legs and re-arms their timers. */
    void adopt(Call call) {
        calls.put(call.id, call);
        for (Leg l : call.legs()) {
            legs.put(l.callId, l);
        }
        strands.run(call.strand, () -> {
            armRingTimer(call);
            armMaxDuration(call);
            armSessionTimer(call);
            Leg caller = call.callerLeg;
            if (caller.state == CallState.ANSWERED && caller.answer != null) {
                retransmitAnswer(caller, caller.answer, T1, 0);
            }
            for (Leg l : call.calleeLegs) {
                if (l.refreshInterval > 0 && l.state == CallState.CONNECTED) {
                    scheduleRefresh(l, l.refreshInterval);
                }
            }
        });
    }
}
