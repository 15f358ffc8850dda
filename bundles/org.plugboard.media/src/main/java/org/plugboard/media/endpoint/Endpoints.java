package org.plugboard.media.endpoint;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Side;
import org.plugboard.media.audio.Tones;
import org.plugboard.media.relay.BoundPair;
import org.plugboard.media.relay.RelayConfig;
import org.plugboard.media.relay.RelayGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The terminated legs of an engine: opens them on the engine's event loops and port pool, keeps them by id, owns
 * the I/O executor (two threads for the whole engine: prompts are read and recordings written there, never on an
 * event loop), the prompt cache and the tone profiles, and closes everything on {@link #close}.
 */
public final class Endpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoints.class);
    /** Prompt audio kept in memory across legs. */
    static final long PROMPT_CACHE_BYTES = 64L * 1024 * 1024;

    /** The engine's event loops, one after the other. */
    public interface Loops {
        EventLoop next() throws MediaException;
    }

    /** Binds a port pair of the engine's pool on a loop, with the leg's handlers. */
    public interface Binder {
        BoundPair bind(EventLoop loop, ChannelHandler rtp, ChannelHandler rtcp) throws MediaException;
    }

    /** Takes a port pair a previous version handed over into the engine's pool. */
    public interface Adopter {
        BoundPair adopt(int rtpPort, Channel rtp, Channel rtcp);
    }

    private final Loops loops;
    private final Binder binder;
    private final ExecutorService io;
    private final EndpointContext context;
    private final Map<String, LegEndpoint> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Endpoints(String engine, Loops loops, Binder binder, Supplier<RelayConfig> config,
            Function<String, InetAddress> advertised) {
        this.loops = loops;
        this.binder = binder;
        this.io = Executors.newFixedThreadPool(2, new DefaultThreadFactory("plugboard-media-io", true));
        this.context = new EndpointContext(engine, config, advertised, io, new PromptCache(PROMPT_CACHE_BYTES),
                Tones.builtIn(), leg -> open.remove(leg.id(), leg));
    }

    /** The terminated legs of the in-process relay: its loops, its pool, its addresses. */
    public static Endpoints on(RelayGateway relay) {
        return new Endpoints(relay.engine(), relay::nextLoop, relay::bindPair, relay::config, relay::advertised);
    }

    public MediaEndpoint open(String callId, Side side) throws MediaException {
        if (closed) {
            throw new MediaException(MediaException.Kind.ENGINE_FAILURE, "the media engine is shut down");
        }
        String id = context.engine() + "-leg-" + UUID.randomUUID();
        EventLoop loop = loops.next();
        LegEndpoint leg = new LegEndpoint(id, callId, side, loop, context);
        leg.attach(binder.bind(loop, new EndpointHandler(leg, false), new EndpointHandler(leg, true)));
        open.put(id, leg);
        LOG.info("Media endpoint {} (call {}, {}) opened on port {}", id, callId, side, leg.port());
        return leg;
    }

    /**
     * A leg of this engine as a mix sees it; {@link MediaException.Kind#NO_SESSION} for a closed one or one of another
     * engine (or of an earlier version of this one).
     */
    public LegMix mixable(MediaEndpoint endpoint) throws MediaException {
        LegEndpoint leg = endpoint == null ? null : open.get(endpoint.id());
        // an earlier version's object of a leg this version took over is that leg too (same id, it forwards here)
        if (leg == null || leg != endpoint && endpoint.engine() != null && !endpoint.engine().equals(context.engine())
                || leg.closed()) {
            throw new MediaException(MediaException.Kind.NO_SESSION, "media endpoint "
                    + (endpoint == null ? "null" : endpoint.id()) + " is closed or not a leg of the media engine '"
                    + context.engine() + "': only its own open legs can be mixed");
        }
        return leg;
    }

    public List<MediaEndpoint> list() {
        return List.copyOf(open.values());
    }

    /** Prompt files read from the disk so far. */
    public long promptReads() {
        return context.prompts().reads();
    }

    /** This version's leg {@code id} (after an update: the one taken over), if open. */
    public java.util.Optional<MediaEndpoint> find(String id) {
        return java.util.Optional.ofNullable(open.get(id));
    }

    /**
     * Instead of {@link #close} when the bundle is updated: every leg is written down for the next version, its
     * sockets paused (packets wait in the socket buffers), its digit collection and typed-ahead digits with it; the
     * old objects forward to the next version's legs, a prompt or tone playing goes on there where it was, and a
     * recording goes on into the same file (this version writes what it had, then lets go of the file before its
     * I/O threads stop). See {@link LegHandover}. The relay's hand-over carries the maps.
     */
    public List<Map<String, Object>> handOver() {
        closed = true;
        List<Map<String, Object>> states = new ArrayList<>();
        List<LegEndpoint> closing = new ArrayList<>();
        for (LegEndpoint leg : List.copyOf(open.values())) {
            Map<String, Object> state = null;
            try {
                state = LegHandover.handOver(leg);
            } catch (MediaException e) {
                LOG.warn("Media endpoint {} could not be handed over and is closed: {}", leg.id(), e.getMessage());
            }
            if (state == null) {
                closing.add(leg);
            } else {
                states.add(state);
                open.remove(leg.id(), leg);
            }
        }
        List<CompletableFuture<?>> writing = new ArrayList<>();
        for (Map<String, Object> state : states) {
            if (state.get("recordWriting") instanceof CompletableFuture<?> w) {
                writing.add(w); // this version's I/O threads write the file up to the hand-over, then let go of it
            }
        }
        closeAll(closing, writing);
        LOG.info("Media endpoints: {} leg(s) handed to the next version, {} closed", states.size(), closing.size());
        return states;
    }

    /**
     * Takes over the legs a previous version handed over: same ids, sockets and ports, RTP stream (SSRC, sequence,
     * timestamps), latch, typed-ahead digits and running collection; then their sockets read again. One that fails
     * is closed, not the rest.
     */
    public void takeOver(List<Map<String, Object>> states, Adopter adopter) {
        for (Map<String, Object> state : states) {
            LegHandover.takeOver(state, context, adopter, leg -> open.put(leg.id(), leg));
        }
        if (!states.isEmpty()) {
            LOG.info("Media endpoints: took over {} leg(s) from the previous version", open.size());
        }
    }

    /** Closes every leg (recordings are finished and kept), then waits a little for the files to be written. */
    @Override
    public void close() {
        closed = true;
        closeAll(List.copyOf(open.values()), new ArrayList<>());
    }

    /** Closes the legs, waits (bounded) for their recordings and for {@code writing}, then stops the I/O threads. */
    private void closeAll(List<LegEndpoint> legs, List<CompletableFuture<?>> writing) {
        for (LegEndpoint leg : legs) {
            leg.close();
            writing.add(leg.finishing());
        }
        try {
            CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Media endpoints: recordings still being written after 5 s are abandoned (left as .part files)");
        } catch (ExecutionException e) {
            LOG.debug("Media endpoints: a recording failed while closing", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
    }
}
