package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.sip.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller answered by the media engine for a media application: starts the application at the caller's ACK
 * (after taking the answer from it on a late offer), answers the caller's re-offers with the engine, ends the call
 * as the application's outcome says, and closes the endpoint when the call ends. Strand only; not handed over
 * across a bundle update (the application's state lives in its stages).
 */
final class ApplicationCall {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationCall.class);

    private final ApplicationCalls calls;
    private final Call call;
    private final String name;
    private final MediaApplication application;
    private final MediaEndpoint endpoint;
    private final CallerApplicationLeg leg;
    private final boolean lateOffer;
    private boolean started;
    /** The application's redirect in progress ({@link ApplicationTransfers}); null when none. */
    ApplicationTransfers.Redirect redirect;
    /** This version of the bundle handed the call over: whatever the application still does is ignored. */
    private volatile boolean retired;

    ApplicationCall(ApplicationCalls calls, Call call, String name, MediaApplication application, MediaEndpoint endpoint,
            CallerApplicationLeg leg, boolean lateOffer) {
        this.calls = calls;
        this.call = call;
        this.name = name;
        this.application = application;
        this.endpoint = endpoint;
        this.leg = leg;
        this.lateOffer = lateOffer;
    }

    String name() {
        return name;
    }

    java.util.Map<String, String> parameters() {
        return leg.parameters();
    }

    MediaEndpoint endpoint() {
        return endpoint;
    }

    /** The caller's ACK for our 200: the application starts (once). */
    void acked(Request ack) {
        if (started || call.released()) {
            return;
        }
        started = true;
        if (!lateOffer) {
            start();
            return;
        }
        byte[] answer = Dialogs.isSdp(ack) ? Dialogs.body(ack) : null;
        if (answer == null) {
            badAnswer("the caller's ACK carries no SDP answer");
            return;
        }
        endpoint.answeredAsync(new String(answer, StandardCharsets.UTF_8), call.callerLeg.hop == null ? null : call.callerLeg.hop.host())
                .whenComplete((v, e) -> calls.onStrand(call, () -> {
                    if (retired || call.released()) {
                        return;
                    }
                    if (e != null) {
                        badAnswer(ApplicationCalls.cause(e).getMessage());
                    } else {
                        start();
                    }
                }));
    }

    private void badAnswer(String fault) {
        calls.end(call, Release.of(Response.NOT_ACCEPTABLE_HERE, null, CallTag.BAD_REQUEST, Causes.INTERWORKING,
                "Media application '" + name + "': " + fault));
    }

    private void start() {
        LOG.info("Call {} {} -> {}: media application '{}' starts", call.id, call.caller, call.callee, name);
        CompletionStage<Outcome> done;
        try {
            done = application.run(leg);
        } catch (RuntimeException e) {
            finished(null, e);
            return;
        }
        done.whenComplete((outcome, error) -> calls.onStrand(call, () -> finished(outcome, error)));
    }

    /** A re-INVITE or UPDATE with an offer from the caller (hold, a new address): the engine answers it. */
    void reoffer(Leg from, ServerRequest ex, byte[] body) {
        String hop = from.hop == null ? null : from.hop.host();
        endpoint.answerAsync(new String(body, StandardCharsets.UTF_8), hop, hop).whenComplete((sdp, error) -> calls.onStrand(call, () -> {
            if (error == null) {
                byte[] answer = sdp.getBytes(StandardCharsets.UTF_8);
                from.lastSdpSent = answer;
                calls.respond(from, ex, Response.OK, null, answer);
                return;
            }
            Throwable e = ApplicationCalls.cause(error);
            int status = e instanceof MediaException m ? m.kind().sipStatus() : Response.SERVER_INTERNAL_ERROR;
            calls.respond(from, ex, status, status == Response.NOT_ACCEPTABLE_HERE ? "Bad SDP: " + e.getMessage() : e.getMessage(), null);
        }));
    }

    /**
     * SIP INFO from the caller: a digit in {@code application/dtmf-relay} ({@code Signal=5}) or
     * {@code application/dtmf} ({@code 5}) goes to the endpoint as if it came as an RFC 4733 event.
     */
    void info(Request info) {
        byte[] body = Dialogs.body(info);
        javax.sip.header.ContentTypeHeader type = (javax.sip.header.ContentTypeHeader) info.getHeader(
                javax.sip.header.ContentTypeHeader.NAME);
        if (body == null || type == null || !"application".equalsIgnoreCase(type.getContentType())) {
            return;
        }
        String text = new String(body, StandardCharsets.US_ASCII).trim();
        String subtype = type.getContentSubType().toLowerCase(java.util.Locale.ROOT);
        String signal = null;
        if (subtype.equals("dtmf-relay")) {
            for (String line : text.split("\\r?\\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("signal=")) {
                    signal = line.substring(7).trim();
                }
            }
        } else if (subtype.equals("dtmf")) {
            signal = text;
        }
        if (signal != null && signal.length() == 1) {
            endpoint.receivedDigit(signal.toUpperCase(java.util.Locale.ROOT).charAt(0));
        }
    }

    /** The call ended (either side): the endpoint closes off the strand, the application's stages fail. */
    void released() {
        calls.close(endpoint);
    }

    /**
     * The calls bundle is being updated: the endpoint closes (the application's stages fail, their outcome is
     * ignored). The next version has the call without its application: the caller hears nothing until it hangs up.
     */
    void retire() {
        retired = true;
        calls.close(endpoint);
    }

    private void finished(Outcome outcome, Throwable error) {
        if (retired || call.released()) {
            return; // the caller hung up first: the application saw its stages fail
        }
        if (error != null) {
            LOG.warn("Call {}: media application '{}' failed", call.id, name, error);
            calls.end(call, Release.of(Response.SERVER_INTERNAL_ERROR, null, CallTag.SYSTEM, Causes.TEMPORARY_FAILURE,
                    "Media application '" + name + "' failed: " + error));
        } else if (outcome instanceof Outcome.Reject r) {
            calls.end(call, Release.of(r.status(), r.phrase(), r.tag(), r.q850Cause(), r.text()));
        } else if (outcome instanceof Outcome.Redirect d) {
            calls.redirect(call, this, d.target()); // the caller hears ringback while the target rings
        } else {
            calls.end(call, Release.of(Response.OK, null, CallTag.CALLEE_BYE, Causes.NORMAL_CLEARING,
                    "Media application '" + name + "' ended"));
        }
    }
}
