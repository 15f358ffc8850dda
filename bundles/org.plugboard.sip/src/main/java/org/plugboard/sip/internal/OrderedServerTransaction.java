package org.plugboard.sip.internal;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransactionImpl;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The RI's server transaction with its responses serialised: once a final response has left, no provisional
 * response to the same request leaves after it. The RI sends on three threads at once: ours (the call's strand),
 * its timer (an automatic 100 Trying 200 ms after an INVITE the handler has not answered yet, RFC 3261 17.2.1) and
 * its receive path (the last response again for a retransmitted request). Each of them checks the state and sends
 * in two steps, so under load a 100 could leave after our 200, and a UAC such as SIPp aborts the call on it.
 * The lock is per transaction, so only sends for the same request ever wait on each other.
 * <p>
 * While its request is parked (its handler is being updated), the timer's 100 Trying is held back: a caller that got
 * a 100 stops retransmitting its INVITE, so an INVITE the old version drops when the {@code sip} bundle itself is
 * updated would be lost for good; without it, the caller retransmits and the next version answers.
 * <p>
 * What it keeps after its final response (non-INVITE over UDP, RFC 3261 Timer J) is shortened: the RI keeps every
 * such transaction 64*T1 = 32 s, which at a few hundred calls or thousands of REGISTERs a second is tens of thousands
 * of live transactions and a third of the CPU in G1. A client retransmits at most T2 = 4 s apart, so a few seconds
 * absorb the retransmissions that matter ({@code transaction.keep}). A challenge (401, 407) is not kept at all:
 * like a stateless server, a retransmitted request simply gets a new challenge (issue 18).
 */
final class OrderedServerTransaction extends SIPServerTransactionImpl {
    private final Object sending = new Object();
    private final LongAdder lateProvisionalsDropped;
    private final IntSupplier keepMs;
    private boolean finalSent;
    private volatile boolean challenged;
    private volatile boolean holdAutomaticTrying;

    /** @param keepMs how long a finished non-INVITE transaction stays for retransmissions of its request */
    OrderedServerTransaction(SIPTransactionStack stack, MessageChannel channel, LongAdder lateProvisionalsDropped,
            IntSupplier keepMs) {
        super(stack, channel);
        this.lateProvisionalsDropped = lateProvisionalsDropped;
        this.keepMs = keepMs;
    }

    @Override
    public void sendMessage(SIPMessage message) throws IOException {
        synchronized (sending) {
            SIPResponse response = (SIPResponse) message;
            boolean ownRequest = getMethod() == null || getMethod().equals(response.getCSeq().getMethod());
            int status = response.getStatusCode();
            if (ownRequest && finalSent && status < 200) {
                lateProvisionalsDropped.increment();
                return;
            }
            if (ownRequest && status == 100 && holdAutomaticTrying) {
                return; // parked: only the timer sends a 100 now (the handler, which sends its own, has not seen it)
            }
            if (ownRequest && (status == 401 || status == 407)) {
                challenged = true; // read by startTransactionTimerJ, which the RI calls from super.sendMessage
            }
            super.sendMessage(message);
            if (ownRequest && status >= 200) {
                finalSent = true;
            }
        }
    }

    /**
     * The RI starts Timer J here (non-INVITE, final response sent; {@code ticks} of its 500 ms timer, 64 on UDP, 0 on
     * TCP). 0 ends the transaction at once: it leaves the stack's table before the response is even on the wire.
     */
    @Override
    protected void startTransactionTimerJ(long ticks) {
        long keep = challenged ? 0 : Math.min(ticks, keepTicks(keepMs.getAsInt(), baseTimerInterval));
        super.startTransactionTimerJ(keep);
    }

    /** Milliseconds to the RI's timer ticks, rounded up, so a short keep is never 0 by accident. */
    static long keepTicks(int ms, int tickMs) {
        return ms <= 0 ? 0 : (ms + tickMs - 1) / tickMs;
    }

    /** See {@link ResponseWire#holdAutomaticTrying}. */
    void holdAutomaticTrying(boolean hold) {
        holdAutomaticTrying = hold;
    }

    @Override
    public void resendLastResponseAsBytes() throws IOException {
        synchronized (sending) {
            super.resendLastResponseAsBytes();
        }
    }
}
