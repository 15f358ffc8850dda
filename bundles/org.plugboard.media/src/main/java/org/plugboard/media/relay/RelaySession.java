package org.plugboard.media.relay;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

import org.plugboard.api.media.CallRecorder;
import org.plugboard.api.media.CallRecording;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.MediaListener;
import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.media.Side;
import org.plugboard.api.media.StreamStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/**
 * The media of one call on the in-process relay. Signalling methods are serialized by a lock and run the state
 * changes ({@link Streams}, {@link PacketRelay}) on the session's event loop ({@link LoopCalls}), so the packet
 * path (on that loop) needs no locking. Sockets are bound off the loop, on the caller's thread: never call these
 * methods from a relay thread. After a hand-over to the next version of the bundle, every method forwards to that
 * version's session ({@link Successor}).
 */
public final class RelaySession implements MediaSession {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySession.class);

    private final String id;
    private final String callId;
    private final RelayGateway gateway;
    private final RelayConfig config;
    private final PortPool pool;
    private final LoopCalls onLoop;
    private final PacketRelay relay;
    private final ReentrantLock signalling = new ReentrantLock();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile MediaListener listener;
    private final ScheduledFuture<?> inactivityCheck;
    private final SessionRecording recording;
    /** Set when this session was handed to the next version of the bundle: from then on it does the work. */
    private volatile Successor successor;

    // Confined to the event loop.
    private final Streams streams;
    private boolean announced;

    RelaySession(String id, String callId, MediaListener listener, RelayGateway gateway, RelayConfig config,
            PortPool pool, EventLoop loop) {
        this.id = id;
        this.callId = callId;
        this.listener = listener;
        this.gateway = gateway;
        this.config = config;
        this.pool = pool;
        this.onLoop = new LoopCalls(loop);
        this.streams = new Streams(id);
        this.relay = new PacketRelay(this, config);
        this.recording = new SessionRecording(this, gateway.recordings());
        if (config.inactivityTimeoutSeconds() > 0) {
            long timeoutNanos = TimeUnit.SECONDS.toNanos(config.inactivityTimeoutSeconds());
            long period = Math.min(1000, Math.max(100, config.inactivityTimeoutSeconds() * 250L));
            inactivityCheck = loop.scheduleAtFixedRate(() -> relay.checkInactivity(timeoutNanos, streams.anyHeldBySdp()),
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
                successor.session().listener(listener);
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
        return successor.session().offer(from, sdp, fromAddress, toAddress);
    }

    /** Binds the new lines' port pairs here, then applies the offer on the loop; a failure leaks no port. */
    private String offerHere(Side from, String sdp, String fromAddress, String toAddress) throws MediaException {
        checkOpen();
        Sdp offer = Sdp.parse(sdp);
        if (offer.media().stream().noneMatch(MediaSection::relayable)) {
            throw new MediaException(Kind.NO_USABLE_MEDIA, "no m-line of the offer can be relayed: each has port 0 "
                    + "or a transport other than RTP/AVP(F), RTP/SAVP(F), UDP/TLS/RTP/SAVP(F) or udptl");
        }
        InetAddress advertised = gateway.advertised(config, toAddress);
        InetAddress signallingIp = Addresses.literal(fromAddress);
        List<Integer> needed = onLoop.call(() -> streams.needingPorts(offer));
        List<Endpoint[]> pairs = new ArrayList<>();
        try {
            for (int i = 0; i < needed.size(); i++) {
                Endpoint callerSide = gateway.allocate(Side.CALLER, pool, config, onLoop.loop(), relay);
                pairs.add(new Endpoint[] {callerSide, null});
                pairs.get(i)[1] = gateway.allocate(Side.CALLEE, pool, config, onLoop.loop(), relay);
            }
        } catch (MediaException e) {
            closeAll(pairs);
            throw e;
        }
        try {
            return onLoop.call(() -> {
                String rewritten = streams.offer(from, offer, signallingIp, advertised, needed, pairs);
                if (!announced) {
                    announced = true;
                    LOG.info("Media session {} (call {}) opened; ports {}", id, callId, streams.portsText());
                }
                return rewritten;
            });
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
                return onLoop.call(() -> {
                    String rewritten = streams.answer(from, answer, signallingIp, advertised);
                    if (streams.anyRelayed()) {
                        relay.arm();
                    }
                    return rewritten;
                });
            }
        } finally {
            signalling.unlock();
        }
        return successor.session().answer(from, sdp, fromAddress, toAddress);
    }

    @Override
    public void hold(Side side) throws MediaException {
        if (!hold(side, true)) {
            successor.session().hold(side);
        }
    }

    @Override
    public void resume(Side side) throws MediaException {
        if (!hold(side, false)) {
            successor.session().resume(side);
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
            onLoop.run(() -> relay.hold(side, held));
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
                return onLoop.call(streams::stats);
            }
        } finally {
            signalling.unlock();
        }
        return successor.session().stats();
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        signalling.lock();
        try {
            if (successor != null) {
                successor.release();
                return;
            }
            if (inactivityCheck != null) {
                inactivityCheck.cancel(false);
            }
            List<Future<Void>> closing = new ArrayList<>();
            String ports;
            try {
                ports = onLoop.call(() -> {
                    relay.detachTaps(true);
                    String text = streams.portsText();
                    closing.addAll(streams.closeAll());
                    return text;
                });
            } catch (MediaException e) {
                // The loop is gone (shut down): close from here, the channels are closed with it anyway.
                ports = "?";
                closing.addAll(streams.closeAll());
            }
            if (!onLoop.loop().inEventLoop()) {
                for (Future<Void> f : closing) {
                    f.awaitUninterruptibly(LoopCalls.TIMEOUT_MILLIS);
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

    @Override
    public CompletionStage<CallRecorder> record(CallRecording.Options options) {
        try {
            checkOpen();
            return successor == null ? recording.record(options) : successor.session().record(options);
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Optional<CallRecorder> recorder() {
        try {
            return successor == null ? recording.recorder() : successor.session().recorder();
        } catch (MediaException e) {
            return Optional.empty();
        }
    }

    // ---- taps: recorders and mixes (see MediaTap) ----

    /** The first relayed audio line; event loop only. */
    Stream firstAudio() {
        return streams.firstAudio();
    }

    /** Adds a tap on the event loop; fails with NO_SESSION once released or handed over. */
    public void addTap(MediaTap tap) throws MediaException {
        signalling.lock();
        try {
            checkOpen();
            if (successor != null) {
                throw new MediaException(Kind.NO_SESSION, "media session " + id + " was handed to a new version");
            }
            onLoop.run(() -> relay.addTap(tap));
        } finally {
            signalling.unlock();
        }
    }

    /** The last media payload type {@code side} sent on the first audio line: -1 none yet, -2 no audio line. Loop only. */
    public int lastAudioPayloadType(Side side) {
        Stream stream = streams.firstAudio();
        return stream == null ? -2 : stream.endpoint(side) == null ? -1 : stream.endpoint(side).lastPayloadType();
    }

    /** A third party mixed in by the engine's {@link SessionMixer}; after a hand-over, by the next version's. */
    @Override
    public CompletionStage<SessionMix> mix(MediaEndpoint third, SessionMix.Mode mode, Side party, boolean warn) {
        SessionMixer mixer = gateway.mixer();
        try {
            return successor != null ? successor.session().mix(third, mode, party, warn)
                    : mixer != null ? mixer.mix(this, third, mode, party, warn) : MediaSession.super.mix(third, mode, party, warn);
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Removes a tap, on the event loop (from any thread, without waiting). */
    public void removeTap(MediaTap tap) {
        onLoop.loop().execute(() -> relay.removeTap(tap));
    }

    /** The session's event loop: where taps run and where {@link #sendRtp} must be called. */
    public io.netty.channel.EventLoop loop() {
        return onLoop.loop();
    }

    /**
     * Sends an RTP packet of a tap's own (a mix) to the party on {@code to}, out of the relay's port that party talks
     * to, on the first audio line. Event loop only. Takes the buffer (released when sent or dropped); false when that
     * party has no address yet or is held.
     */
    public boolean sendRtp(Side to, io.netty.buffer.ByteBuf packet) {
        Stream stream = streams.firstAudio();
        Endpoint endpoint = stream == null ? null : stream.endpoint(to);
        java.net.InetSocketAddress destination = endpoint == null || !endpoint.active ? null : endpoint.rtpDestination();
        if (destination == null || relay.held(to)) {
            packet.release();
            return false;
        }
        endpoint.rtp.writeAndFlush(new io.netty.channel.socket.DatagramPacket(packet, destination), endpoint.rtp.voidPromise());
        endpoint.packetsOut++;
        endpoint.bytesOut += packet.readableBytes();
        return true;
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
            onLoop.run(() -> {
                streams.pauseReading();
                relay.detachTaps(false);
            });
            // A second task: a read Netty had already queued when reading was paused runs before it, with this
            // version's handler, so the state below includes that packet.
            Map<String, Object> state = onLoop.call(this::saveOnLoop);
            recording.handOver(state); // file I/O: here, not on the loop
            Successor next = new Successor();
            next.writeInto(state);
            successor = next;
            return state;
        } finally {
            signalling.unlock();
        }
    }

    /** The session as maps of JDK, API and Netty values ({@link HandoverState}: no class of this bundle). */
    private Map<String, Object> saveOnLoop() {
        Map<String, Object> state = new HashMap<>();
        state.put("id", id);
        state.put("callId", callId);
        state.put("listener", listener);
        state.put("config", HandoverState.config(config));
        state.put("loop", onLoop.loop());
        streams.save(state);
        state.put("announced", announced);
        state.put("relay", relay.save());
        return state;
    }

    /**
     * Takes over what a previous version handed over: the streams with their latches and counters, and the
     * sockets, whose handler becomes this version's; then reading starts again. {@code claim} counts each port
     * pair in this version's pool.
     */
    @SuppressWarnings("unchecked")
    void takeOver(Map<String, Object> state, IntFunction<PortPool> claim) throws MediaException {
        MediaTap recorder = recording.takeOver(state); // the file re-opened here, off the loop
        try {
            onLoop.run(() -> {
                announced = (Boolean) state.get("announced");
                relay.restore((Map<String, Object>) state.get("relay"));
                if (recorder != null) {
                    relay.addTap(recorder); // before reading starts again: no packet passes unrecorded
                }
                streams.restore(state, claim, relay);
            });
        } catch (MediaException | RuntimeException e) {
            recording.end(); // the session is closed by the gateway: its recording ends with it
            throw e;
        }
    }

    // ---- plumbing ----

    private void checkOpen() throws MediaException {
        if (released.get()) {
            throw new MediaException(Kind.NO_SESSION, "media session " + id + " is released");
        }
    }

    /** Pairs bound for an offer that did not go through: closed, their ports back in the pool. */
    private static void closeAll(List<Endpoint[]> pairs) {
        for (Endpoint[] pair : pairs) {
            for (Endpoint e : pair) {
                if (e != null) {
                    e.close().awaitUninterruptibly(LoopCalls.TIMEOUT_MILLIS);
                }
            }
        }
    }
}
