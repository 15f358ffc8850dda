package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaGateway;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.sip.NextHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays every call's media through the media gateway named by {@code media.engine}: the first offer opens a
 * session on that engine, and every offer and answer (initial, early, re-INVITE, UPDATE, late offer in the ACK)
 * goes through it, which puts the engine's address and ports in per side and keeps the rest of the body. The
 * engine is chosen when a call's first offer arrives, so changing the configuration never moves a call already
 * up. An empty engine name relays nothing: bodies are checked and passed on unchanged. A new call whose engine is
 * being updated waits for it (at most {@code media.wait.ms}) instead of being refused.
 */
final class MediaSdp implements SdpBridge {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSdp.class);

    /** Engine name to gateway, kept by the component's dynamic reference. */
    private final Map<String, MediaGateway> gateways = new ConcurrentHashMap<>();
    /** Calls waiting for an engine to be bound again, by engine name. */
    private final Map<String, CompletableFuture<Void>> arrivals = new ConcurrentHashMap<>();
    private final PassThroughSdp check = new PassThroughSdp();
    private final Supplier<CallsConfig> config;
    private volatile MediaListener listener;
    /** Releasing may be a round trip to a remote engine: never on a strand. */
    private final ExecutorService releaser = Executors.newSingleThreadExecutor(r -> new Thread(r, "plugboard-media-release"));

    private final Strands strands;

    MediaSdp(Supplier<CallsConfig> config, Strands strands) {
        this.config = config;
        this.strands = strands;
    }

    /** Where session events go: set once, before the first call. */
    void listener(MediaListener listener) {
        this.listener = listener;
    }

    void bound(String engine, MediaGateway gateway) {
        gateways.put(engine, gateway);
        CompletableFuture<Void> waiting = arrivals.remove(engine);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    void unbound(String engine, MediaGateway gateway) {
        gateways.remove(engine, gateway);
    }

    MediaGateway gateway(String engine) {
        return gateways.get(engine);
    }

    @Override
    public CompletionStage<Void> ready(Call call) {
        String name = config.get().media_engine();
        if (call.media != null || name == null || name.isBlank() || gateways.containsKey(name)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> arrival = arrivals.computeIfAbsent(name, n -> new CompletableFuture<>());
        if (gateways.containsKey(name)) { // bound between the check and the wait
            arrival.complete(null);
        }
        LOG.info("Call {}: media engine '{}' is not bound (being updated?): the call waits for it up to {} ms", call.id, name,
                config.get().media_wait_ms());
        CompletableFuture<Void> wait = arrival.copy();
        strands.later(call.strand, config.get().media_wait_ms(), () -> wait.complete(null)); // then the step finds no engine: 503
        return wait;
    }

    @Override
    public CompletionStage<byte[]> relay(Call call, Leg from, NextHop toward, byte[] sdp, boolean offer) {
        try {
            if (sdp != call.callerOffer) { // the INVITE's offer was checked when it came: each body is parsed once
                check.check(sdp);
            }
            MediaSession session = call.media;
            if (session == null) {
                String name = config.get().media_engine();
                if (name == null || name.isBlank()) {
                    return CompletableFuture.completedFuture(sdp);
                }
                session = open(call, name);
            }
            Side side = from.side;
            String text = new String(sdp, StandardCharsets.UTF_8);
            String fromAddress = from.hop == null ? null : from.hop.host();
            String toAddress = toward == null ? null : toward.host();
            CompletionStage<String> out = offer ? session.offerAsync(side, text, fromAddress, toAddress)
                    : session.answerAsync(side, text, fromAddress, toAddress);
            return out.handle((body, error) -> {
                if (error != null) {
                    throw new CompletionException(failure(error));
                }
                return body.getBytes(StandardCharsets.UTF_8);
            });
        } catch (BadSdpException e) {
            return SdpBridge.failed(e);
        }
    }

    private MediaSession open(Call call, String name) throws BadSdpException {
        MediaGateway gateway = gateways.get(name);
        if (gateway == null) {
            throw new BadSdpException("media engine '" + name + "' is not available (install its feature or set "
                    + "media.engine in org.plugboard.calls)", 503, CallTag.MEDIA_FAILURE);
        }
        try {
            MediaSession session = gateway.open(call.id, listener);
            call.media = session;
            return session;
        } catch (MediaException e) {
            throw failure(e);
        }
    }

    private static BadSdpException failure(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof MediaException m) {
            CallTag tag = m.kind() == MediaException.Kind.BAD_SDP || m.kind() == MediaException.Kind.NO_USABLE_MEDIA
                    ? CallTag.BAD_REQUEST : CallTag.MEDIA_FAILURE;
            return new BadSdpException(m.getMessage(), m.kind().sipStatus(), tag);
        }
        return new BadSdpException("media engine failed: " + e, 503, CallTag.MEDIA_FAILURE);
    }

    @Override
    public void release(Call call) {
        MediaSession session = call.media;
        call.media = null;
        if (session != null) {
            releaser.execute(session::release);
        }
    }

    /** After a bundle update: the session the previous version opened, now listened to by this version. */
    MediaSession adopt(String engineName, String sessionId) {
        MediaGateway gateway = engineName == null ? null : gateways.get(engineName);
        MediaSession session = gateway == null ? null : gateway.find(sessionId).orElse(null);
        if (session == null) {
            LOG.warn("Media session {} on engine {} is gone; the call continues without relayed media", sessionId, engineName);
            return null;
        }
        session.listener(listener);
        return session;
    }

    void close() {
        releaser.shutdown();
        arrivals.values().forEach(f -> f.complete(null)); // waiting calls go on, and find no engine: 503
    }
}
