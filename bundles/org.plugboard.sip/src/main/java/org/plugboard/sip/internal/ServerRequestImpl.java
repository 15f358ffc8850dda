package org.plugboard.sip.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An incoming request bound to the provider it came in on; answers through a server transaction. */
final class ServerRequestImpl implements ServerRequest {
    private static final Logger LOG = LoggerFactory.getLogger(ServerRequestImpl.class);

    private final SipStackManager manager;
    private final SipProvider provider;
    private final Request request;
    private final Inbound inbound;
    private ServerTransaction transaction;
    private volatile boolean finalSent;

    ServerRequestImpl(SipStackManager manager, SipProvider provider, ServerTransaction transaction, Request request,
            Inbound inbound) {
        this.manager = manager;
        this.provider = provider;
        this.transaction = transaction;
        this.request = request;
        this.inbound = inbound;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public InetSocketAddress source() {
        return inbound.source();
    }

    @Override
    public String transport() {
        return inbound.transport();
    }

    @Override
    public String profile() {
        return inbound.profile();
    }

    @Override
    public org.plugboard.api.sip.SipService sip() {
        return manager;
    }

    boolean finalSent() {
        return finalSent;
    }

    @Override
    public Response createResponse(int statusCode) {
        return createResponse(statusCode, null);
    }

    @Override
    public Response createResponse(int statusCode, String reasonPhrase) {
        try {
            Response response = manager.messageFactory().createResponse(statusCode, request);
            if (reasonPhrase != null) {
                response.setReasonPhrase(reasonPhrase);
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (statusCode > 100 && to != null && to.getTag() == null) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            response.setHeader(manager.serverHeader());
            return response;
        } catch (ParseException e) {
            throw new IllegalArgumentException("Cannot build a " + statusCode + " response: " + e.getMessage(), e);
        }
    }

    @Override
    public void respond(Response response) {
        RewriterChain.apply(manager.rewriters(), response,
                new RewriteContext(RewriteContext.Direction.OUTBOUND, profile(), transport(), source()));
        try {
            synchronized (this) {
                if (transaction == null) {
                    transaction = provider.getNewServerTransaction(request);
                }
            }
            transaction.sendResponse(response);
        } catch (TransactionAlreadyExistsException e) {
            sendStateless(response); // a retransmission raced us; the stack absorbs the duplicate
        } catch (SipException | RuntimeException e) {
            LOG.debug("Server transaction unavailable for {} ({}); answering statelessly", request.getMethod(), e.toString());
            sendStateless(response);
        } catch (Exception e) {
            LOG.warn("Could not send {} to {}: {}", response.getStatusCode(), source(), e.toString());
            return;
        }
        if (response.getStatusCode() >= 200) {
            finalSent = true;
        }
        manager.stats().responsesOut.increment();
        manager.trace().out(response, source().toString(), transport());
    }

    private void sendStateless(Response response) {
        try {
            provider.sendResponse(response);
        } catch (SipException e) {
            LOG.warn("Could not send {} to {}: {}", response.getStatusCode(), source(), e.toString());
        }
    }
}
