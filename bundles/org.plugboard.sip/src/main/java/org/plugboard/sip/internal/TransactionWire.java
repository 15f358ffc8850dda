package org.plugboard.sip.internal;

import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.message.Request;
import javax.sip.message.Response;


/** Answers a request through its server transaction, created on first use; statelessly when there is none. */
final class TransactionWire implements ResponseWire {
    private static final RateLimitedLog LOG = RateLimitedLog.of(TransactionWire.class);

    private final SipProvider provider;
    private final Request request;
    private ServerTransaction transaction;

    TransactionWire(SipProvider provider, ServerTransaction transaction, Request request) {
        this.provider = provider;
        this.transaction = transaction;
        this.request = request;
    }

    @Override
    public boolean send(Response response) {
        try {
            synchronized (this) {
                if (transaction == null) {
                    transaction = provider.getNewServerTransaction(request);
                }
            }
            transaction.sendResponse(response);
            return true;
        } catch (TransactionAlreadyExistsException e) {
            return sendStateless(response); // a retransmission raced us; the stack absorbs the duplicate
        } catch (SipException | RuntimeException e) {
            LOG.warn("stateless", "Server transaction unavailable for {} ({}); answering statelessly",
                    request.getMethod(), e.toString());
            return sendStateless(response);
        } catch (Exception e) {
            LOG.warn("send-failed", "Could not send {} to {}: {}", response.getStatusCode(), request.getMethod(), e.toString());
            return false;
        }
    }

    @Override
    public void holdAutomaticTrying(boolean hold) {
        if (transaction instanceof OrderedServerTransaction ordered) {
            ordered.holdAutomaticTrying(hold);
        }
    }

    private boolean sendStateless(Response response) {
        try {
            provider.sendResponse(response);
            return true;
        } catch (SipException e) {
            LOG.warn("send-failed", "Could not send {} for {}: {}", response.getStatusCode(), request.getMethod(), e.toString());
            return false;
        }
    }
}
