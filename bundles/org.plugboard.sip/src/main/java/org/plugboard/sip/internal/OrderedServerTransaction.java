package org.plugboard.sip.internal;

import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

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
 */
final class OrderedServerTransaction extends SIPServerTransactionImpl {
    private final Object sending = new Object();
    private final LongAdder lateProvisionalsDropped;
    private boolean finalSent;
    private volatile boolean holdAutomaticTrying;

    OrderedServerTransaction(SIPTransactionStack stack, MessageChannel channel, LongAdder lateProvisionalsDropped) {
        super(stack, channel);
        this.lateProvisionalsDropped = lateProvisionalsDropped;
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
            super.sendMessage(message);
            if (ownRequest && status >= 200) {
                finalSent = true;
            }
        }
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
