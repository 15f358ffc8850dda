package org.plugboard.sip.internal.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pcap file being written from its own thread: opened (and the header written) by the caller, so a path that cannot
 * be written fails at once; flushed whenever the queue runs empty, so a reader sees whole packets. Stops taking
 * messages at {@code maxBytes} (counted as dropped).
 */
public final class PcapFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong(24);
    private final LongAdder overLimit = new LongAdder();
    private final CaptureQueue queue;

    public PcapFile(Path path, long maxBytes, int queueSize) throws IOException {
        this.path = path;
        this.maxBytes = maxBytes;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 65536);
        PcapWriter writer = new PcapWriter(out);
        out.flush();
        this.queue = new CaptureQueue("plugboard-pcap", queueSize, new CaptureQueue.Writer() {
            @Override
            public void write(Captured m) throws IOException {
                writer.write(m);
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        });
    }

    void offer(Captured m) {
        // 16 + 40 + 8: the largest record and IP + UDP headers
        if (bytes.addAndGet(m.bytes().length + 64) > maxBytes) {
            overLimit.increment();
            return;
        }
        queue.offer(m);
    }

    public Path path() {
        return path;
    }

    public long written() {
        return queue.written();
    }

    public long dropped() {
        return queue.dropped() + overLimit.sum();
    }

    @Override
    public void close() {
        queue.close();
    }
}
