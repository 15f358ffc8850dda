package org.plugboard.rest.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.plugboard.api.calls.CallControl;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.OriginateListener;
import org.plugboard.api.calls.OriginateRequest;
import org.plugboard.api.calls.TransferVerdict;
import org.plugboard.api.media.Side;

/**
 * {@code /api/calls}: live calls of {@link CallControl}; list, read, hang up, and click-to-call (originate), whose
 * progress goes to the event stream as {@code originate.*} events carrying the client's {@code reference}.
 */
public final class CallResource {
    static final String BASE = "/api/calls";
    static final int DEFAULT_ANSWER_SECONDS = 30;

    /** POST body: call {@code first}; when it answers, call {@code second} and connect the two. */
    public record Originate(String first, String second, String callerName, Integer answerTimeoutSeconds,
            String reference) {
    }

    /** POST body of a transfer: the party on this side ({@code caller} or {@code callee}) is connected to target. */
    public record Transfer(String party, String target) {
    }

    /** How long the HTTP thread waits for the call's strand to say yes or no (it answers in milliseconds). */
    static final long VERDICT_WAIT_SECONDS = 5;

    private final Services services;
    private final EventPublisher events;

    public CallResource(Services services, EventPublisher events) {
        this.services = services;
        this.events = events;
    }

    public void register(Router router) {
        router.add(new Route("GET", BASE, "List live calls", this::list));
        router.add(new Route("POST", BASE, "Click-to-call: connect two numbers", this::originate));
        router.add(new Route("GET", BASE + "/{id}", "Read a live call", this::get));
        router.add(new Route("DELETE", BASE + "/{id}", "Hang up a live call", this::hangup));
        router.add(new Route("POST", BASE + "/{id}/transfer", "Blind transfer: connect one party to a number",
                this::transfer));
    }

    Reply list(Exchange x) {
        return Reply.ok(services.calls().calls().stream().map(Views::call).toList());
    }

    Reply get(Exchange x) {
        String id = x.path("id");
        return Reply.ok(services.calls().call(id).map(Views::call).orElseThrow(() -> notFound(id)));
    }

    Reply hangup(Exchange x) {
        String id = x.path("id");
        if (!services.calls().hangup(id, CallTag.ADMIN_HANGUP)) {
            throw notFound(id);
        }
        x.audit("hung up call " + id);
        return Reply.noContent();
    }

    /**
     * Blind transfer of an answered call's party to a number, through the B2BUA's transfers (the TRANSFER services
     * decide as for a REFER from the other party: pbx-transfer must be installed). 202 once the target is called;
     * success is the stream's {@code call.party-replaced}.
     */
    Reply transfer(Exchange x) throws IOException {
        String id = x.path("id");
        Transfer body = x.body(Transfer.class);
        String party = Exchange.required(body.party(), "party", "\"caller\"");
        String target = Exchange.required(body.target(), "target", "\"1003\"");
        Side side = switch (party) {
            case "caller" -> Side.CALLER;
            case "callee" -> Side.CALLEE;
            default -> throw new ApiException(Problem.invalid("party", "party '" + party + "' is neither caller nor callee",
                    "give \"caller\" or \"callee\": the party that is transferred"));
        };
        if (!target.matches("[0-9A-Za-z*#+._-]{1,64}")) {
            throw new ApiException(Problem.invalid("target", "target '" + target + "' is not a number to dial",
                    "give an extension or a number: 1 to 64 of 0-9 A-Z a-z * # + . _ -"));
        }
        TransferVerdict verdict;
        try {
            verdict = services.calls().transfer(id, side, target).toCompletableFuture()
                    .get(VERDICT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Problem.of(503, "busy", "Transfer not decided", "interrupted").fix("try again"));
        } catch (ExecutionException | TimeoutException e) {
            throw new ApiException(Problem.of(503, "busy", "Transfer not decided", "the call did not answer within "
                    + VERDICT_WAIT_SECONDS + " s: " + e).fix("try again later; pbx:call-list shows the call"));
        }
        if (!verdict.accepted()) {
            throw new ApiException(refusal(id, verdict));
        }
        x.audit("transferred the " + party + " of call " + id + " to " + target);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("party", party);
        out.put("target", target);
        return Reply.accepted(BASE + "/" + id, out);
    }

