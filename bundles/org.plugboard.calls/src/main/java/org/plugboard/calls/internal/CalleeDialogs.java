package org.plugboard.calls.internal;

import java.util.function.BooleanSupplier;

import javax.sip.message.Response;

import org.plugboard.api.calls.CallState;

/**
 * The dialog side of a callee's 18x and 2xx, alike for the legs of transfer targets, application redirect targets
 * and originated calls (a call's own callees also share the 18x): for an 18x a CANCEL may go from now on (RFC 3261
 * 9.1), the To-tag and the remote target make the early dialog, a reliable 18x is PRACKed once; every 2xx is ACKed
 * and fixes the dialog, a late or unwanted one gets BYE. What the call then does with it is the caller's.
 */
final class CalleeDialogs {
    private final LegMessages messages;
    private final ReliableProvisionals reliable;

    CalleeDialogs(LegMessages messages, ReliableProvisionals reliable) {
        this.messages = messages;
        this.reliable = reliable;
    }

    /**
     * Applies a callee's 18x to its leg's dialog.
     *
     * @param wanted asked once the leg is still early: whether its call still wants it; when not, it is cancelled
     * @return true when the leg now rings and the call should act on the 18x; false when the leg already has its
     *         final answer, was cancelled, or the 18x is a retransmission of a reliable one already PRACKed
     */
    boolean ringing(CalleeLeg leg, Response r, BooleanSupplier wanted) {
        if (leg.state == CallState.RELEASED || leg.state == CallState.CONNECTED) {
            // The stack hands messages to several threads, so a 180 sent just before the 200 can reach the strand
            // after it; once the leg has its final answer a provisional means nothing any more.
            return false;
        }
        leg.provisionalSeen = true;
        String tag = Dialogs.toTag(r);
        if (tag != null) {
            leg.remoteTag = tag;
            messages.dialogs().learnTarget(leg, r, true);
        }
        if (leg.cancelWanted || !wanted.getAsBoolean()) {
            messages.cancel(leg, null);
            return false;
        }
        if (tag != null && !reliable.fromCallee(leg, r)) {
            return false; // a reliable 18x PRACKed, or one seen before
        }
        leg.state = CallState.RINGING;
        return true;
    }

    /**
     * Applies a callee's 2xx to its leg's dialog: To-tag, target and ACK (every 2xx, retransmissions included).
     *
     * @param wanted  asked for a first 2xx: whether the leg's call still wants it; when not, the leg gets BYE
     * @param byeText the BYE's reason text when it is not wanted
     * @return true when the leg is now connected and the call should act on the answer; false for a retransmission,
     *         a leg already ended, or an answer nobody wants any more
     */
    boolean connected(CalleeLeg leg, Response r, BooleanSupplier wanted, String byeText) {
        leg.remoteTag = Dialogs.toTag(r);
        messages.dialogs().learnTarget(leg, r, true);
        messages.ack(leg, Dialogs.cseq(r));
        if (leg.state == CallState.CONNECTED || leg.state == CallState.RELEASED && leg.byeSent) {
            return false;
        }
        if (!wanted.getAsBoolean()) {
            messages.bye(leg, Causes.NORMAL_CLEARING, byeText);
            return false;
        }
        leg.state = CallState.CONNECTED;
        return true;
    }
}
