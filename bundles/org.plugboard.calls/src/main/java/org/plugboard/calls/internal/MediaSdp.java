package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * up. An empty engine name relays nothing: bodies are checked and passed on unchanged.
 */
final class MediaSdp implements SdpBridge {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSdp.class);

    /** Engine name to gateway, kept by the component's dynamic reference. */
    final Map<String, MediaGateway> gateways = new ConcurrentHashMap<>();
    private final PassThroughSdp check = new PassThroughSdp();
    private final Supplier<String> engine;
    private volatile MediaListener listener;
    /** Releasing may be a round trip to a remote engine: never on a strand. */
    private final ExecutorService releaser = Executors.newSingleThreadExecutor(r -> new Thread(r, "plugboard-media-release"));

    MediaSdp(Supplier<String> engine) {
        this.engine = engine;
    }

    /** Where session events go: set once, before the first call. */
    void listener(MediaListener listener) {
        this.listener = listener;
    }

    @Override
    public byte[] relay(Call call, Leg from, NextHop toward, byte[] sdp, boolean offer) throws BadSdpException {
        check.check(sdp);
        MediaSession session = call.media;
        if (session == null) {
            String name = engine.get();
            if (name == null || name.isBlank()) {
                return sdp;
            }
            MediaGateway gateway = gateways.get(name);
            if (gateway == null) {
                throw new BadSdpException("media engine '" + name + "' is not available (install its feature or set "
                        + "media.engine in org.plugboard.calls)", 503, CallTag.MEDIA_FAILURE);
            }
            try {
                session = gateway.open(call.id, listener);
            } catch (MediaException e) {
                throw failure(e);
            }
            call.media = session;
        }
        Side side = from.isCaller() ? Side.CALLER : Side.CALLEE;
        String text = new String(sdp, StandardCharsets.UTF_8);
        String fromAddress = from.hop == null ? null : from.hop.host();
        String toAddress = toward == null ? null : toward.host();
        try {
            String out = offer ? session.offer(side, text, fromAddress, toAddress) : session.answer(side, text, fromAddress, toAddress);
            return out.getBytes(StandardCharsets.UTF_8);
        } catch (MediaException e) {
            throw failure(e);
        }
    }

    private static BadSdpException failure(MediaException e) {
        CallTag tag = e.kind() == MediaException.Kind.BAD_SDP || e.kind() == MediaException.Kind.NO_USABLE_MEDIA
                ? CallTag.BAD_REQUEST : CallTag.MEDIA_FAILURE;
        return new BadSdpException(e.getMessage(), e.kind().sipStatus(), tag);
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
    }
}
