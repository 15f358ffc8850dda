package org.plugboard.calls.internal;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.header.RAckHeader;
import javax.sip.header.RSeqHeader;
import javax.sip.message.Response;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.sip.ServerRequest;

/**
 * Reliable provisional responses (RFC 3262), both ways. Toward a callee: a reliable 18x is PRACKed once, its
 * retransmissions are not relayed again. Toward the caller: when it required 100rel, every 18x goes reliably, one
 * unacknowledged at a time, retransmitted at T1, 2T1... up to T2 until its PRACK; no PRACK in 64*T1 ends the call.
 */
final class ReliableProvisionals {
    static final long T1 = 500;
    static final long T2 = 4000;
    static final long TIMER_64T1 = 64 * T1;

    private final LegMessages messages;
    private final Strands strands;
    private final Releaser releaser;

    ReliableProvisionals(LegMessages messages, Strands strands, Releaser releaser) {
        this.messages = messages;
        this.strands = strands;
        this.releaser = releaser;
    }

    /**
     * A provisional from a callee with a dialog (To-tag): PRACKs it when it is reliable.
     *
     * @return false for a retransmission of a reliable provisional already PRACKed (nothing more to do)
     */
    boolean fromCallee(CalleeLeg leg, Response r) {
        if (!Dialogs.lists(r, "Require", "100rel") || r.getHeader(RSeqHeader.NAME) == null) {
            return true;
        }
        long rseq = ((RSeqHeader) r.getHeader(RSeqHeader.NAME)).getSequenceNumber();
        if (rseq <= leg.lastRseq) {
            return false; // a retransmission: our PRACK transaction takes care of it
        }
        leg.lastRseq = rseq;
        messages.prack(leg, rseq, Dialogs.cseq(r));
        return true;
    }

    /** Sends an 18x to the caller: reliably when its leg asked for it, else as is. */
    void toCaller(CallerLeg caller, Response out) {
        if (!caller.reliableToCaller) {
            caller.invite.respond(out);
        } else if (caller.unackedReliable != null) {
            caller.queuedReliable.add(out); // RFC 3262 3: one unacknowledged reliable provisional at a time
        } else {
            sendReliable(caller, out);
        }
    }

    /** The caller's PRACK: answers it and sends the next queued provisional; 481 when it matches nothing. */
    void prack(CallerLeg leg, ServerRequest ex) {
        RAckHeader rack = (RAckHeader) ex.request().getHeader(RAckHeader.NAME);
        Response pending = leg.unackedReliable;
        if (rack == null || pending == null
                || rack.getRSeqNumber() != ((RSeqHeader) pending.getHeader(RSeqHeader.NAME)).getSequenceNumber()) {
            ex.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "No matching reliable provisional");
            return;
        }
        leg.unackedReliable = null;
        Leg.cancel(leg.reliableTimer);
        messages.respond(leg, ex, Response.OK, null, null);
        if (!leg.queuedReliable.isEmpty()) {
            sendReliable(leg, leg.queuedReliable.remove(0));
        }
    }

    /** The call is answered: nothing provisional is owed any more. */
    void answered(CallerLeg caller) {
        Leg.cancel(caller.reliableTimer);
        caller.unackedReliable = null;
        caller.queuedReliable.clear();
    }

    /** After a hand-over: the provisional still waiting for its PRACK goes on being retransmitted. */
    void resume(CallerLeg caller) {
        if (caller.unackedReliable != null && !caller.answered && !caller.call.released()) {
            retransmit(caller, caller.unackedReliable, T1, 0);
        }
    }

    private void sendReliable(CallerLeg caller, Response out) {
        try {
            out.setHeader(messages.dialogs().headers().createRequireHeader("100rel"));
            out.setHeader(messages.dialogs().headers().createRSeqHeader(caller.nextRseq++));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        caller.unackedReliable = out;
        caller.invite.respond(out);
        retransmit(caller, out, T1, 0);
    }

    private void retransmit(CallerLeg caller, Response out, long interval, long elapsed) {
        Call call = caller.call;
        long delay = Math.min(interval, TIMER_64T1 - elapsed); // the last wait ends exactly at 64*T1
        caller.reliableTimer = strands.later(call.strand, delay, () -> {
            if (caller.unackedReliable != out || call.released() || caller.answered) {
                return;
            }
            if (elapsed + delay >= TIMER_64T1) { // RFC 3262 3: no PRACK for 64*T1: reject the INVITE with a 5xx
                releaser.release(call, Release.of(Response.SERVER_INTERNAL_ERROR, "No PRACK for a reliable provisional", CallTag.DEAD_LEG,
                        Causes.RECOVERY_ON_TIMER_EXPIRY, "Caller never sent PRACK"));
                return;
            }
            caller.invite.respond(out);
            retransmit(caller, out, Math.min(interval * 2, T2), elapsed + delay);
        });
    }
}
