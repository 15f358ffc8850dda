package org.plugboard.sip.internal.capture;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** Sends every captured message to a HEP collector (Homer, heplify-server) over UDP, from its own thread. */
public final class HepExporter implements AutoCloseable {
    private final InetSocketAddress collector;
    private final int captureId;
    private final CaptureQueue queue;

    public HepExporter(InetSocketAddress collector, int captureId, int queueSize) throws IOException {
        this.collector = collector;
        this.captureId = captureId;
        DatagramChannel channel = DatagramChannel.open();
        this.queue = new CaptureQueue("plugboard-hep", queueSize, new CaptureQueue.Writer() {
            @Override
            public void write(Captured m) throws IOException {
                channel.send(ByteBuffer.wrap(HepEncoder.encode(m, captureId)), collector);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        });
    }

    void offer(Captured m) {
        queue.offer(m);
    }

    public InetSocketAddress collector() {
        return collector;
    }

    public int captureId() {
        return captureId;
    }

    public long sent() {
        return queue.written();
    }

    public long dropped() {
        return queue.dropped();
    }

    public long failed() {
        return queue.failed();
    }

    @Override
    public void close() {
        queue.close();
    }
}
