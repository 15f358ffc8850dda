package org.plugboard.calls.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.sip.ClientTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.location.LocationService;
import org.plugboard.api.media.DtmfEvent;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.routing.Router;
import org.plugboard.api.security.RequestAuthenticator;
import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipProfileResolver;
import org.plugboard.api.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Where SIP and media events enter the B2BUA. Each is matched to its call by the leg's Call-ID and runs on the
 * call's strand, with the Call-ID in the log MDC; after each event the strand publishes the call's snapshot. The
 * protocol lives in the units this wires together: {@link NewCalls}, {@link CallFlow} (routing, services,
 * forking), {@link CalleeResponses}, {@link InDialogRequests}, {@link OfferAnswer}, {@link ReliableProvisionals},
 * {@link SessionTimers}, {@link CallerAnswer} and {@link Releaser}.
 */
final class CallLogic {
    private static final Logger LOG = LoggerFactory.getLogger(CallLogic.class);
    static final String OWNER = LegMessages.OWNER;
    static final String MDC_CALL_ID = "sip.callId";

    private final Strands strands;
    private final Clock clock;
    private final Publisher publisher;
    private volatile CallsConfig config;

    final CallTable table = new CallTable();
    final ServiceRunner services;
    /** The media applications (Outcome.Connect), kept by the B2BUA's dynamic reference. */
    final MediaApplications applications = new MediaApplications();
    /** Routers and media applications that left moments ago (a bundle update): their calls wait for them. */
    final ServiceGaps gaps;
    private final NewCalls newCalls;
    private final Releaser releaser;
    private final SessionTimers sessionTimers;
    private final CallFlow flow;
    private final CallerAnswer callerAnswer;
    private final CalleeResponses responses;
    private final InDialogRequests inDialog;
    private final ReliableProvisionals reliable;
    private final Transfers transfers;
    private final Pickups pickups;
    private final Originations originations;

    CallLogic(SipService sip, LocationService location, RequestAuthenticator authenticator, Supplier<List<Router>> routers, Router last,
            Publisher publisher, Strands strands, SdpBridge sdp, CallsConfig config, ChallengeAnswerer challenges, Admissions admissions,
            Clock clock, LongSupplier nanoTime) {
        this.strands = strands;
        this.clock = clock;
        this.publisher = publisher;
        this.config = config;
        Dialogs dialogs = new Dialogs(sip);
        Supplier<CallsConfig> cfg = () -> this.config;
        LegMessages messages = new LegMessages(sip, dialogs);
        MediaSteps media = new MediaSteps(sdp, this::onStrand);
        this.services = new ServiceRunner(cfg, clock, nanoTime);
        this.services.publishAnswered(this.table::publish);
        CallRouting routing = new CallRouting(routers, last);
        this.gaps = new ServiceGaps(strands, clock);
        this.releaser = new Releaser(messages, sdp, table, admissions, publisher, strands, clock, services);
        this.sessionTimers = new SessionTimers(messages, strands, clock, releaser);
        this.reliable = new ReliableProvisionals(messages, strands, releaser);
        CalleeDialogs calleeDialogs = new CalleeDialogs(messages, reliable);
        OfferAnswer offerAnswer = new OfferAnswer(messages, media, sessionTimers, releaser);
        Forks forks = new Forks(messages, location, table, cfg);
        this.callerAnswer = new CallerAnswer(messages, media, sessionTimers, reliable, offerAnswer, releaser, strands, clock, cfg,
                publisher);
        ApplicationCalls applicationCalls = new ApplicationCalls(applications, name -> sdp instanceof MediaSdp m ? m.gateway(name) : null, cfg,
                sdp, forks, callerAnswer, messages, releaser, this::onStrand, gaps, java.util.concurrent.ForkJoinPool.commonPool(),
                java.nio.file.Path.of(System.getProperty("karaf.etc", "etc"), "prompts"));
        this.flow = new CallFlow(messages, forks, routing, admissions, services, releaser, media, reliable, callerAnswer, applicationCalls,
                publisher, strands, clock, cfg);
        this.responses = new CalleeResponses(messages, media, reliable, calleeDialogs, offerAnswer, sessionTimers, callerAnswer, flow, forks, challenges,
                services, releaser, publisher, clock);
        ReferNotify notify = new ReferNotify(messages);
        Consultations consultations = new Consultations(table, this::onStrand, releaser);
        TransferChecks transferChecks = new TransferChecks(new MemberChecks(services, forks), admissions);
        TransferCalls transferCalls = new TransferCalls(messages, forks, media, calleeDialogs, sessionTimers, releaser, transferChecks, notify,
                consultations, publisher, strands, clock, cfg);
        this.responses.transfers(transferCalls);
        ApplicationTransfers redirects = new ApplicationTransfers(messages, forks, media, calleeDialogs, sessionTimers, routing,
                new MemberChecks(services, forks), releaser, publisher, applicationCalls::close, strands, clock, cfg);
        applicationCalls.redirects(redirects);
        this.responses.redirects(redirects);
        this.transfers = new Transfers(messages, services, routing, table, transferCalls, consultations, notify, clock);
        this.originations = new Originations(messages, forks, media, routing, sessionTimers, calleeDialogs, callerAnswer, releaser, publisher, strands, clock, cfg,
                new OriginationChecks(services, new MemberChecks(services, forks), admissions));
        this.responses.originations(originations);
        releaser.onRecord(originations::released);
        releaser.onRelease(transfers::released);
        Pickups pickups = new Pickups(table, this::onStrand, messages, forks, media, callerAnswer, services, releaser, publisher, clock);
        this.flow.pickups(pickups);
        this.pickups = pickups;
        this.newCalls = new NewCalls(table, strands, this::onStrand, new InviteChecks(dialogs.headers()), authenticator, routing, gaps, flow,
                dialogs, clock, cfg, new SetupGuard(strands, table, releaser, cfg));
        this.inDialog = new InDialogRequests(messages, callerAnswer, reliable, offerAnswer, releaser, transfers, pickups);
        pickups.dispatch((leg, ex) -> onStrand(leg.call, () -> inDialog.handle(leg, ex)));
    }

