package org.plugboard.media.endpoint;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
import org.plugboard.media.audio.FrameSource;
import org.plugboard.media.relay.Addresses;
import org.plugboard.media.relay.BoundPair;
import org.plugboard.media.relay.LoopCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;

/**
 * A leg the engine terminates ({@link MediaEndpoint}). All its state lives on one event loop: the SDP methods run
 * there and are awaited ({@link LoopCalls}); the media operations are submitted there and complete from there (a
 * recording from the I/O executor, once its file is written). Packets in go to the DTMF receiver and the recorder;
 * packets out come from the {@link Player} on the loop's timer.
 */
final class LegEndpoint implements MediaEndpoint, Player.Out, LegMix {
    private static final Logger LOG = LoggerFactory.getLogger(LegEndpoint.class);

    private final String id;
    private final String callId;
    private final Side side;
    private final EndpointContext context;
    private final EventLoop loop;
    private final LoopCalls onLoop;
    private final Timers timers;
    private final LegGate gate;
    private final AtomicLong outputs = new AtomicLong();
    private volatile BoundPair pair;
    private volatile AudioEncoding law;
    private volatile int ptime = EndpointSdp.DEFAULT_PTIME;
    /** Set by {@link #close}: completes when a recording that was running is written. */
    private volatile CompletableFuture<?> finishing = CompletableFuture.completedFuture(null);
    /** The mix this leg is in (a conference, a call's third party): it hears the leg and speaks for it. */
    private volatile LegMix.Input mix;

    // Loop-confined.
    private final PeerLatch latch;
    private final LegWire wire;
    private final LegMedia media;
    private final LegSdp sdp;

    LegEndpoint(String id, String callId, Side side, EventLoop loop, EndpointContext context) {
        this.id = id;
        this.callId = callId;
        this.side = side;
        this.loop = loop;
        this.context = context;
        this.onLoop = new LoopCalls(loop);
        this.gate = new LegGate(id, loop);
        this.timers = Timers.of(loop);
        this.latch = new PeerLatch(context.config().get().latchAnyAddress(), context.config().get().relatchAfterMillis());
        this.wire = new LegWire(latch);
        this.media = new LegMedia(id, loop, timers, context.io());
        this.sdp = new LegSdp(id);
    }

    void attach(BoundPair bound) {
        this.pair = bound;
    }

