package org.plugboard.calls.internal;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends what a leg's dialog needs: ACK, BYE, CANCEL, PRACK and responses to in-dialog requests. */
final class LegMessages {
    private static final Logger LOG = LoggerFactory.getLogger(LegMessages.class);
    static final String OWNER = "calls";

    private final SipService sip;
    private final Dialogs dialogs;

    LegMessages(SipService sip, Dialogs dialogs) {
        this.sip = sip;
        this.dialogs = dialogs;
    }

    SipService sip() {
        return sip;
    }

    Dialogs dialogs() {
        return dialogs;
    }

    /** Sends a request of the leg's dialog in a new client transaction; false (logged) when it could not go. */
    javax.sip.ClientTransaction send(Leg leg, Request request) throws SipException {
        return sip.send(request, leg.hop, OWNER, leg.profile);
    }

    void ack(CalleeLeg leg, long cseq) {
        try {
            Request ack = dialogs.inDialog(leg, Request.ACK, cseq);
            if (leg.ackBody != null && leg.ackBody.length > 0 && cseq == leg.ackCseq) { // the late-offer answer: first ACK only
                ack.setContent(leg.ackBody, dialogs.sdpType());
            }
            sip.sendAck(ack, leg.hop, leg.profile);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot ACK {}: {}", leg.call.id, leg.hop, e.toString());
        }
    }

    /** BYE with a Q.850 Reason (none when {@code text} is null); once per leg. */
    void bye(Leg leg, int cause, String text) {
        if (leg.byeSent) {
            return;
        }
        leg.byeSent = true;
        if (leg instanceof CalleeLeg callee && callee.lateOffer && callee.ackBody == null && callee.ackCseq > 0) {
            callee.ackBody = new byte[0]; // its 200 still waits for our ACK
            ack(callee, callee.ackCseq);
        }
        leg.state = org.plugboard.api.calls.CallState.RELEASED;
        try {
            Request bye = dialogs.inDialog(leg, Request.BYE, 0);
            if (text != null) {
                bye.addHeader(dialogs.headers().createReasonHeader("Q.850", cause, text));
            }
            send(leg, bye);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot send BYE to {}: {}", leg.call.id, leg.hop, e.toString());
        }
    }

    /** CANCEL once a provisional came (RFC 3261 9.1); before that the wish is remembered. */
    void cancel(CalleeLeg leg, String reason) {
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
        leg.state = org.plugboard.api.calls.CallState.RELEASED;
        try {
            sip.cancel(leg.inviteTx, leg.cancelReason, leg.profile);
        } catch (SipException e) {
            LOG.warn("Call {}: cannot CANCEL toward {}: {}", leg.call.id, leg.hop, e.toString());
        }
    }

    void prack(CalleeLeg leg, long rseq, long inviteCseq) {
        try {
            Request prack = dialogs.inDialog(leg, Request.PRACK, 0);
            prack.setHeader(dialogs.headers().createRAckHeader((int) rseq, (int) inviteCseq, Request.INVITE));
            send(leg, prack);
        } catch (SipException | ParseException | InvalidArgumentException e) {
            LOG.warn("Call {}: cannot send PRACK to {}: {}", leg.call.id, leg.hop, e.toString());
        }
    }

    /** Answers an in-dialog request of the leg; a 200 to the caller carries its session timer (RFC 4028). */
    void respond(Leg leg, ServerRequest ex, int status, String reason, byte[] body) {
        try {
            Response resp = dialogs.answer(leg, ex, status, reason);
            if (body != null) {
                resp.setContent(body, dialogs.sdpType());
            }
            if (status == Response.OK && leg instanceof CallerLeg caller && caller.sessionExpires != null) {
                SessionTimers.addTo(resp, caller.sessionExpires, dialogs.headers());
            }
            ex.respond(resp);
        } catch (ParseException e) {
            ex.respond(Response.SERVER_INTERNAL_ERROR);
        }
    }
}