    void setConfig(CallsConfig config) {
        this.config = config;
    }

    // ---- entry points (SIP and engine threads) ----------------------------------------------------------------

    void onRequest(ServerRequest ex) {
        Request r = ex.request();
        Leg leg = table.leg(callIdOf(r));
        if (Request.INVITE.equals(r.getMethod()) && Dialogs.toTag(r) == null) {
            if (leg != null) {
                if (leg instanceof CallerLeg caller && isRetransmission(caller, r)) {
                    // its transaction died with an updated SIP stack: the call already runs (RFC 3261 17.2.3)
                    onStrand(leg.call, () -> callerAnswer.retransmittedInvite(caller, ex));
                    return;
                }
                ex.respond(Response.LOOP_DETECTED, "Call-ID already in use by a call");
                return;
            }
            newCalls.newCall(ex);
            return;
        }
        if (leg == null) {
            if (!Request.ACK.equals(r.getMethod())) {
                ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        onStrand(leg.call, () -> { // tags are compared there: only the strand reads them
            inDialog.handle(leg, ex);
            releaser.forgetIfSettled(leg.call);
        });
    }

    void onResponse(Response response, ClientTransaction ct) {
        Leg leg = table.leg(callIdOf(response));
        if (leg != null) { // else a response for a leg we no longer know: ignored (RFC 3261 8.1.3.3 strays)
            onStrand(leg.call, () -> {
                responses.response(leg, response, ct);
                releaser.forgetIfSettled(leg.call);
            });
        }
    }

    void onTimeout(ClientTransaction ct) {
        Leg leg = table.leg(callIdOf(ct.getRequest()));
        if (leg != null) {
            onStrand(leg.call, () -> {
                responses.timeout(leg, ct);
                releaser.forgetIfSettled(leg.call);
            });
        }
    }

    /** The same INVITE again (same CSeq and top Via branch): a retransmission no transaction absorbed. */
    private static boolean isRetransmission(CallerLeg leg, Request r) {
        ServerRequest first = leg.invite;
        if (first == null || Dialogs.cseq(first.request()) != Dialogs.cseq(r)) {
            return false;
        }
        javax.sip.header.ViaHeader a = (javax.sip.header.ViaHeader) first.request().getHeader(javax.sip.header.ViaHeader.NAME);
        javax.sip.header.ViaHeader b = (javax.sip.header.ViaHeader) r.getHeader(javax.sip.header.ViaHeader.NAME);
        return a != null && b != null && a.getBranch() != null && a.getBranch().equals(b.getBranch());
    }

    /** Adds a note to a live call's record, on its strand; bounded in count and length. */
    boolean note(String id, String text) {
        Call call = table.call(id);
        if (call == null || text == null || text.isBlank()) {
            return false;
        }
        String note = text.length() > 500 ? text.substring(0, 500) : text;
        onStrand(call, () -> {
            if (call.notes.size() < Call.MAX_NOTES) {
                call.notes.add(note);
            }
        });
        return true;
    }

    boolean hangup(String id, CallTag tag) {
        Call call = table.call(id);
        if (call == null) {
            return false;
        }
        onStrand(call, () -> releaser.release(call, Release.of(Response.TEMPORARILY_UNAVAILABLE, "Released by the operator", tag,
                Causes.NORMAL_CLEARING, "Released by the operator")));
        return true;
    }

    /** A blind transfer ordered from outside ({@link Transfers#ordered}); the verdict comes from the call's strand. */
    java.util.concurrent.CompletionStage<org.plugboard.api.calls.TransferVerdict> transfer(String id, Side side, String target) {
        java.util.concurrent.CompletableFuture<org.plugboard.api.calls.TransferVerdict> verdict = new java.util.concurrent.CompletableFuture<>();
        Call call = table.call(id);
        if (call == null) {
            verdict.complete(new org.plugboard.api.calls.TransferVerdict(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "no live call " + id));
            return verdict;
        }
        onStrand(call, () -> {
            try {
                verdict.complete(transfers.ordered(call, side, target));
            } catch (RuntimeException e) {
                verdict.completeExceptionally(e);
                throw e;
            }
        });
        return verdict;
    }

    /**
     * An originated call (call-back, click-to-call): a call whose caller leg is a placeholder held by the PBX, on the
     * side the second party will take; {@link Originations} calls the parties on the call's strand.
     */
    String originate(org.plugboard.api.calls.OriginateRequest request, org.plugboard.api.calls.OriginateListener listener) {
        java.util.Objects.requireNonNull(request, "request");
        java.util.Objects.requireNonNull(listener, "listener");
        Call call = table.newCall(strands::indexOf);
        call.caller = request.first();
        call.callee = request.first();
        call.dialled = request.second();
        call.started = clock.instant();
        CallerLeg placeholder = new CallerLeg(call, "originate-" + call.id, Side.CALLEE);
        placeholder.peer = "pbx";
        placeholder.profile = SipProfileResolver.DEFAULT_PROFILE;
        placeholder.state = CallState.RELEASED;
        call.callerLeg = placeholder;
        call.origination = new Origination(request, listener);
        table.publish(call);
        onStrand(call, () -> originations.start(call));
        return call.id;
    }

    /** Media events arrive on engine threads: each goes to its call's strand. */
    final MediaListener mediaEvents = new MediaListener() {
        @Override
        public void dtmf(MediaSession session, DtmfEvent event) {
            boolean fromCaller = event.from() == Side.CALLER;
            onMediaCall(session, call -> publisher.fire(l -> l.dtmf(call.info(), fromCaller, event.digit(), event.durationMillis())));
        }

        @Override
        public void inactive(MediaSession session, long idleMillis) {
            onMediaCall(session, call -> releaser.release(call, Release.of(Response.TEMPORARILY_UNAVAILABLE, "Media Timeout",
                    CallTag.MEDIA_TIMEOUT, Causes.RECOVERY_ON_TIMER_EXPIRY, "No RTP for " + idleMillis / 1000 + " s")));
        }

        @Override
        public void failed(MediaSession session, String reason) {
            onMediaCall(session, call -> releaser.release(call, Release.of(Response.SERVICE_UNAVAILABLE, "Media Unavailable",
                    CallTag.MEDIA_FAILURE, Causes.RESOURCE_UNAVAILABLE, "Media engine lost the session: " + reason)));
        }

        private void onMediaCall(MediaSession session, Consumer<Call> action) {
            Call call = table.call(session.callId());
            if (call != null) {
                onStrand(call, () -> {
                    // by id: after an engine update the event comes from the new session object
                    if (call.media != null && call.media.id().equals(session.id()) && !call.released()) {
                        action.accept(call);
                    }
                });
            }
        }
    };

    /** Runs a call's event on its strand, with its Call-ID in the log MDC, and publishes the call's snapshot after. */
    void onStrand(Call call, Runnable event) {
        strands.run(call.strand, () -> {
            MDC.put(MDC_CALL_ID, call.callerLeg.callId);
            try {
                event.run();
            } finally {
                table.publish(call);
                MDC.remove(MDC_CALL_ID);
            }
        });
    }

    private static String callIdOf(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }

    // ---- hand-over ------------------------------------------------------------------------------------------

    /** Live calls and those ended within 64*T1, for the hand-over once the strands are drained. */
    java.util.Collection<Call> handOver() {
        return table.handOver();
    }

    /**
     * Takes over a call a previous version handed over: indexes its legs and re-arms its timers on its strand. An
     * ended call only keeps its legs for late responses (and its 200 retransmissions while the caller's ACK is due).
     */
    void adopt(Call call) {
        table.add(call);
        onStrand(call, () -> {
            for (CallerLeg caller : call.picker == null ? List.of(call.callerLeg) : List.of(call.callerLeg, call.picker)) {
                if (caller.state == CallState.ANSWERED && caller.answer != null) {
                    callerAnswer.retransmit(caller, caller.answer, ReliableProvisionals.T1, 0);
                }
            }
            CallerLeg caller = call.callerLeg;
            originations.adopted(call);
            if (call.released()) {
                call.forgetScheduled = false;
                releaser.forgetLater(call);
                return;
            }
            reliable.resume(caller);
            flow.armRingTimer(call);
            callerAnswer.armMaxDuration(call);
            sessionTimers.armCaller(call);
            for (CalleeLeg l : call.calleeLegs) {
                if (l.refreshInterval > 0 && l.state == CallState.CONNECTED) {
                    sessionTimers.scheduleRefresh(l, l.refreshInterval);
                }
            }
            transfers.resume(call);
            pickups.resumed(call);
        });
    }
}
