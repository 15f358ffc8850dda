package org.plugboard.media.ng.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.Tone;

/**
 * A leg terminated by a Plugboard media node, driven by the endpoint commands ({@link EndpointWire}). Opening it
 * costs no round trip (the node opens its endpoint at the first answer or offer); SDP steps are round trips on
 * completion stages (the blocking methods wait for them); an operation is acknowledged by the node at once and
 * completes when the node's event for it comes. Prompt and recording paths are paths on the node's host.
 */
final class NgEndpoint implements MediaEndpoint {
    private final String id;
    private final String callId;
    private final Side side;
    private final NgMediaGateway gateway;
    private final AtomicLong ops = new AtomicLong();
    private final Map<Long, CompletableFuture<?>> running = new ConcurrentHashMap<>();
    /** Running recordings: a close leaves them to the node's event (their file is written first). */
    private final Map<CompletableFuture<?>, Boolean> recordings = new ConcurrentHashMap<>();
    private volatile AudioEncoding encoding;
    private volatile int ptime = 20;
    private volatile boolean closed;

    NgEndpoint(String id, String callId, Side side, NgMediaGateway gateway) {
        this.id = id;
        this.callId = callId;
        this.side = side;
        this.gateway = gateway;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletionStage<String> answerAsync(String offer, String fromAddress, String toAddress) {
        Map<String, Object> c = opening(EndpointWire.ANSWER, fromAddress);
        c.put(Ng.SDP, offer == null ? "" : offer);
        return negotiate(c).thenApply(reply -> sdpOf(reply));
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public CompletionStage<String> offerAsync(String toAddress) {
        return negotiate(opening(EndpointWire.OFFER, toAddress)).thenApply(reply -> sdpOf(reply));
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public CompletionStage<Void> answeredAsync(String answer, String fromAddress) {
        Map<String, Object> c = EndpointWire.command(EndpointWire.ANSWERED, id);
        c.put(Ng.SDP, answer == null ? "" : answer);
        receivedFrom(c, fromAddress);
        return negotiate(c).thenApply(reply -> null);
    }

    @Override
    public String answer(String offer, String fromAddress, String toAddress) throws MediaException {
        return await(answerAsync(offer, fromAddress, toAddress));
    }

    @Override
    public String engine() {
        return gateway.engine();
    }

    @Override
    public String offer(String toAddress) throws MediaException {
        return await(offerAsync(toAddress));
    }

    @Override
    public void answered(String answer, String fromAddress) throws MediaException {
        await(answeredAsync(answer, fromAddress));
    }

    @Override
    public AudioEncoding encoding() {
        return encoding;
    }

    @Override
    public CompletionStage<Playback> play(Path wav, String stopDigits) {
        Map<String, Object> c = EndpointWire.command(EndpointWire.PLAY, id);
        c.put(EndpointWire.FILE, wav.toAbsolutePath().toString());
        c.put(EndpointWire.STOP_DIGITS, stopDigits == null ? "" : stopDigits);
        return operate(c);
    }

    @Override
    public int ptime() {
        return ptime;
    }

    @Override
    public CompletionStage<Playback> tone(Tone tone, String country, Duration length, String stopDigits) {
        Map<String, Object> c = EndpointWire.command(EndpointWire.TONE, id);
        c.put(EndpointWire.TONE_NAME, tone.name());
        c.put(EndpointWire.COUNTRY, country);
        if (length != null) {
            c.put(EndpointWire.LENGTH_MS, length.toMillis());
        }
        c.put(EndpointWire.STOP_DIGITS, stopDigits == null ? "" : stopDigits);
        return operate(c);
    }

    @Override
    public CompletionStage<Digits> collect(DigitCollection collection) {
        Map<String, Object> c = EndpointWire.command(EndpointWire.COLLECT, id);
        EndpointWire.collection(c, collection);
        return operate(c);
    }

    @Override
    public CompletionStage<Recording> record(Path wav, Recording.Options options) {
        Map<String, Object> c = EndpointWire.command(EndpointWire.RECORD, id);
        c.put(EndpointWire.FILE, wav.toAbsolutePath().toString());
        EndpointWire.recordOptions(c, options);
        return operate(c);
    }

    @Override
    public void receivedDigit(char digit) {
        if (!closed && Digits.ALL.indexOf(digit) >= 0) {
            Map<String, Object> c = EndpointWire.command(EndpointWire.DIGIT, id);
            c.put(EndpointWire.DIGITS, String.valueOf(digit));
            gateway.transport().send(c);
        }
    }

    /**
     * Closes the node's endpoint (without waiting). Prompts, tones and collections fail at once; a recording
     * completes when the node's event says its file is written ({@link Recording.Ending#CLOSED}).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        gateway.transport().send(EndpointWire.command(EndpointWire.CLOSE, id));
        gateway.forget(this);
        running.values().forEach(f -> {
            if (!recordings.containsKey(f)) {
                f.completeExceptionally(new MediaException(Kind.NO_SESSION, "endpoint " + id + " is closed"));
            }
        });
    }

    @Override
    public boolean closed() {
        return closed;
    }

    /**
     * The poll: tells the node the endpoint is still wanted. A node that no longer knows it (it restarted, or
     * closed it as idle) fails what runs with NO_SESSION.
     */
    void touch() {
        if (closed) {
            return;
        }
        gateway.transport().send(EndpointWire.command(EndpointWire.TOUCH, id)).thenAccept(reply -> {
            if (!Ng.OK.equals(reply.string(Ng.RESULT)) && Ng.isUnknownCall(reply.string(Ng.ERROR_REASON))) {
                running.values().forEach(f -> f.completeExceptionally(new MediaException(Kind.NO_SESSION,
                        "media engine '" + engine() + "' no longer holds endpoint " + id)));
            }
        });
    }

    /** The node's event for one of our operations (on the client's reply threads); a repeated one is ignored. */
    void event(NgDict event) {
        CompletableFuture<?> op = running.remove(event.number(EndpointWire.OP, -1));
        if (op == null) {
            return;
        }
        try {
            complete(op, EndpointWire.result(event));
        } catch (MediaException | IllegalArgumentException e) {
            op.completeExceptionally(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(CompletableFuture<T> future, Object result) {
        future.complete((T) result);
    }

    /** Sends an operation; it completes with the node's event, or fails with the node's refusal. Cancelling stops it. */
    private <T> CompletionStage<T> operate(Map<String, Object> command) {
        if (closed) {
            return CompletableFuture.failedFuture(new MediaException(Kind.NO_SESSION, "endpoint " + id + " is closed"));
        }
        long op = ops.incrementAndGet();
        command.put(EndpointWire.OP, op);
        CompletableFuture<T> result = new CompletableFuture<>();
        if (EndpointWire.RECORD.equals(command.get(Ng.COMMAND))) {
            recordings.put(result, Boolean.TRUE);
        }
        running.put(op, result);
        result.whenComplete((r, e) -> {
            running.remove(op);
            recordings.remove(result);
            if (result.isCancelled() && !closed) {
                Map<String, Object> stop = EndpointWire.command(EndpointWire.STOP, id);
                stop.put(EndpointWire.OP, op);
                gateway.transport().send(stop);
            }
        });
        String what = String.valueOf(command.get(Ng.COMMAND));
        gateway.transport().send(command).whenCompleteAsync((reply, error) -> {
            try {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause != null) {
                    throw cause instanceof MediaException m ? m : new MediaException(Kind.ENGINE_FAILURE, cause.toString(), cause);
                }
                ok(reply, what);
            } catch (MediaException e) {
                result.completeExceptionally(e);
            }
        }, gateway.replies());
        return result;
    }

    private Map<String, Object> opening(String command, String address) {
        Map<String, Object> c = EndpointWire.command(command, id);
        c.put(EndpointWire.SIDE, side == Side.CALLER ? "caller" : "callee");
        if (callId != null && callId.length() <= NgCommands.MAX_LABEL) {
            c.put(Ng.LABEL, callId);
        }
        receivedFrom(c, address);
        return c;
    }

    private static void receivedFrom(Map<String, Object> c, String address) {
        List<String> from = NgCommands.receivedFrom(address);
        if (from != null) {
            c.put(Ng.RECEIVED_FROM, from);
        }
    }

    /** An SDP step: the reply's codec and ptime are kept; a refusal fails the stage with its kind. */
    private CompletableFuture<NgDict> negotiate(Map<String, Object> command) {
        if (closed) {
            return CompletableFuture.failedFuture(new MediaException(Kind.NO_SESSION, "endpoint " + id + " is closed"));
        }
        String what = String.valueOf(command.get(Ng.COMMAND));
        return gateway.transport().send(command).thenApplyAsync(reply -> {
            try {
                ok(reply, what);
            } catch (MediaException e) {
                throw new CompletionException(e);
            }
            String law = reply.string(EndpointWire.ENCODING);
            if (law != null) {
                encoding = AudioEncoding.valueOf(law);
            }
            ptime = (int) reply.number(EndpointWire.PTIME, ptime);
            return reply;
        }, gateway.replies());
    }

    private void ok(NgDict reply, String command) throws MediaException {
        if (!Ng.OK.equals(reply.string(Ng.RESULT))) {
            String reason = reply.string(Ng.ERROR_REASON);
            throw new MediaException(Ng.isUnknownCall(reason) ? Kind.NO_SESSION : NgMediaSession.kindOf(reason), "media engine '" + engine() + "' refused '" + command
                    + "' of endpoint " + id + ": " + (reason != null ? reason : "result " + reply.string(Ng.RESULT)));
        }
    }

    private String sdpOf(NgDict reply) {
        String sdp = reply.string(Ng.SDP);
        if (sdp == null) {
            throw new CompletionException(new MediaException(Kind.ENGINE_FAILURE, "media engine '" + engine() + "' answered without SDP"));
        }
        return sdp;
    }

    private <T> T await(CompletionStage<T> stage) throws MediaException {
        return NgTransport.await(stage.toCompletableFuture(), gateway.transport().bound(), engine());
    }
}
