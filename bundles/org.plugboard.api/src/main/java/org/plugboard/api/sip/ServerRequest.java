package org.plugboard.api.sip;

import java.net.InetSocketAddress;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.osgi.annotation.versioning.ProviderType;

/** An incoming request and the way to answer it. Responses pass the outbound rewriter chain. */
@ProviderType
public interface ServerRequest {
    Request request();

    /** The address the packet came from (not the Via sent-by). */
    InetSocketAddress source();

    /** UDP, TCP, TLS. */
    String transport();

    /** The line, trunk or device profile this request was classified into. */
    String profile();

    /** The SIP service that received the request: factories for building responses and headers. */
    SipService sip();

    /** A response with a To-tag (unless 100) and the configured Server header, not yet sent. */
    Response createResponse(int statusCode);

    /** A response with a custom reason phrase, e.g. {@code 400 Missing Contact header}. */
    Response createResponse(int statusCode, String reasonPhrase);

    /** Sends the response; a final response ends the exchange. Errors are logged, never thrown. */
    void respond(Response response);

    default void respond(int statusCode) {
        respond(createResponse(statusCode));
    }

    default void respond(int statusCode, String reasonPhrase) {
        respond(createResponse(statusCode, reasonPhrase));
    }
}
