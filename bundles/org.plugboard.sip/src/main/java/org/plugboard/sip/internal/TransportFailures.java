package org.plugboard.sip.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.text.ParseException;

import javax.net.ssl.SSLException;
import javax.sip.IOExceptionEvent;
import javax.sip.SipException;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.NextHop;
import org.plugboard.sip.internal.tls.UntrustedPeer;

import gov.nist.javax.sip.stack.TransportFailureEvent;

/**
 * What a request's owner learns when the transport fails under it. A connection that fails before the request is
 * delivered (a TLS peer whose certificate we refuse, a handshake cut off) ends the client transaction at once, and
 * its owner gets a local {@code 503} whose reason phrase names the fault: RFC 3261 8.1.3.1 says a transport error
 * MUST be treated as a 503, and PJSIP (Asterisk) and Sofia-SIP (FreeSWITCH) answer a failed TLS connect with 503 too.
 * A connection that cannot be opened at all fails the send itself, with a message naming the peer and the fault.
 */
final class TransportFailures {
    private static final int MAX_PHRASE = 200;

    private TransportFailures() {
    }

    /** The reason phrase for a transport failure the stack reported: what failed, toward whom. */
    static String reason(IOExceptionEvent event) {
        String peer = event.getHost() + ":" + event.getPort();
        if (!(event instanceof TransportFailureEvent f)) {
            return "Transport error toward " + peer + " over " + event.getTransport();
        }
        Throwable cause = f.cause();
        UntrustedPeer untrusted = find(cause, UntrustedPeer.class);
        if (untrusted != null) {
            return untrusted.getMessage();
        }
        java.security.cert.CertificateException refused = find(cause, java.security.cert.CertificateException.class);
        if (refused != null) {
            return "TLS peer certificate not trusted: " + refused.getMessage();
        }
        if (cause instanceof SSLException e) {
            return "TLS handshake with " + peer + " failed: " + e.getMessage();
        }
        return "TLS connection to " + peer + " closed during the handshake";
    }

    /** A local 503 to {@code request} with {@code reason} as its phrase; null when none can be made. */
    static Response response(MessageFactory messages, Request request, String reason) {
        try {
            Response r = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            r.setReasonPhrase(phrase(reason));
            return r;
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A send that failed before any transaction existed (the connection could not be opened), as an error naming the
     * hop and the fault instead of the RI's text.
     */
    static SipException sendFailed(SipException e, NextHop hop) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return e;
        }
        String peer = hop.host() + ":" + hop.port() + " over " + hop.transport();
        String what = String.valueOf(cause.getMessage()) + String.valueOf(cause.getCause());
        if (find(cause, ConnectException.class) != null || what.contains("ConnectException")) {
            return new SipException("Cannot connect to " + peer + ": connection refused (nothing listens there)", e);
        }
        if (find(cause, SocketTimeoutException.class) != null || what.contains("SocketTimeoutException")) {
            return new SipException("Cannot connect to " + peer + ": no answer to the connection attempt", e);
        }
        if (cause instanceof java.io.IOException) {
            return new SipException("Cannot send to " + peer + ": " + cause.getMessage(), e);
        }
        return e;
    }

    /** One line, no longer than a reason phrase should be. */
    static String phrase(String text) {
        String s = text.replaceAll("[\\r\\n]+", " ").trim();
        return s.length() <= MAX_PHRASE ? s : s.substring(0, MAX_PHRASE - 3) + "...";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
