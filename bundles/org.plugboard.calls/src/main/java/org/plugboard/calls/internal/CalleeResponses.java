package org.plugboard.calls.internal;

import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.service.DetectionPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What callees answer to our INVITEs: calleeDialogs relayed to the caller (with early SDP), the first 200 wins the
 * call, challenges from providers answered once with the profile's credentials, failures handed to the flow. Also
 * the responses to our in-dialog requests and transaction timeouts.
 */
final class CalleeResponses {
    private static final Logger LOG = LoggerFactory.getLogger(CalleeResponses.class);

    private final LegMessages messages;
    private final MediaSteps media;
    private final ReliableProvisionals reliable;
    private final CalleeDialogs calleeDialogs;
    private final OfferAnswer offerAnswer;
    private final SessionTimers sessionTimers;
    private final CallerAnswer callerAnswer;
    private final CallFlow flow;
    private final Forks forks;
    private final ChallengeAnswerer challenges;
    private final ServiceRunner services;
    private final Releaser releaser;
    private final Publisher publisher;
    private final Clock clock;
    private TransferCalls transfers;
    private ApplicationTransfers redirects;
    private Originations originations;

    CalleeResponses(LegMessages messages, MediaSteps media, ReliableProvisionals reliable, CalleeDialogs calleeDialogs, OfferAnswer offerAnswer, SessionTimers sessionTimers,
            CallerAnswer callerAnswer, CallFlow flow, Forks forks, ChallengeAnswerer challenges, ServiceRunner services, Releaser releaser,
            Publisher publisher, Clock clock) {
        this.messages = messages;
        this.media = media;
        this.reliable = reliable;
        this.calleeDialogs = calleeDialogs;
        this.offerAnswer = offerAnswer;
        this.sessionTimers = sessionTimers;
        this.callerAnswer = callerAnswer;
        this.flow = flow;
        this.forks = forks;
        this.challenges = challenges;
        this.services = services;
        this.releaser = releaser;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Where the answers of transfer targets' legs go (set once by CallLogic, which builds it after this). */
    void transfers(TransferCalls transfers) {
        this.transfers = transfers;
    }

    /** Where the answers of media application redirect targets' legs go (set once by CallLogic). */
    void redirects(ApplicationTransfers redirects) {
        this.redirects = redirects;
    }

    /** Where the answers of originated calls' legs go (set once by CallLogic). */
    void originations(Originations originations) {
        this.originations = originations;
    }

    void response(Leg leg, Response r, ClientTransaction ct) {
        if (Request.BYE.equals(Dialogs.cseqMethod(r)) && r.getStatusCode() >= 200) {
            leg.byeAnswered = true;
        }
        if (redirects.callerResponse(leg, r, ct)) {
            return; // the caller answered the re-INVITE that moves it from a media application to its target
        }
        if (OfferAnswer.isRelayed(leg, ct)) {
            offerAnswer.relayedAnswer(leg, r);
            return;
        }
        if (!(leg instanceof CalleeLeg callee)) {
            return; // BYE answers and the like
        }
        int status = r.getStatusCode();
        if (!Request.INVITE.equals(Dialogs.cseqMethod(r)) || (ct != null && !callee.isInvite(ct))) {
            return;
        }
        if (status < 200) {
            if (status > 100 && callee.originated) {
                originations.provisional(callee, r);
            } else if (status > 100 && callee.applicationTarget) {
                redirects.provisional(callee, r);
            } else if (status > 100 && callee.transferTarget) {
                transfers.provisional(callee, r);
            } else if (status > 100) {
                provisional(callee, r);
            }
        } else if (status < 300) {
            if (callee.originated) {
                originations.answered(callee, r);
            } else if (callee.applicationTarget) {
                redirects.answered(callee, r);
            } else if (callee.transferTarget) {
                transfers.answered(callee, r);
            } else {
                answered(callee, r);
            }
            callee.inviteAnswered();
        } else if (ct != null && status < 400 && !callee.transferTarget && !callee.applicationTarget && !callee.originated && flow.deflected(callee, r)) {
            return; // a phone's 3xx: the call follows its Contact
        } else if (ct != null && ChallengeAnswerer.isChallenge(status)) {
            challenged(callee, r, ct);
        } else if (ct != null) {
            legFailed(callee, status, r.getReasonPhrase(), Causes.fromReasonHeader(r));
        }
    }

    /** A callee leg failed: the call flow decides, or for a transfer target, the transfer. */
    private void legFailed(CalleeLeg leg, int status, String reason, Causes.Reason q850) {
        if (leg.originated) {
            originations.legFailed(leg, status, reason, q850);
        } else if (leg.applicationTarget) {
            redirects.legFailed(leg, status, reason, q850);
        } else if (leg.transferTarget) {
            transfers.legFailed(leg, status, reason, q850);
        } else {
            flow.legFailed(leg, status, reason, q850);
        }
    }

    void timeout(Leg leg, ClientTransaction ct) {
        if (Request.BYE.equals(ct.getRequest().getMethod())) {
            leg.byeAnswered = true; // nobody answers it any more
        }
        if (ct == leg.pendingOut) { // the other side no longer answers in-dialog requests
            offerAnswer.relayedTimeout(leg);
        } else if (leg instanceof CalleeLeg callee && ct != null && callee.isInvite(ct)) {
            legFailed(callee, Response.REQUEST_TIMEOUT, "No response from " + leg.peer, null);
        } else if (Request.UPDATE.equals(ct.getRequest().getMethod()) && !leg.call.released()) {
            leg.state = CallState.RELEASED; // our session refresh went unanswered
            releaser.release(leg.call, Release.recovery(CallTag.DEAD_LEG, "Session refresh unanswered", leg));
        }
    }

    private void provisional(CalleeLeg leg, Response r) {
        Call call = leg.call;
        if (!calleeDialogs.ringing(leg, r, () -> !call.released() && !call.taken())) {
            return;
        }
        if (Dialogs.toTag(r) != null) {
            call.earlyLeg = leg;
        }
        relayProvisional(call, leg, r);
        if (call.state == CallState.TRYING) {
            call.state = CallState.RINGING;
            call.ringing = clock.instant();
            call.callerLeg.state = CallState.RINGING;
            publisher.fire(l -> l.ringing(call.info()));
        }
    }

    /** The 18x goes to the caller after the call's pending media steps, with its SDP relayed if it has one. */
    private void relayProvisional(Call call, CalleeLeg from, Response r) {
        CallerLeg caller = call.callerLeg;
        Response out;
        try {
            out = messages.dialogs().answer(caller, caller.invite, r.getStatusCode(), r.getReasonPhrase());
        } catch (ParseException e) {
            LOG.warn("Call {}: cannot relay {} to the caller: {}", call.id, r.getStatusCode(), e.toString());
            return;
        }
        byte[] body = Dialogs.isSdp(r) ? Dialogs.body(r) : null;
        if (body == null) {
            media.after(call, () -> sendProvisional(call, out));
            return;
        }
        media.relay(call, from, caller.hop, body, from.lateOffer, (relayed, failure) -> {
            if (failure != null) {
                LOG.warn("Call {}: cannot relay the SDP of {} to the caller: {}", call.id, r.getStatusCode(), failure.getMessage());
                return;
            }
            try {
                out.setContent(relayed, messages.dialogs().sdpType());
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            caller.lastSdpSent = relayed;
            sendProvisional(call, out);
        });
    }

    private void sendProvisional(Call call, Response out) {
        if (!call.released() && !call.callerLeg.answered) { // an 18x after the final answer means nothing
            reliable.toCaller(call.callerLeg, out);
        }
    }

    private void answered(CalleeLeg leg, Response r) {
        Call call = leg.call;
        leg.remoteTag = Dialogs.toTag(r);
        messages.dialogs().learnTarget(leg, r, true);
        if (leg.lateOffer && leg.ackBody == null) {
            leg.ackCseq = Dialogs.cseq(r); // late offer: the ACK must carry the caller's answer, which comes in its ACK
        } else {
            messages.ack(leg, Dialogs.cseq(r)); // every 2xx, retransmissions included, gets its ACK (RFC 3261 13.2.2.4)
        }
        if (leg.state == CallState.CONNECTED || leg.state == CallState.RELEASED && leg.byeSent) {
            return;
        }
        if (call.released() || (call.taken() && call.answeredLeg != leg)) {
            // answered too late: the caller cancelled, another device won the race, or another extension picked it up
            messages.bye(leg, Causes.NORMAL_CLEARING, call.taken() ? "Call completed elsewhere" : "Caller cancelled");
            return;
        }
        leg.state = CallState.CONNECTED;
        call.answeredLeg = leg;
        call.connect(leg);
        call.answered = clock.instant();
        call.state = CallState.ANSWERED;
        Leg.cancel(call.ringTimer);
        call.ringDeadline = 0;
        forks.cancelOthers(call, leg, "SIP;cause=200;text=\"Call completed elsewhere\"");
        sessionTimers.calleeAnswered(leg, r);
        callerAnswer.answer(call, leg, r, () -> {
            services.run(call, DetectionPoint.ANSWERED, call.callee, 0);
            publisher.fire(l -> l.answered(call.info()));
        });
    }

    /**
     * A provider (line, trunk) challenged our INVITE: repeated once with the credentials of the leg's profile. CANCEL
     * then targets the new transaction. Without credentials, on a second challenge, or once the call no longer
     * wants this leg, the leg fails; the caller never sees the challenge (it is not for it): 403 instead.
     */
    private void challenged(CalleeLeg leg, Response r, ClientTransaction ct) {
        Call call = leg.call;
        boolean wanted = leg.transferTarget ? call.transfer != null && call.transfer.legs.contains(leg) : !call.taken();
        if (!leg.authSent && !leg.cancelWanted && leg.state != CallState.RELEASED && !call.released() && wanted) {
            Optional<Request> again = challenges.answer(leg, ct.getRequest(), r);
            if (again.isPresent()) {
                leg.authSent = true;
                leg.inviteRequest = again.get();
                leg.provisionalSeen = false; // CANCEL waits for a provisional of the new transaction
                leg.lastRseq = 0;
                try {
                    leg.inviteTx = messages.send(leg, again.get());
                    return;
                } catch (SipException | RuntimeException e) {
                    LOG.warn("Call {}: cannot repeat the INVITE to {} with credentials: {}", call.id, leg.hop, e.toString());
                }
            }
        }
        legFailed(leg, Response.FORBIDDEN, (leg.authSent ? "Credentials refused by " : "No credentials for ") + leg.peer
                + " (" + r.getStatusCode() + ")", Causes.fromReasonHeader(r));
    }
}
