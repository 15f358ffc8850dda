package org.plugboard.media.ng.internal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.Tone;

/**
 * The node's side of the endpoint commands ({@link EndpointWire}): legs its local engine terminates for clients.
 * The first {@code endpoint answer} or {@code endpoint offer} opens the endpoint; operations are acknowledged at
 * once and their outcome goes back later as an event to the address the command came from. Files (prompts,
 * recordings) are paths on this host. Never throws: a failure is the reply's {@code error-reason}.
 */
final class ServedEndpoints {
    private final MediaGateway engine;
    private final EventSender events;
    private final Map<String, Served> endpoints = new ConcurrentHashMap<>();

    /** One endpoint, the client it reports to, and its running operations (to stop them by op id). */
    private record Served(String id, MediaEndpoint endpoint, InetSocketAddress client, Map<Long, CompletableFuture<?>> ops,
            long[] lastSeen) {
    }

    /** An endpoint no command touched for this long (its client polls it with {@code endpoint touch}) is closed. */
    static final long IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    ServedEndpoints(MediaGateway engine, EventSender events) {
        this.engine = engine;
        this.events = events;
    }

    int size() {
        return endpoints.size();
    }

    void closeAll() {
        endpoints.values().forEach(s -> s.endpoint().close());
        endpoints.clear();
    }

    /**
     * Closes the endpoints no command touched for {@link #IDLE_NANOS}: their client stopped without closing them
     * (it touches each one at every poll), so their ports go back. Returns how many.
     */
    int closeIdle(long now) {
        int closed = 0;
        for (Served s : endpoints.values()) {
            if (now - s.lastSeen()[0] > IDLE_NANOS && endpoints.remove(s.id(), s)) {
                s.endpoint().close();
                closed++;
            }
        }
        return closed;
    }

    Map<String, Object> handle(NgDict request, InetSocketAddress client) {
        String command = String.valueOf(request.string(Ng.COMMAND)).toLowerCase(Locale.ROOT);
        String id = request.string(EndpointWire.ENDPOINT_ID);
        if (id == null || id.isEmpty()) {
            return error("No " + EndpointWire.ENDPOINT_ID + " in message");
        }
        try {
            switch (command) {
                case EndpointWire.ANSWER:
                case EndpointWire.OFFER:
                    return negotiate(command, id, request, client);
                case EndpointWire.CLOSE:
                    Served gone = endpoints.remove(id);
                    if (gone != null) {
                        gone.endpoint().close();
                    }
                    return Map.of(Ng.RESULT, Ng.OK);
                default:
                    Served served = known(id);
                    served.lastSeen()[0] = System.nanoTime();
                    return operate(command, served, request);
            }
        } catch (MediaException e) {
            return error(CallTable.reason(e));
        } catch (IllegalArgumentException e) {
            return error("Bad endpoint request: " + e.getMessage());
        }
    }

    private Map<String, Object> negotiate(String command, String id, NgDict request, InetSocketAddress client) throws MediaException {
        Served served = endpoints.get(id);
        boolean created = served == null;
        if (created) {
            Side side = "callee".equalsIgnoreCase(request.string(EndpointWire.SIDE)) ? Side.CALLEE : Side.CALLER;
            String label = request.string(Ng.LABEL);
            served = new Served(id, engine.endpoint(label == null ? id : label, side), client, new ConcurrentHashMap<>(),
                    new long[] {System.nanoTime()});
            endpoints.put(id, served);
        }
        MediaEndpoint endpoint = served.endpoint();
        try {
            String sdp = command.equals(EndpointWire.OFFER) ? endpoint.offer(receivedFrom(request))
                    : endpoint.answer(required(request, Ng.SDP), receivedFrom(request), receivedFrom(request));
            return negotiated(endpoint, sdp);
        } catch (MediaException | IllegalArgumentException e) {
            if (created) { // nothing was set up: do not keep an endpoint nobody will close
                endpoints.remove(id);
                endpoint.close();
            }
            throw e;
        }
    }

    private Map<String, Object> operate(String command, Served served, NgDict request) throws MediaException {
        MediaEndpoint endpoint = served.endpoint();
        long op = request.number(EndpointWire.OP, -1);
        String stopDigits = request.string(EndpointWire.STOP_DIGITS) == null ? "" : request.string(EndpointWire.STOP_DIGITS);
        switch (command) {
            case EndpointWire.ANSWERED:
                endpoint.answered(required(request, Ng.SDP), receivedFrom(request));
                return negotiated(endpoint, null);
            case EndpointWire.PLAY:
                return started(served, op, endpoint.play(Path.of(required(request, EndpointWire.FILE)), stopDigits));
            case EndpointWire.TONE:
                long length = request.number(EndpointWire.LENGTH_MS, -1);
                return started(served, op, endpoint.tone(Tone.valueOf(required(request, EndpointWire.TONE_NAME)),
                        required(request, EndpointWire.COUNTRY), length < 0 ? null : Duration.ofMillis(length), stopDigits));
            case EndpointWire.COLLECT:
                return started(served, op, endpoint.collect(EndpointWire.collection(request)));
            case EndpointWire.RECORD:
                return started(served, op, endpoint.record(Path.of(required(request, EndpointWire.FILE)),
                        EndpointWire.recordOptions(request)));
            case EndpointWire.STOP:
                CompletableFuture<?> running = served.ops().get(op);
                if (running != null) {
                    running.cancel(false);
                }
                return Map.of(Ng.RESULT, Ng.OK);
            case EndpointWire.TOUCH:
                return Map.of(Ng.RESULT, Ng.OK);
            case EndpointWire.DIGIT:
                String digit = required(request, EndpointWire.DIGITS);
                endpoint.receivedDigit(digit.charAt(0));
                return Map.of(Ng.RESULT, Ng.OK);
            default:
                return error("Unrecognized command '" + command + "'");
        }
    }

    /** The operation runs; its outcome (not a stop the client asked for) goes back as an event. */
    private Map<String, Object> started(Served served, long op, CompletionStage<?> stage) {
        if (op < 0) {
            throw new IllegalArgumentException("no op in message");
        }
        CompletableFuture<?> future = stage.toCompletableFuture();
        served.ops().put(op, future);
        future.whenComplete((result, failure) -> {
            served.ops().remove(op);
            if (!(failure instanceof java.util.concurrent.CancellationException)) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                events.send(served.client(), EndpointWire.event(served.id(), op, result, cause));
            }
        });
        return Map.of(Ng.RESULT, Ng.OK);
    }

    private static Map<String, Object> negotiated(MediaEndpoint endpoint, String sdp) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put(Ng.RESULT, Ng.OK);
        if (sdp != null) {
            reply.put(Ng.SDP, sdp);
        }
        if (endpoint.encoding() != null) {
            reply.put(EndpointWire.ENCODING, endpoint.encoding().name());
        }
        reply.put(EndpointWire.PTIME, endpoint.ptime());
        return reply;
    }

    private Served known(String id) throws MediaException {
        Served served = endpoints.get(id);
        if (served == null) {
            throw new MediaException(MediaException.Kind.NO_SESSION, "no endpoint " + id);
        }
        return served;
    }

    private static String receivedFrom(NgDict request) {
        List<String> from = request.strings(Ng.RECEIVED_FROM);
        return from.size() == 2 ? from.get(1) : null;
    }

    private static String required(NgDict request, String key) {
        String value = request.string(key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("No " + key + " in message");
        }
        return value;
    }

    private static Map<String, Object> error(String reason) {
        return Map.of(Ng.RESULT, Ng.ERROR, Ng.ERROR_REASON, reason);
    }
}
