package org.plugboard.itests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test's two ends of a video m-line (SIPp plays one pcap per call, so video comes from here): each sends RTP
 * (payload type 96, 900-byte payloads) to its side of the relay and counts what arrives from the other side.
 */
final class VideoPeers implements AutoCloseable {
    private static final int PAYLOAD = 900;

    private final int packets;
    private final DatagramSocket caller = bind();
    private final DatagramSocket callee = bind();
    final AtomicInteger toCaller = new AtomicInteger();
    final AtomicInteger toCallee = new AtomicInteger();
    private final List<Thread> receivers = List.of(receiver(caller, toCaller), receiver(callee, toCallee));

    /** @param packets how many packets each end sends */
    VideoPeers(int packets) {
        this.packets = packets;
    }

    private static DatagramSocket bind() {
        try {
            DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
            s.setSoTimeout(200);
            return s;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Thread receiver(DatagramSocket s, AtomicInteger count) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    if (p.getLength() == 12 + PAYLOAD && (buf[1] & 0x7f) == 96) {
                        count.incrementAndGet();
                    }
                } catch (IOException e) {
                    // timeout (poll for close) or closed
                }
            }
        }, "itest-video-" + s.getLocalPort());
        t.setDaemon(true);
        t.start();
        return t;
    }

    int callerPort() {
        return caller.getLocalPort();
    }

    int calleePort() {
        return callee.getLocalPort();
    }

    /** The packets each way, 20 ms apart, from the ports the SDP named; then until all arrived, at most 2 s (loss shows in the counts). */
    void exchange(int callerRelayPort, int calleeRelayPort) throws IOException, InterruptedException {
        InetSocketAddress toCallerSide = new InetSocketAddress("127.0.0.1", callerRelayPort);
        InetSocketAddress toCalleeSide = new InetSocketAddress("127.0.0.1", calleeRelayPort);
        for (int i = 0; i < packets; i++) {
            byte[] rtp = new byte[12 + PAYLOAD];
            rtp[0] = (byte) 0x80;
            rtp[1] = 96;
            rtp[2] = (byte) (i >> 8);
            rtp[3] = (byte) i;
            caller.send(new DatagramPacket(rtp, rtp.length, toCallerSide));
            callee.send(new DatagramPacket(rtp, rtp.length, toCalleeSide));
            Thread.sleep(20); // RTP pacing, not a wait
        }
        long deadline = System.nanoTime() + 2_000_000_000L;
        while ((toCaller.get() < packets || toCallee.get() < packets) && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling the counts for the last packets in flight
        }
    }

    /** {@link #exchange} on a thread of its own, so the video can cross something the test does meanwhile. */
    Thread exchangeInBackground(int callerRelayPort, int calleeRelayPort) {
        Thread t = new Thread(() -> {
            try {
                exchange(callerRelayPort, calleeRelayPort);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "itest-video-sender");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws InterruptedException {
        caller.close();
        callee.close();
        for (Thread t : receivers) {
            t.join(1000);
        }
    }
}