    private static Problem refusal(String id, TransferVerdict v) {
        return switch (v.status()) {
            case 481 -> notFound(id).problem();
            case 403 -> Problem.of(403, "transfer-refused", "Transfer refused", v.reason())
                    .fix("an answered call, the pbx-transfer feature, and a party allowed to transfer (pbx:transfer-permit)");
            case 482 -> Problem.invalid("target", v.reason(), "give a number that is not a party of the call");
            case 491 -> Problem.conflict(v.reason(), "wait until the transfer in progress ends (call.party-replaced)");
            case 501 -> Problem.of(501, "not-implemented", "Transfer not available", v.reason())
                    .fix("update pbx-calls to a version that implements CallControl.transfer (calls API 1.7)");
            default -> Problem.invalid("target", v.reason(), "give a number the dial plan routes");
        };
    }

    Reply originate(Exchange x) throws IOException {
        Originate body = x.body(Originate.class);
        String first = Exchange.required(body.first(), "first", "\"1001\"");
        String second = Exchange.required(body.second(), "second", "\"1002\"");
        int timeout = body.answerTimeoutSeconds() == null ? DEFAULT_ANSWER_SECONDS : body.answerTimeoutSeconds();
        if (timeout < 1 || timeout > 300) {
            throw new ApiException(Problem.invalid("answerTimeoutSeconds", "answerTimeoutSeconds " + timeout
                    + " is out of range", "give 1 to 300 seconds"));
        }
        String reference = body.reference() == null ? "" : body.reference();
        if (reference.length() > 128) {
            throw new ApiException(Problem.invalid("reference", "reference is longer than 128 characters",
                    "give an id of at most 128 characters"));
        }
        OriginateRequest request;
        try {
            request = new OriginateRequest(first, second, body.callerName(), Duration.ofSeconds(timeout),
                    "rest:" + x.caller().name(), reference);
        } catch (IllegalArgumentException e) {
            // the API's message starts with the field's name ("first must be 1-64 of ...")
            String field = e.getMessage().startsWith("second") ? "second" : "first";
            throw new ApiException(Problem.invalid(field, e.getMessage(), "give an extension or a number to dial"));
        }
        CallControl calls = services.calls();
        String id;
        try {
            id = calls.originate(request, new Progress(reference, events));
        } catch (UnsupportedOperationException e) {
            throw new ApiException(Problem.of(501, "not-implemented", "Click-to-call not available", e.getMessage())
                    .fix("update pbx-calls to a version that implements CallControl.originate (calls API 1.6)"));
        } catch (IllegalStateException e) {
            throw new ApiException(Problem.of(503, "busy", "Cannot call now", e.getMessage())
                    .fix("try again later"));
        }
        x.audit("originated call " + id + " from " + first + " to " + second);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("reference", reference);
        return Reply.accepted(BASE + "/" + id, out);
    }

    /** Tells the stream how the originated call goes; called on the call's strand, so it only publishes. */
    record Progress(String reference, EventPublisher events) implements OriginateListener {
        private void tell(String step, Map<String, Object> extra) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reference", reference);
            data.put("step", step);
            data.putAll(extra);
            events.publish("originate." + step, data);
        }

        @Override
        public void firstRinging() {
            tell("first-ringing", Map.of());
        }

        @Override
        public void firstAnswered() {
            tell("first-answered", Map.of());
        }

        @Override
        public void secondRinging() {
            tell("second-ringing", Map.of());
        }

        @Override
        public void connected(String callId) {
            tell("connected", Map.of("callId", callId));
        }

        @Override
        public void failed(int party, int status, String reason) {
            tell("failed", Map.of("party", party, "status", status, "reason", reason == null ? "" : reason));
        }

        @Override
        public void ended(CallTag tag) {
            tell("ended", Map.of("tag", tag == null ? "" : tag.name()));
        }
    }

    private static ApiException notFound(String id) {
        return new ApiException(Problem.notFound("no live call " + id)
                .fix("list the live calls with GET " + BASE + "; ended calls are in /api/cdrs"));
    }
}
