package org.plugboard.media.mix;

import java.util.concurrent.RejectedExecutionException;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.media.endpoint.LegMix;

import io.netty.buffer.ByteBuf;

/**
 * A terminated leg as a member of a mix running on another (or the same) event loop: what the leg receives goes
 * into the member's inbox on the leg's loop; what the mixer makes for it goes through an outbox and is sent on the
 * leg's loop, with the leg's own SSRC, sequence and timestamps. Both rings are allocated once.
 */
final class LegFeed implements LegMix.Input, MemberOutput.Sink, Inbox.Reader {
    final LegMix leg;
    final Mixer.Member member;
    private final Runnable onClosed;
    private final Inbox outbox = new Inbox(8);
    private final Runnable sendWaiting = () -> outbox.drain(this);
    /** Leg loop only. */
    private byte[] packet = new byte[JitterBuffer.FRAME];

    /** {@code onClosed}: what the owner does when the leg closes (it leaves). */
    LegFeed(LegMix leg, Runnable onClosed) {
        this.leg = leg;
        this.onClosed = onClosed;
        this.member = new Mixer.Member(leg.id(), new MemberOutput(this, leg.law(), leg.ptime()), false);
    }

    // ---- the leg's loop: audio in ----

    @Override
    public void audio(long ssrc, long timestamp, int payloadType, ByteBuf payload) {
        member.inbox.offer(ssrc, timestamp, payloadType, payload);
    }

    @Override
    public void legClosed() {
        onClosed.run();
    }

    // ---- the mixer's loop: audio out, handed to the leg's loop ----

    @Override
    public void send(byte[] payload, int length, AudioEncoding law) {
        if (!outbox.offer(0, 0, law.payloadType(), payload, length)) {
            return; // the leg's loop is behind: this packet is lost
        }
        if (leg.loop().inEventLoop()) {
            sendWaiting.run();
            return;
        }
        try {
            leg.loop().execute(sendWaiting);
        } catch (RejectedExecutionException e) {
            // the engine is stopping: nothing more is sent
        }
    }

    /** Leg loop: one waiting payload out. */
    @Override
    public void packet(long ssrc, long timestamp, int payloadType, byte[] data, int length) {
        if (packet.length != length) {
            packet = new byte[length];
        }
        System.arraycopy(data, 0, packet, 0, length);
        leg.sendMixed(packet);
    }
}
