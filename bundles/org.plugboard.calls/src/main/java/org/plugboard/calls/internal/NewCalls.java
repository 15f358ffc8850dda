package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipProfileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A call's arrival: an INVITE outside any dialog becomes a call with its caller leg, is admitted (100 Trying, who
 * the caller is: digest for phones, the From user for lines and trunks; its content) and routed. Nothing here
 * waits: the checks that need no state answer on the SIP thread, the rest runs on the call's strand.
 */
final class NewCalls {
    private static final Logger LOG = LoggerFactory.getLogger(NewCalls.class);

    private final CallTable table;
    private final Strands strands;
    private final BiConsumer<Call, Runnable> onStrand;
    private final InviteChecks checks;
    private final RequestAuthenticator authenticator;
    private final CallRouting routing;
    private final ServiceGaps gaps;
    private final CallFlow flow;
    private final Dialogs dialogs;
    private final Clock clock;
    private final Supplier<CallsConfig> config;
    private final SetupGuard guard;

    NewCalls(CallTable table, Strands strands, BiConsumer<Call, Runnable> onStrand, InviteChecks checks, RequestAuthenticator authenticator,
            CallRouting routing, ServiceGaps gaps, CallFlow flow, Dialogs dialogs, Clock clock, Supplier<CallsConfig> config, SetupGuard guard) {
        this.guard = guard;
        this.table = table;
        this.strands = strands;
        this.onStrand = onStrand;
        this.checks = checks;
        this.authenticator = authenticator;
        this.routing = routing;
        this.gaps = gaps;
        this.flow = flow;
        this.dialogs = dialogs;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A new INVITE: the checks that need no state answer at once on the SIP thread; then the call gets its strand,
     * where 100 Trying goes first and authentication and routing answer from memory (the directory's view).
     */
    void newCall(ServerRequest ex) {
        Request invite = ex.request();
        MDC.put(CallLogic.MDC_CALL_ID, callIdOf(invite));
        try {
            CallsConfig c = config.get();
            if (!checks.acceptHeaders(ex)) {
                return;
            }
            String dialled = InviteChecks.dialled(invite.getRequestURI());
            Call call = table.newCall(strands::indexOf);
            call.callee = dialled;
            call.dialled = dialled;
            call.started = clock.instant();
            call.callerLeg = callerLeg(call, ex, c);
            call.connect(call.callerLeg);
            call.callerOffer = Dialogs.body(invite);
            if (!table.addLeg(call.callerLeg)) {
                table.discard(call);
                ex.respond(Response.LOOP_DETECTED, "Call-ID already in use by a call");
                return;
            }
            onStrand.accept(call, () -> admitCaller(call, ex));
        } catch (ParseException | RuntimeException e) {
            LOG.warn("Cannot take INVITE from {}: {}", ex.source(), e.toString());
            ex.respond(Response.BAD_REQUEST, "Bad INVITE: " + e.getMessage());
        } finally {
            MDC.remove(CallLogic.MDC_CALL_ID);
        }
    }

    /** On the strand: 100 Trying, who the caller is (a challenge ends the attempt without a trace), then routing. */
    private void admitCaller(Call call, ServerRequest ex) {
        ex.respond(Response.TRYING);
        String caller;
        try {
            caller = callerOf(call, ex, config.get());
        } catch (RuntimeException e) {
            LOG.warn("Call {}: authentication of the INVITE from {} failed: {}", call.id, ex.source(), e.toString());
            table.discard(call);
            ex.respond(Response.SERVER_INTERNAL_ERROR, "Authentication unavailable");
            return;
        }
        if (caller == null) {
            return; // challenged or refused: the attempt left no call behind
        }
        try {
            if (!checks.acceptContent(new ForgettingRequest(ex, () -> table.discard(call)), config.get().min_se())) {
                return; // answered (415, 488, 422, 484): the attempt left no call behind
            }
        } catch (ParseException e) {
            table.discard(call);
            ex.respond(Response.BAD_REQUEST, "Bad INVITE: " + e.getMessage());
            return;
        }
        call.caller = caller;
        call.callerAnonymous = Anonymity.of(ex.request(), caller); // also an extension hiding its number
        call.callerLeg.peer = caller;
        guard.arm(call);
        route(call, new RouteRequest(call.dialled, caller, ex.profile()));
    }

    /** Routes the new call; a number nobody takes while a router is away for an update is asked again shortly. */
    private void route(Call call, RouteRequest request) {
        CallRouting.Routed routed = routing.routed(request);
        if (routed.route() instanceof Route.Reject r && r.tag() == CallTag.ROUTING_FAILURE && gaps.open()) {
            gaps.askAgain(call, () -> route(call, request));
            return;
        }
        call.callee = routed.served(); // a DID's extension, so its services apply
        flow.begin(call, request, routed.route());
    }

    /**
     * The authenticated extension (phones) or the From user (lines and trunks); null when the INVITE was answered
     * (challenge, refusal). The attempt is forgotten before the answer goes, so the authenticated INVITE that
     * follows with the same Call-ID finds it gone.
     */
    private String callerOf(Call call, ServerRequest ex, CallsConfig c) {
        Request invite = ex.request();
        URI fromUri = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI();
        String fromUser = fromUri instanceof SipURI s ? s.getUser() : fromUri instanceof TelURL t ? t.getPhoneNumber() : null;
        if (!SipProfileResolver.DEFAULT_PROFILE.equals(ex.profile()) || !c.authenticate()) {
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
                table.discard(call);
                ex.respond(r);
            }
            case FORBIDDEN -> {
                table.discard(call);
                ex.respond(Response.FORBIDDEN, v.reason());
            }
        }
        return null;
    }

    private CallerLeg callerLeg(Call call, ServerRequest ex, CallsConfig c) {
        Request invite = ex.request();
        CallerLeg leg = new CallerLeg(call, callIdOf(invite));
        leg.invite = ex;
        leg.localTag = Dialogs.newTag();
        leg.remoteTag = Dialogs.fromTag(invite);
        leg.remoteAddress = (javax.sip.address.Address) ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().clone();
        leg.localAddress = (javax.sip.address.Address) ((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().clone();
        leg.remoteCseq = Dialogs.cseq(invite);
        leg.hop = new NextHop(ex.source().getAddress().getHostAddress(), ex.source().getPort(), ex.transport());
        leg.profile = ex.profile();
        dialogs.learnTarget(leg, invite, false);
        leg.reliableToCaller = Dialogs.lists(invite, "Require", "100rel") || (c.prack_when_supported() && Dialogs.lists(invite, "Supported", "100rel"));
        leg.sessionExpires = SessionTimers.callerInterval(invite);
        return leg;
    }

    private static String callIdOf(Request m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
