package org.plugboard.media.relay;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.plugboard.media.recording.Talker;

/**
 * Sends a scripted party's packets ({@link Talker}) from a phone to a relay port in real time, on its own thread:
 * each packet leaves at its time after {@link #start}, as a phone's packet clock would send it.
 */
final class Streamer extends Thread {
    private final Phone phone;
    private final int relayPort;
    private final List<Talker.Packet> packets;
    final AtomicInteger sent = new AtomicInteger();
    private volatile Exception failure;

    Streamer(Phone phone, int relayPort, Talker talker) {
        super("streamer-" + talker.packets().get(0).from());
        this.phone = phone;
        this.relayPort = relayPort;
        this.packets = talker.packets();
        setDaemon(true);
    }

    @Override
    public void run() {
        long t0 = System.nanoTime();
        try {
            for (Talker.Packet p : packets) {
                long wait = t0 + p.atNanos() - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // the packet clock's pacing, not a wait for an effect
                }
                phone.rtp(relayPort, p.pt(), p.seq(), p.timestamp(), p.ssrc(), p.payload());
                sent.incrementAndGet();
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Waits for the last packet to be sent (bounded). */
    void finish() throws Exception {
        join(30_000);
        if (isAlive()) {
            throw new AssertionError(getName() + " still sending after 30 s");
        }
        if (failure != null) {
            throw failure;
        }
    }
}
