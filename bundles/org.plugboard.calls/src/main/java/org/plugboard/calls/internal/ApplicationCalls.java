package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sip.message.Response;

import org.plugboard.api.application.MediaApplication;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.Side;
import org.plugboard.api.service.Outcome;
import org.plugboard.api.sip.ServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Outcome.Connect}: a media engine that terminates legs ({@link ApplicationEngines}: {@code media.engine},
 * else {@code media.application_engine}) answers the caller with its own SDP (a {@link MediaEndpoint}), and the
 * {@link MediaApplication} named by the outcome gets the leg at the caller's ACK. Refused with 503 and Q.850 cause
 * 63, naming what is missing, when no such application is registered or no engine can terminate legs. Strand only,
 * but for the engine's completions (each hops back onto the strand) and closing endpoints.
 */
final class ApplicationCalls {
    /** The parameter naming the caller's IP address, for an application that reports wrong PINs to the ban guard. */
    static final String CALLER_ADDRESS = "caller.address";

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationCalls.class);

    private final MediaApplications applications;
    private final Function<String, MediaGateway> gateways;
    private final Supplier<CallsConfig> config;
    private final SdpBridge sdp;
    private final Forks forks;
    private final CallerAnswer callerAnswer;
    private final LegMessages messages;
    private final Releaser releaser;
    private final BiConsumer<Call, Runnable> onStrand;
    private final ServiceGaps gaps;
    private final Executor closer;
    private final Path prompts;
    private ApplicationTransfers redirects;

    ApplicationCalls(MediaApplications applications, Function<String, MediaGateway> gateways, Supplier<CallsConfig> config,
            SdpBridge sdp, Forks forks, CallerAnswer callerAnswer, LegMessages messages, Releaser releaser,
            BiConsumer<Call, Runnable> onStrand, ServiceGaps gaps, Executor closer, Path prompts) {
        this.applications = applications;
        this.gateways = gateways;
        this.config = config;
        this.sdp = sdp;
        this.forks = forks;
        this.callerAnswer = callerAnswer;
        this.messages = messages;
        this.releaser = releaser;
        this.onStrand = onStrand;
        this.gaps = gaps;
        this.closer = closer;
        this.prompts = prompts;
    }

    /**
     * Answers the caller with an engine for the application the outcome names, served for {@code servedUser}. The
     * endpoint opens and answers on completion stages (a remote engine answers by a round trip): the strand never
     * waits, and picks the answer up on itself.
     */
    void connect(Call call, Outcome.Connect c, String servedUser) {
        MediaApplication application = applications.find(c.application());
        if (application == null) {
            if (gaps.open()) { // its bundle is being updated: it is back in a moment
                gaps.askAgain(call, () -> connect(call, c, servedUser));
                return;
            }
            refuse(call, "Media Application Unavailable", "Media application '" + c.application() + "' is not available");
            return;
        }
        ApplicationEngines.Choice choice = ApplicationEngines.choose(config.get(), gateways);
        if (choice.gateway() == null) {
            releaser.release(call, Release.of(Response.SERVICE_UNAVAILABLE, "No Media Engine For Applications", CallTag.MEDIA_FAILURE,
                    Causes.SERVICE_NOT_AVAILABLE, "Media application '" + c.application() + "': " + choice.fault()));
            return;
        }
        forks.cancelOthers(call, null, "SIP;cause=200;text=\"Answered by a media application\"");
        sdp.release(call); // a relay session opened for ringing forks is not needed: the engine answers the caller
        String hop = call.callerLeg.hop == null ? null : call.callerLeg.hop.host();
        byte[] offer = call.callerOffer;
        MediaGateway gateway = choice.gateway();
        gateway.openEndpoint(call.id, Side.CALLER).whenComplete((endpoint, error) -> {
            if (error != null) {
                onStrand.accept(call, () -> {
                    if (!call.released()) {
                        refuse(call, "Media Unavailable", "Media application '" + c.application() + "': " + cause(error).getMessage());
                    }
                });
                return;
            }
            CompletionStage<String> sdpStage = offer != null ? endpoint.answerAsync(new String(offer, StandardCharsets.UTF_8), hop, hop)
                    : endpoint.offerAsync(hop);
            sdpStage.whenComplete((body, failed) -> onStrand.accept(call,
                    () -> answered(call, c, servedUser, application, gateway, endpoint, body, failed)));
        });
    }

    /** On the strand: the engine's SDP for the caller is ready (or failed). */
    private void answered(Call call, Outcome.Connect c, String servedUser, MediaApplication application, MediaGateway gateway,
            MediaEndpoint endpoint, String body, Throwable failed) {
        if (call.released()) { // the caller gave up while the engine answered
            close(endpoint);
            return;
        }
        if (failed != null) {
            close(endpoint);
            Throwable e = cause(failed);
            int status = e instanceof MediaException m ? m.kind().sipStatus() : Response.SERVICE_UNAVAILABLE;
            boolean sdpFault = status == Response.NOT_ACCEPTABLE_HERE;
            releaser.release(call, Release.of(status, sdpFault ? "Not Acceptable Here" : "Media Unavailable",
                    sdpFault ? CallTag.BAD_REQUEST : CallTag.MEDIA_FAILURE, sdpFault ? Causes.INTERWORKING : Causes.RESOURCE_UNAVAILABLE,
                    "Media application '" + c.application() + "': " + e.getMessage()));
            return;
        }
        CallerApplicationLeg leg = new CallerApplicationLeg(call, endpoint, servedUser, withCallerAddress(c.parameters(), call),
                onStrand, prompts);
        call.application = new ApplicationCall(this, call, c.application(), application, endpoint, leg, call.callerOffer == null);
        LOG.info("Call {} {} -> {}: answered for media application '{}' by engine '{}'", call.id, call.caller, call.callee,
                c.application(), gateway.engine());
        callerAnswer.application(call, body.getBytes(StandardCharsets.UTF_8));
    }

    static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void refuse(Call call, String phrase, String text) {
        releaser.release(call, Release.of(Response.SERVICE_UNAVAILABLE, phrase, CallTag.SYSTEM, Causes.SERVICE_NOT_AVAILABLE, text));
    }

    // ---- for ApplicationCall ----

    /** Where an application's redirect goes (set once by CallLogic, which builds it after this). */
    void redirects(ApplicationTransfers redirects) {
        this.redirects = redirects;
    }

    void redirect(Call call, ApplicationCall app, String target) {
        redirects.start(call, app, target);
    }

    void end(Call call, Release release) {
        releaser.release(call, release);
    }

    void onStrand(Call call, Runnable task) {
        onStrand.accept(call, task);
    }

    void respond(Leg leg, ServerRequest ex, int status, String reason, byte[] body) {
        messages.respond(leg, ex, status, reason, body);
    }

    /** Closing waits for the engine's loop: never on a strand. */
    void close(MediaEndpoint endpoint) {
        closer.execute(endpoint::close);
    }

    /** The application's parameters and {@code caller.address}: the IP address the caller's INVITE came from (ban guard). */
    private static java.util.Map<String, String> withCallerAddress(java.util.Map<String, String> parameters, Call call) {
        if (call.callerLeg == null || call.callerLeg.hop == null || parameters.containsKey(CALLER_ADDRESS)) {
            return parameters;
        }
        java.util.Map<String, String> all = new java.util.HashMap<>(parameters);
        all.put(CALLER_ADDRESS, call.callerLeg.hop.host());
        return java.util.Map.copyOf(all);
    }
}
