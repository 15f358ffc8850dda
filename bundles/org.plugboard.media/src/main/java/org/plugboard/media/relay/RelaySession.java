package org.plugboard.media.relay;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * The media of one call on the in-process relay. Signalling methods are serialized by a lock and run the state
 * changes on the session's event loop, so the packet path (on that loop) needs no locking. Sockets are bound off
 * the loop, on the caller's thread: never call these methods from a relay thread.
 */
final class RelaySession implements MediaSession {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);
    private static final long LOOP_TIMEOUT_MILLIS = 5000;

    private final String id;
    private final String callId;
    private final RelayGateway gateway;
    private final RelayConfig config;
    private final PortPool pool;
    private final EventLoop loop;
    private final PacketRelay relay;
    private final ReentrantLock signalling = new ReentrantLock();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile MediaListener listener;
    private final ScheduledFuture<?> inactivityCheck;
    /**
     * Set when this session was handed to the next version of the bundle: from then on that version's session
     * (same id, same sockets) does the work, and this one forwards every call to it, for callers that still hold
     * this object. Completed with null if nobody took the session over.
     */
    private volatile CompletableFuture<MediaSession> successor;
    /** Set by {@link #release()} after the hand-over, for the next version to release its session. */
    private volatile AtomicBoolean releaseRequested;

    // Confined to the event loop.
    private final List<Stream> streams = new ArrayList<>();
    private Sdp lastOffer;
    private Side lastOfferFrom;
    private boolean announced;

    RelaySession(String id, String callId, MediaListener listener, RelayGateway gateway, RelayConfig config,
            PortPool pool, EventLoop loop) {
        this.id = id;
        this.callId = callId;
        this.listener = listener;
        this.gateway = gateway;
        this.config = config;
        this.pool = pool;
        this.loop = loop;
        this.relay = new PacketRelay(this, config);
        if (config.inactivityTimeoutSeconds() > 0) {
            long timeoutNanos = TimeUnit.SECONDS.toNanos(config.inactivityTimeoutSeconds());
            long period = Math.min(1000, Math.max(100, config.inactivityTimeoutSeconds() * 250L));
            inactivityCheck = loop.scheduleAtFixedRate(() -> relay.checkInactivity(timeoutNanos, anyHeldBySdp()),
                    period, period, TimeUnit.MILLISECONDS);
        } else {
            inactivityCheck = null;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String engine() {
        return gateway.engine();
    }

    MediaListener listenerNow() {
        return listener;
    }

    @Override
    public void listener(MediaListener listener) {
        this.listener = listener;
        if (successor != null) {
            try {
                next().listener(listener);
            } catch (MediaException e) {
                LOG.warn("Media session {}: the new listener could not be passed on: {}", id, e.getMessage());
            }
        }
    }

    @Override
    public String offer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        signalling.lock();
        try {
            if (successor == null) {
                return offerHere(from, sdp, fromAddress, toAddress);
            }
        } finally {
            signalling.unlock();
        }
        return next().offer(from, sdp, fromAddress, toAddress);
    }

    private String offerHere(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        checkOpen();
        Sdp offer = Sdp.parse(sdp);
        if (offer.media().stream().noneMatch(MediaSection::relayable)) {
            throw new MediaException(Kind.NO_USABLE_MEDIA, "no m-line of the offer can be relayed: each has port 0 "
                    + "or a transport other than RTP/AVP(F), RTP/SAVP(F), UDP/TLS/RTP/SAVP(F) or udptl");
        }
        InetAddress advertised = gateway.advertised(config, toAddress);
        InetAddress signallingIp = Addresses.literal(fromAddress);
        List<Integer> needed = onLoop(() -> linesNeedingPorts(offer));
        List<Endpoint[]> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < needed.size(); i++) {
                Endpoint callerSide = gateway.allocate(Side.CALLER, pool, config, loop, relay);
                pairs.add(new Endpoint[] {callerSide, null});
                pairs.get(i)[1] = gateway.allocate(Side.CALLEE, pool, config, loop, relay);
            }
        } catch (MediaException e) {
            closeAll(pairs);
            throw e;
        }
        try {
            return onLoop(() -> applyOffer(from, offer, signallingIp, advertised, needed, pairs));
        } catch (MediaException e) {
            closeAll(pairs); // idempotent: pairs the loop installed are closed once
            throw e;
        }
    }

    @Override
    public String answer(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        signalling.lock();
        try {
            if (successor == null) {
                checkOpen();
                Sdp answer = Sdp.parse(sdp);
                InetAddress advertised = gateway.advertised(config, toAddress);
                InetAddress signallingIp = Addresses.literal(fromAddress);
                return onLoop(() -> applyAnswer(from, answer, signallingIp, advertised));
            }
        } finally {
            signalling.unlock();
        }
        return next().answer(from, sdp, fromAddress, toAddress);
    }

    @Override
    public void hold(Side side) throws MediaException {
        if (!hold(side, true)) {
            next().hold(side);
        }
    }

    @Override
    public void resume(Side side) throws MediaException {
        if (!hold(side, false)) {
            next().resume(side);
        }
    }

    /** False when the session lives in the next version now. */
    private boolean hold(Side side, boolean held) throws MediaException {
        signalling.lock();
        try {
            if (successor != null) {
                return false;
            }
            checkOpen();
            onLoop(() -> {
                relay.hold(side, held);
                return null;
            });
            return true;
        } finally {
            signalling.unlock();
        }
    }

    @Override
    public List<StreamStats> stats() throws MediaException {
        signalling.lock();
        try {
            if (successor == null) {
                checkOpen();
                return onLoop(this::snapshot);
            }
        } finally {
            signalling.unlock();
        }
        return next().stats();
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        signalling.lock();
        try {
            if (successor != null) {
                releaseHandedOver();
                return;
            }
            if (inactivityCheck != null) {
                inactivityCheck.cancel(false);
            }
            List<Future<Void>> closing = new ArrayList<>();
            String ports;
            try {
                ports = onLoop(() -> {
                    String text = portsText();
                    for (Stream s : streams) {
                        closing.addAll(closeStream(s));
                    }
                    return text;
                });
            } catch (MediaException e) {
                // The loop is gone (shut down): close from here, the channels are closed with it anyway.
                ports = "?";
                for (Stream s : streams) {
                    closing.addAll(closeStream(s));
                }
            }
            if (!loop.inEventLoop()) {
                for (Future<Void> f : closing) {
                    f.awaitUninterruptibly(LOOP_TIMEOUT_MILLIS);
                }
            }
            LOG.info("Media session {} (call {}) released; ports {}", id, callId, ports);
        } finally {
            signalling.unlock();
            gateway.forget(this);
        }
    }

    boolean released() {
        return released.get();
    }

    // ---- bundle update: hand-over to the next version and take-over from the previous one ----

    /**
     * Stops this session here and writes it down for the next version: reading stops on every socket (packets
     * wait in the socket buffers), the inactivity timer stops, and every later call goes to the successor. Null
     * if the session was released meanwhile.
     */
    Map<String, Object> handOver() throws MediaException {
        signalling.lock();
        try {
            if (released.get()) {
                return null;
            }
            if (inactivityCheck != null) {
                inactivityCheck.cancel(false);
            }
            onLoop(this::pauseReading);
            // A second task: a read Netty had already queued when reading was paused runs before it, with this
            // version's handler, so the state below includes that packet.
            Map<String, Object> state = onLoop(this::saveOnLoop);
            CompletableFuture<MediaSession> next = new CompletableFuture<>();
            AtomicBoolean release = new AtomicBoolean();
            state.put("successor", next);
            state.put("releaseRequested", release);
            releaseRequested = release;
            successor = next;
            return state;
        } finally {
            signalling.unlock();
        }
    }

    /** Packets wait in the socket buffers from now on, until the next version reads them. */
    private Void pauseReading() {
        for (Stream s : streams) {
            for (Endpoint e : new Endpoint[] {s.caller, s.callee}) {
                if (e != null) {
                    e.rtp.config().setAutoRead(false);
                    e.rtcp.config().setAutoRead(false);
                }
            }
        }
        return null;
    }

    private Map<String, Object> saveOnLoop() {
        List<Map<String, Object>> saved = new ArrayList<>();
        for (Stream s : streams) {
            saved.add(HandoverState.stream(s));
        }
        Map<String, Object> state = new HashMap<>();
        state.put("id", id);
        state.put("callId", callId);
        state.put("listener", listener);
        state.put("config", HandoverState.config(config));
        state.put("loop", loop);
        state.put("streams", saved);
        state.put("lastOffer", lastOffer == null ? null : lastOffer.toString());
        state.put("lastOfferFrom", lastOfferFrom);
        state.put("announced", announced);
        state.put("relay", relay.save());
        return state;
    }

    /**
     * Takes over what a previous version handed over: the streams with their latches and counters, and the
     * sockets, whose handler becomes this version's; then reading starts again. {@code claim} counts each port
     * pair in this version's pool.
     */
    void takeOver(Map<String, Object> state, IntFunction<PortPool> claim) throws MediaException {
        onLoop(() -> {
            takeOverOnLoop(state, claim);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private void takeOverOnLoop(Map<String, Object> state, IntFunction<PortPool> claim) throws MediaException {
        String offer = (String) state.get("lastOffer");
        lastOffer = offer == null ? null : Sdp.parse(offer);
        lastOfferFrom = (Side) state.get("lastOfferFrom");
        announced = (Boolean) state.get("announced");
        relay.restore((Map<String, Object>) state.get("relay"));
        for (Map<String, Object> saved : (List<Map<String, Object>>) state.get("streams")) {
            Stream s = HandoverState.stream(saved, claim);
            streams.add(s);
            for (Endpoint e : new Endpoint[] {s.caller, s.callee}) {
                if (e != null) {
                    resumeOn(e.rtp, new PacketHandler(relay, e, false));
                    resumeOn(e.rtcp, new PacketHandler(relay, e, true));
                }
            }
        }
    }

    /** This version's handler in place of the previous one (the only one in the pipeline), then read again. */
    private static void resumeOn(Channel channel, PacketHandler handler) {
        ChannelPipeline pipeline = channel.pipeline();
        ChannelHandler previous = pipeline.first();
        if (previous == null) {
            pipeline.addLast(handler);
        } else {
            pipeline.replace(previous, null, handler);
        }
        channel.config().setAutoRead(true);
    }

    /** The session that lives in the next version now; waits (bounded) while the update is under way. */
    private MediaSession next() throws MediaException {
        CompletableFuture<MediaSession> future = successor;
        MediaSession next;
        try {
            next = future.get(LOOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the media relay is being updated; try again", e);
        } catch (ExecutionException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the media relay's update failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(Kind.ENGINE_FAILURE, "interrupted", e);
        }
        if (next == null) {
            throw new MediaException(Kind.NO_SESSION, "the media session was closed: no new version of the relay took it over");
        }
        return next;
    }

    /** Released after the hand-over: the next version releases its session, now or when it takes it over. */
    private void releaseHandedOver() {
        releaseRequested.set(true);
        MediaSession next = successor.getNow(null);
        if (next != null) {
            next.release();
        }
    }

    // ---- on the event loop ----

    private List<Integer> linesNeedingPorts(Sdp offer) {
        List<Integer> needed = new ArrayList<>();
        for (MediaSection m : offer.media()) {
            if (m.relayable() && (m.index() >= streams.size() || !streams.get(m.index()).relayed())) {
                needed.add(m.index());
            }
        }
        return needed;
    }

    private String applyOffer(Side from, Sdp offer, InetAddress signallingIp, InetAddress advertised,
            List<Integer> needed, List<Endpoint[]> pairs) {
        int count = offer.media().size();
        int[] rtp = new int[count];
        int[] rtcp = new int[count];
        for (MediaSection m : offer.media()) {
            while (streams.size() <= m.index()) {
                streams.add(new Stream(streams.size()));
            }
            Stream stream = streams.get(m.index());
            int n = needed.indexOf(m.index());
            if (n >= 0) {
                install(stream, pairs.get(n));
            } else if (!m.relayable() && stream.relayed()) {
                closeStream(stream); // a re-offer disables the line: its ports go back
            }
            stream.transport(m);
            stream.offeredMux = m.relayable() && m.rtcpMux();
            if (stream.relayed()) {
                stream.endpoint(from).peer(m, signallingIp);
                Endpoint receiver = stream.endpoint(from.other());
                rtp[m.index()] = receiver.rtpPort;
                rtcp[m.index()] = receiver.rtcpPort();
            }
        }
        while (streams.size() > count) {
            closeStream(streams.remove(streams.size() - 1));
        }
        lastOffer = offer;
        lastOfferFrom = from;
        if (!announced) {
            announced = true;
            LOG.info("Media session {} (call {}) opened; ports {}", id, callId, portsText());
        }
        return SdpRewriter.rewrite(offer, advertised, rtp, rtcp);
    }

    private String applyAnswer(Side from, Sdp answer, InetAddress signallingIp, InetAddress advertised)
            throws MediaException {
        if (lastOffer == null) {
            throw Sdp.bad("an answer from the " + from + " side, but no offer was made");
        }
        if (lastOfferFrom == from) {
            throw Sdp.bad("an answer from the " + from + " side, which made the offer");
        }
        int count = answer.media().size();
        if (count > lastOffer.media().size()) {
            throw Sdp.bad("the answer has " + count + " m-lines, the offer " + lastOffer.media().size());
        }
        int[] rtp = new int[count];
        int[] rtcp = new int[count];
        for (int i = 0; i < lastOffer.media().size(); i++) {
            Stream stream = streams.get(i);
            MediaSection m = i < count ? answer.media().get(i) : null;
            if (stream.relayed() && m != null && m.relayable()) {
                stream.mux = stream.offeredMux && m.rtcpMux();
                stream.endpoint(from).peer(m, signallingIp);
                Endpoint receiver = stream.endpoint(from.other());
                rtp[i] = receiver.rtpPort;
                rtcp[i] = receiver.rtcpPort();
            } else if (stream.relayed()) {
                LOG.debug("Session {}: m-line {} ({}) refused by the answer", id, i, stream.media);
                closeStream(stream);
            }
        }
        if (streams.stream().anyMatch(Stream::relayed)) {
            relay.arm();
        }
        return SdpRewriter.rewrite(answer, advertised, rtp, rtcp);
    }

    private static void install(Stream stream, Endpoint[] pair) {
        stream.caller = pair[0];
        stream.callee = pair[1];
        for (Endpoint e : pair) {
            e.stream = stream;
            e.active = true;
        }
    }

    /** Gives the line's ports back; the line stays, refused (port 0), until a re-offer enables it again. */
    private static List<Future<Void>> closeStream(Stream stream) {
        List<Future<Void>> closing = new ArrayList<>(2);
        if (stream.caller != null) {
            closing.add(stream.caller.close());
        }
        if (stream.callee != null) {
            closing.add(stream.callee.close());
        }
        stream.caller = null;
        stream.callee = null;
        return closing;
    }

    private boolean anyHeldBySdp() {
        for (Stream s : streams) {
            if (s.relayed() && s.heldBySdp()) {
                return true;
            }
        }
        return false;
    }

    private List<StreamStats> snapshot() {
        List<StreamStats> stats = new ArrayList<>();
        for (Side side : Side.values()) {
            for (Stream s : streams) {
                Endpoint e = s.endpoint(side);
                if (e == null || !e.active) {
                    stats.add(new StreamStats(side, s.index, s.media, 0, "", false, 0, 0, 0, 0, 0, 0, 0, 0));
                } else {
                    stats.add(new StreamStats(side, s.index, s.media, e.rtpPort, e.remote(), e.rtpLatch.source != null,
                            e.packetsIn, e.bytesIn, e.packetsOut, e.bytesOut, e.dropped,
                            s.udptl ? -1 : e.receive.lost(), s.udptl ? -1 : e.receive.jitterMillis(), e.lastPacketMillis));
                }
            }
        }
        return stats;
    }

    private String portsText() {
        StringBuilder b = new StringBuilder();
        for (Stream s : streams) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(s.media.isEmpty() ? "m" + s.index : s.media).append(' ');
            if (s.relayed()) {
                b.append("caller ").append(s.caller.rtpPort).append('/').append(s.caller.rtcpPort())
                        .append(" callee ").append(s.callee.rtpPort).append('/').append(s.callee.rtcpPort());
            } else {
                b.append("refused");
            }
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    // ---- plumbing ----

    private void checkOpen() throws MediaException {
        if (released.get()) {
            throw new MediaException(Kind.NO_SESSION, "media session " + id + " is released");
        }
    }

    private <T> T onLoop(Callable<T> task) throws MediaException {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (MediaException e) {
                throw e;
            } catch (Exception e) {
                throw new MediaException(Kind.ENGINE_FAILURE, "relay failure: " + e, e);
            }
        }
        try {
            return loop.submit(task).get(LOOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MediaException m) {
                throw m;
            }
            throw new MediaException(Kind.ENGINE_FAILURE, "relay failure: " + e.getCause(), e.getCause());
        } catch (RejectedExecutionException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the relay is shut down", e);
        } catch (TimeoutException e) {
            throw new MediaException(Kind.ENGINE_FAILURE, "the relay did not answer in " + LOOP_TIMEOUT_MILLIS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(Kind.ENGINE_FAILURE, "interrupted", e);
        }
    }

    private static void closeAll(List<Endpoint[]> pairs) {
        for (Endpoint[] pair : pairs) {
            for (Endpoint e : pair) {
                if (e != null) {
                    e.close().awaitUninterruptibly(LOOP_TIMEOUT_MILLIS);
                }
            }
        }
    }
}