    int port() {
        return pair.rtpPort();
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
    public Side side() {
        return side;
    }

    @Override
    public String engine() {
        return context.engine();
    }

    @Override
    public AudioEncoding encoding() {
        MediaEndpoint next = gate.successor() == null ? null : gate.successor().now();
        return next != null ? next.encoding() : law;
    }

    @Override
    public int ptime() {
        MediaEndpoint next = gate.successor() == null ? null : gate.successor().now();
        return next != null ? next.ptime() : ptime;
    }

    // ---- offer/answer ----

    @Override
    public String answer(String offer, String fromAddress, String toAddress) throws MediaException {
        if (gate.successor() != null) {
            return gate.successor().leg().answer(offer, fromAddress, toAddress);
        }
        gate.checkOpen();
        InetAddress advertised = context.advertised().apply(toAddress);
        InetAddress signalling = Addresses.literal(fromAddress);
        return onLoop.call(() -> {
            gate.checkHere();
            apply(sdp.offered(offer, law), signalling);
            return sdp.answer(advertised, port());
        });
    }

    @Override
    public String offer(String toAddress) throws MediaException {
        if (gate.successor() != null) {
            return gate.successor().leg().offer(toAddress);
        }
        gate.checkOpen();
        InetAddress advertised = context.advertised().apply(toAddress);
        return onLoop.call(() -> {
            gate.checkHere();
            return sdp.offer(advertised, port());
        });
    }

    @Override
    public void answered(String answer, String fromAddress) throws MediaException {
        if (gate.successor() != null) {
            gate.successor().leg().answered(answer, fromAddress);
            return;
        }
        gate.checkOpen();
        InetAddress signalling = Addresses.literal(fromAddress);
        onLoop.run(() -> {
            gate.checkHere();
            apply(sdp.answered(answer), signalling);
        });
    }

    private void apply(EndpointSdp.Peer p, InetAddress signalling) {
        law = p.law();
        ptime = p.ptime();
        latch.peer(p.section().address(), p.section().port(), signalling);
        LOG.info("Media endpoint {} (call {}, {}): {} {} ms, telephone-event {}, peer {}:{} {}", id, callId, side, law,
                ptime, p.telephoneEventPt() < 0 ? "none" : p.telephoneEventPt(), p.section().address(),
                p.section().port(), p.direction());
    }

    // ---- media operations ----

    @Override
    public CompletionStage<Playback> play(Path wav, String stopDigits) {
        return output(() -> FrameSource.of(context.prompts().get(wav)), stopDigits, e -> e.play(wav, stopDigits));
    }

    @Override
    public CompletionStage<Playback> tone(Tone tone, String country, Duration length, String stopDigits) {
        long millis = length == null ? 0 : Math.max(1, length.toMillis());
        return output(() -> FrameSource.of(context.tones().audio(tone, country), millis), stopDigits,
                e -> e.tone(tone, country, length, stopDigits));
    }

    /** Something that reads or renders audio on the I/O executor. */
    private interface SourceMaker {
        FrameSource make() throws MediaException;
    }

    private CompletionStage<Playback> output(SourceMaker maker, String stopDigits, LegSuccessor.Op<Playback> forward) {
        CompletableFuture<Playback> done = new CompletableFuture<>();
        long order = outputs.incrementAndGet();
        if (gate.successor() != null) {
            return gate.successor().forward(done, forward);
        }
        if (gate.failedClosed(done)) {
            return done;
        }
        CompletableFuture.supplyAsync(() -> {
            try {
                return maker.make();
            } catch (MediaException e) {
                throw new CompletionException(e);
            }
        }, context.io()).whenComplete((source, error) -> gate.onLoop(done, forward, () -> {
            if (error != null) {
                done.completeExceptionally(error.getCause() != null ? error.getCause() : error);
            } else if (negotiated(done)) {
                media.output(order, source, stopDigits, ptime, this, done);
            }
        }));
        return done;
    }

    @Override
    public CompletionStage<Digits> collect(DigitCollection collection) {
        CompletableFuture<Digits> done = new CompletableFuture<>();
        gate.onLoop(done, e -> e.collect(collection), () -> media.collect(collection, done));
        return done;
    }

    @Override
    public CompletionStage<Recording> record(Path wav, Recording.Options options) {
        CompletableFuture<Recording> done = new CompletableFuture<>();
        gate.onLoop(done, e -> e.record(wav, options), () -> {
            if (negotiated(done)) {
                media.record(wav, options, law, done);
            }
        });
        return done;
    }

    @Override
    public void receivedDigit(char digit) {
        if (gate.successor() != null) {
            gate.successor().later(e -> e.receivedDigit(digit));
        } else if (Digits.ALL.indexOf(digit) >= 0 && !gate.isClosed()) {
            loop.execute(() -> {
                if (gate.successor() == null) {
                    media.digit(digit);
                } else {
                    gate.successor().later(e -> e.receivedDigit(digit));
                }
            });
        }
    }

    // ---- the packet path (event loop) ----

    void receive(DatagramPacket packet) {
        wire.receive(packet, sdp.peer(), gate.isClosed(), receiver);
    }

    /** What the wire sorted out of the packets: digits to the operations, audio to the mix and the recorder. */
    private final LegWire.Receiver receiver = new LegWire.Receiver() {
        @Override
        public void digit(char d) {
            media.digit(d);
        }

        @Override
        public void audio(long ssrc, long timestamp, int pt, ByteBuf payload) {
            LegMix.Input m = mix;
            if (m != null) {
                m.audio(ssrc, timestamp, pt, payload);
            }
            media.audio(ssrc, timestamp, payload, pt == 0 ? AudioEncoding.PCMU : AudioEncoding.PCMA);
        }
    };

    @Override
    public void send(byte[] frame) {
        if (mix == null) { // while mixed a prompt keeps its time, but the mix speaks
            transmit(frame);
        }
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public void mixInto(LegMix.Input input) {
        mix = input;
    }

    @Override
    public void sendMixed(byte[] payload) {
        if (mix != null) {
            transmit(payload);
        }
    }

    private void transmit(byte[] frame) {
        wire.transmit(pair, sdp.peer(), law, frame, gate.isClosed());
    }

    @Override
    public AudioEncoding law() {
        return law;
    }

    @Override
    public void talkspurt() {
        wire.talkspurt();
    }

    // ---- bundle update: what LegHandover writes down and restores, on the loop ----

    BoundPair pair() {
        return pair;
    }

    LegSdp sdp() {
        return sdp;
    }

    LegWire wire() {
        return wire;
    }

    LegMedia media() {
        return media;
    }

    boolean isClosed() {
        return gate.isClosed();
    }

    /** The leg was written down for the next version: from now on this object forwards to that version's leg. */
    void forwardTo(LegSuccessor next) {
        gate.forwardTo(next);
    }

    /** A previous version's negotiated codec and packet time. */
    void negotiated(AudioEncoding law, int ptime) {
        this.law = law;
        this.ptime = ptime;
    }

    // ---- closing ----

    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        if (gate.successor() != null) {
            gate.successor().close(); // the next version closes its leg (now, or as soon as it took it over)
            return;
        }
        try {
            finishing = onLoop.call(() -> media.stopAll(new MediaException(Kind.NO_SESSION,
                    "media endpoint " + id + " (call " + callId + ") closed")));
        } catch (MediaException e) {
            LOG.debug("Media endpoint {}: its loop is gone ({}); closing from here", id, e.getMessage());
        }
        LegMix.Input m = mix;
        mix = null;
        if (m != null) {
            m.legClosed();
        }
        BoundPair bound = pair;
        if (bound != null) {
            io.netty.util.concurrent.Future<Void> closing = bound.close();
            if (!loop.inEventLoop()) {
                closing.awaitUninterruptibly(LoopCalls.TIMEOUT_MILLIS);
            }
        }
        context.closed().accept(this);
        LOG.info("Media endpoint {} (call {}) closed; port {}, {}", id, callId, bound == null ? "-" : bound.rtpPort(),
                wire.counters());
    }

    CompletableFuture<?> finishing() {
        return finishing;
    }

    @Override
    public boolean closed() {
        MediaEndpoint next = gate.successor() == null ? null : gate.successor().now();
        return next != null ? next.closed() : gate.isClosed() || gate.successor() != null && gate.successor().gone();
    }

    // ---- plumbing ----

    private boolean negotiated(CompletableFuture<?> done) {
        if (law == null) {
            done.completeExceptionally(new MediaException(Kind.NO_USABLE_MEDIA, "media endpoint " + id
                    + " has no codec yet: give it the peer's offer (answer) or an answer to its offer first"));
            return false;
        }
        return true;
    }
}
