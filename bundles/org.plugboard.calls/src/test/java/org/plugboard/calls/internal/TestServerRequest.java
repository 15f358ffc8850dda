package org.plugboard.calls.internal;

import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.sip.ServerRequest;
import org.plugboard.api.sip.SipService;

/** A request as the SIP bundle hands it to the B2BUA, over a real parsed message; records every response. */
final class TestServerRequest implements ServerRequest {
    private final Request request;
    private final InetSocketAddress source;
    private final String profile;
    private final SipService sip;
    private final List<Response> responses = new ArrayList<>();

    TestServerRequest(Request request, InetSocketAddress source, String profile, SipService sip) {
        this.request = request;
        this.source = source;
        this.profile = profile;
        this.sip = sip;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public InetSocketAddress source() {
        return source;
    }

    @Override
    public String transport() {
        return "UDP";
    }

    @Override
    public String profile() {
        return profile;
    }

    @Override
    public SipService sip() {
        return sip;
    }

    @Override
    public Response createResponse(int statusCode) {
        return createResponse(statusCode, null);
    }

    /** As the SIP bundle does: a To-tag on everything but 100. */
    @Override
    public Response createResponse(int statusCode, String reasonPhrase) {
        try {
            Response response = sip.messageFactory().createResponse(statusCode, request);
            if (reasonPhrase != null) {
                response.setReasonPhrase(reasonPhrase);
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (statusCode > 100 && to.getTag() == null) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            return response;
        } catch (ParseException e) {
            throw new IllegalArgumentException("Cannot build a " + statusCode + " response: " + e.getMessage(), e);
        }
    }

    @Override
    public void respond(Response response) {
        responses.add(response);
    }

    /** Every response sent, retransmissions included. */
    List<Response> responses() {
        return List.copyOf(responses);
    }

    List<Integer> statuses() {
        return responses.stream().map(Response::getStatusCode).toList();
    }

    /** The last response sent; fails when there is none. */
    Response last() {
        if (responses.isEmpty()) {
            throw new AssertionError("no response to " + request.getMethod());
        }
        return responses.get(responses.size() - 1);
    }

    /** The first response with this status; fails when there is none. */
    Response response(int status) {
        return responses.stream().filter(r -> r.getStatusCode() == status).findFirst()
                .orElseThrow(() -> new AssertionError("no " + status + " to " + request.getMethod() + ", got " + statuses()));
    }

    /** The status of the one final response; fails unless exactly one final response was sent. */
    int finalStatus() {
        List<Integer> finals = statuses().stream().filter(s -> s >= 200).distinct().toList();
        if (finals.size() != 1) {
            throw new AssertionError("expected one final response to " + request.getMethod() + ", got " + statuses());
        }
        return finals.get(0);
    }
}
