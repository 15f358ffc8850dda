package org.plugboard.media.mix;

import java.util.ArrayList;
import java.util.List;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.Beep;

/**
 * The mixing core, free of sockets and threads: each {@link #tick} (every 20 ms, driven by the owner: a loop's
 * timer, or a test) takes a frame from every member's jitter buffer, sums the members that are heard, and gives each
 * member that hears the sum without its own voice, plus the beep playing, through {@link Limiter}. Confined to one
 * thread (the mixer's loop); only {@link Member#inbox} is written from elsewhere, by the member's own loop.
 */
final class Mixer {
    private final List<Member> members = new ArrayList<>();
    private final int[] sum = new int[JitterBuffer.FRAME];
    private final short[] out = new short[JitterBuffer.FRAME];
    private short[] beep;
    private int beepAt;
    private long ticks;

    /** One voice in the mix. The flags may be set from any thread; the mixer reads them each tick. */
    static final class Member implements Inbox.Reader {
        final String id;
        final Inbox inbox = new Inbox(16);
        final MemberOutput output;
        private final JitterBuffer jitter = new JitterBuffer();
        private final short[] frame = new short[JitterBuffer.FRAME];
        /** Its voice goes into the sum (not muted, not held). */
        volatile boolean heard = true;
        /** It is sent the mix (a held party is sent nothing). */
        volatile boolean hears = true;
        /** Beeps are mixed into what it hears. */
        volatile boolean hearsBeeps = true;
        /** Its own packets set the law and packet time it is sent (a relayed party: there is no SDP of its own here). */
        final boolean followsInput;
        /** {@link #heard} as this tick read it. */
        private boolean summed;

        Member(String id, MemberOutput output, boolean followsInput) {
            this.id = id;
            this.output = output;
            this.followsInput = followsInput;
        }

        @Override
        public void packet(long ssrc, long timestamp, int payloadType, byte[] data, int length) {
            jitter.put(ssrc, timestamp, payloadType, data, length);
            if (followsInput && (payloadType == 0 || payloadType == 8)) {
                output.law(payloadType == 0 ? AudioEncoding.PCMU : AudioEncoding.PCMA);
                if (length % 80 == 0) { // whole 10 ms: its packet time
                    output.ptime(length / 8);
                }
            }
        }

        JitterBuffer jitter() {
            return jitter;
        }
    }

    void add(Member member) {
        members.add(member);
    }

    boolean remove(Member member) {
        return members.remove(member);
    }

    List<Member> members() {
        return members;
    }

    /** Mixes {@code kind} into what members with {@link Member#hearsBeeps} hear, from the next tick (one at a time). */
    void beep(Beep kind) {
        beep = Beeps.samples(kind);
        beepAt = 0;
    }

    boolean beeping() {
        return beep != null;
    }

    long ticks() {
        return ticks;
    }

    /** One 20 ms step. */
    void tick() {
        ticks++;
        java.util.Arrays.fill(sum, 0);
        for (int m = 0; m < members.size(); m++) {
            Member member = members.get(m);
            member.inbox.drain(member);
            member.jitter.take(member.frame);
            member.summed = member.heard;
            if (member.summed) {
                short[] f = member.frame;
                for (int i = 0; i < JitterBuffer.FRAME; i++) {
                    sum[i] += f[i];
                }
            }
        }
        short[] b = beep;
        int from = beepAt;
        if (b != null) {
            beepAt += JitterBuffer.FRAME;
            if (beepAt >= b.length) {
                beep = null;
            }
        }
        for (int m = 0; m < members.size(); m++) {
            Member member = members.get(m);
            if (!member.hears) {
                member.output.skip();
                continue;
            }
            boolean own = member.summed;
            boolean withBeep = b != null && member.hearsBeeps;
            short[] f = member.frame;
            for (int i = 0; i < JitterBuffer.FRAME; i++) {
                int v = sum[i] - (own ? f[i] : 0);
                if (withBeep && from + i < b.length) {
                    v += b[from + i];
                }
                out[i] = Limiter.limit(v);
            }
            member.output.push(out);
        }
    }
}
