package org.plugboard.calls.internal;

import java.net.InetSocketAddress;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;

/**
 * The INVITE of an attempt refused before it became a call: the attempt is forgotten just before the refusal
 * leaves, so a corrected INVITE with the same Call-ID that follows at once is a new call (as after a 407).
 */
final class ForgettingRequest implements ServerRequest {
    private final ServerRequest ex;
    private final Runnable forget;

    ForgettingRequest(ServerRequest ex, Runnable forget) {
        this.ex = ex;
        this.forget = forget;
    }

    @Override
    public Request request() {
        return ex.request();
    }

    @Override
    public InetSocketAddress source() {
        return ex.source();
    }

    @Override
    public String transport() {
        return ex.transport();
    }

    @Override
    public String profile() {
        return ex.profile();
    }

    @Override
    public SipService sip() {
        return ex.sip();
    }

    @Override
    public Response createResponse(int statusCode) {
        return ex.createResponse(statusCode);
    }

    @Override
    public Response createResponse(int statusCode, String reasonPhrase) {
        return ex.createResponse(statusCode, reasonPhrase);
    }

    @Override
    public void respond(Response response) {
        forget.run();
        ex.respond(response);
    }
}
