package org.plugboard.media.mix;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.Beep;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.media.Side;
import org.plugboard.media.endpoint.RtpIn;
import org.plugboard.media.relay.MediaTap;
import org.plugboard.media.relay.RelaySession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;

/**
 * A third party in a relayed call ({@link SessionMix}): a {@link MediaTap} that takes both parties' G.711 audio
 * from the relay, and a {@link Mixer} on the session's loop that sends the caller side B + third, the callee side
 * A + third, and the third party's leg A + B. Each party gets a stream of its own ({@link RtpWriter}), in the law and
 * packet time it sends. When it ends the tap is gone and the relay forwards as before.
 */
final class CallMix implements SessionMix, MediaTap {
    private static final Logger LOG = LoggerFactory.getLogger(CallMix.class);

    private final RelaySession session;
    private final LegFeed third;
    private final Side party;
    private final Mixing mixing;
    private final Mixer mixer = new Mixer();
    private final Mixer.Member caller;
    private final Mixer.Member callee;
    /** A JDK type: across a bundle update the next version's mix completes the same future. */
    private final CompletableFuture<Void> ended;
    private final AudioEncoding[] laws;
    /** Set when the mix was handed to the next version of the bundle: that version's mix does the work. */
    private volatile CompletableFuture<SessionMix> successor;
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile Mode mode;
    private volatile ScheduledFuture<?> ticker;

    CallMix(RelaySession session, org.plugboard.media.endpoint.LegMix thirdLeg, Mode mode, Side party,
            AudioEncoding[] laws, Mixing mixing, CompletableFuture<Void> ended) {
        this.session = session;
        this.ended = ended;
        this.laws = laws;
        this.party = party;
        this.mixing = mixing;
        this.third = new LegFeed(thirdLeg, this::end);
        this.caller = new Mixer.Member("caller", new MemberOutput(sideSink(Side.CALLER), laws[0], 20), true);
        this.callee = new Mixer.Member("callee", new MemberOutput(sideSink(Side.CALLEE), laws[1], 20), true);
        third.member.hearsBeeps = false;
        mixer.add(caller);
        mixer.add(callee);
        mixer.add(third.member);
        mode(mode);
    }

    private MemberOutput.Sink sideSink(Side side) {
        RtpWriter writer = new RtpWriter();
        return (payload, length, law) -> session.sendRtp(side,
                writer.packet(io.netty.buffer.PooledByteBufAllocator.DEFAULT, law.payloadType(), payload, length));
    }

    /** Starts mixing on the session's loop: from the next tick the parties hear the mix. */
    void start(boolean warn) {
        if (warn) {
            beep(Beep.WARNING);
        }
        third.leg.mixInto(third);
        ticker = session.loop().scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
        if (third.leg.closed()) {
            end(); // closed while the mix started: its close did not see the mix
            return;
        }
        LOG.info("Media session {}: {} mixed in ({}, for the {} side{})", session.id(), third.leg.id(), mode, party,
                warn ? ", warning beep" : "");
    }

    private void tick() {
        try {
            mixer.tick();
        } catch (RuntimeException e) {
            LOG.error("Media session {}: a mixing step failed; the mix ends", session.id(), e);
            end();
        }
    }

    // ---- the tap, on the session's loop ----

    @Override
    public boolean rtp(Side from, ByteBuf packet, long nowNanos) {
        int start = packet.readerIndex();
        int pt = packet.getUnsignedByte(start + 1) & 0x7f;
        if (over.get() || (pt != 0 && pt != 8)) {
            return true; // not G.711: relayed as it is (the mix cannot decode it)
        }
        ByteBuf payload = RtpIn.payload(packet);
        if (payload != null) {
            Mixer.Member member = from == Side.CALLER ? caller : callee;
            member.inbox.offer(packet.getUnsignedInt(start + 8), packet.getUnsignedInt(start + 4), pt, payload);
        }
        return false;
    }

    @Override
    public void detached(boolean released) {
        finish(released ? "the session was released" : "the session was handed to a new version of the bundle");
    }

    // ---- SessionMix ----

    @Override
    public Side party() {
        return party;
    }

    @Override
    public String endpointId() {
        return third.leg.id();
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public void mode(Mode next) {
        if (successor != null) {
            later(m -> m.mode(next));
        }
        Mixer.Member held = party == Side.CALLER ? callee : caller;
        Mixer.Member kept = held == caller ? callee : caller;
        third.member.heard = next != Mode.LISTEN;
        kept.heard = true;
        kept.hears = true;
        held.heard = next != Mode.PRIVATE;
        held.hears = next != Mode.PRIVATE;
        mode = next;
    }

    @Override
    public void beep(Beep beep) {
        if (successor != null) {
            later(m -> m.beep(beep));
            return;
        }
        try {
            session.loop().execute(() -> mixer.beep(beep));
        } catch (RejectedExecutionException e) {
            // the engine is stopping
        }
    }

    @Override
    public CompletionStage<Void> ended() {
        return ended.copy();
    }

    @Override
    public void end() {
        if (successor != null) {
            later(SessionMix::end);
            return;
        }
        if (!over.get()) {
            session.removeTap(this);
            finish("ended");
        }
    }

    private void finish(String why) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
        third.leg.mixInto(null);
        mixing.ended(session.id(), this, third.leg.id());
        LOG.info("Media session {}: the mix with {} ended ({}); relaying again", session.id(), third.leg.id(), why);
        ended.complete(null);
    }

    // ---- bundle update ----

    /**
     * Stops mixing here without ending the mix and writes it down for the next version (the session, the third
     * party's leg, mode, party, the laws, the {@code ended} stage the operator's flow waits on): the next version
     * mixes again once it took the session and the leg over. From now on this object forwards to that mix. Null when
     * the mix already ended.
     */
    java.util.Map<String, Object> handOver() {
        if (!over.compareAndSet(false, true)) {
            return null;
        }
        successor = new CompletableFuture<>();
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
        session.removeTap(this); // queued before the session's own hand-over on its loop: it sees no tap
        third.leg.mixInto(null);
        mixing.ended(session.id(), this, third.leg.id());
        java.util.Map<String, Object> state = new java.util.HashMap<>();
        state.put("kind", "mix");
        state.put("session", session.id());
        state.put("leg", third.leg.id());
        state.put("mode", mode);
        state.put("party", party);
        state.put("laws", laws.clone());
        state.put("ended", ended);
        state.put("successor", successor);
        return state;
    }

    private void later(java.util.function.Consumer<SessionMix> action) {
        successor.thenAccept(next -> {
            if (next != null) {
                action.accept(next);
            }
        });
    }

    /** Test and console view. */
    Mixer mixer() {
        return mixer;
    }
}
