package org.plugboard.sip.internal;

import java.util.concurrent.BlockingQueue;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;

/** A listener that queues every request the stack hands up and ignores the rest, for tests on a real stack. */
record QueueingListener(BlockingQueue<RequestEvent> requests) implements SipListener {
    @Override
    public void processRequest(RequestEvent event) {
        requests.add(event);
    }

    @Override
    public void processResponse(ResponseEvent event) {
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
