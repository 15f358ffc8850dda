package org.plugboard.bench.media;

import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/** Reads every datagram of one generator socket into the current step's counters (or counts it a stray). */
final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
    private final int socket;
    private final int loop;
    private final Supplier<StepState> current;
    /** Packets that came while no step was being measured (late ones, or before the first). */
    long outsideSteps;

    Receiver(int socket, int loop, Supplier<StepState> current) {
        this.socket = socket;
        this.loop = loop;
        this.current = current;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        long now = System.nanoTime();
        StepState step = current.get();
        if (step == null) {
            outsideSteps++;
            return;
        }
        LoopStats st = step.loops[loop];
        ByteBuf b = packet.content();
        if (!RtpPacket.valid(b)) {
            st.malformed++;
        } else if (RtpPacket.tag(b) != step.tag) {
            st.strays++;
        } else {
            step.received(st, socket, RtpPacket.stream(b), RtpPacket.seq(b), RtpPacket.sentAt(b), now);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // an ICMP port unreachable from a relay port that is gone surfaces here: nothing to do, keep reading
    }
}
