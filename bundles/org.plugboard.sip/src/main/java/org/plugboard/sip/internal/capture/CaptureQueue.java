package org.plugboard.sip.internal.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands captured messages from the SIP threads to one writer thread. {@link #offer} never waits: when the queue is
 * full the message is dropped and counted, so a slow disk or network never holds up SIP.
 */
final class CaptureQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureQueue.class);

    /** The writer's side: {@code write} each message, {@code flush} when the queue ran empty, {@code close} at the end. */
    interface Writer {
        void write(Captured m) throws Exception;

        void flush() throws Exception;

        void close() throws Exception;
    }

    private final BlockingQueue<Captured> queue;
    private final Writer writer;
    private final Thread thread;
    private final LongAdder written = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile boolean open = true;

    CaptureQueue(String name, int capacity, Writer writer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = writer;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void offer(Captured m) {
        if (!open || !queue.offer(m)) {
            dropped.increment();
        }
    }

    long written() {
        return written.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    long failed() {
        return failed.sum();
    }

    private void run() {
        List<Captured> batch = new ArrayList<>();
        long lastWarn = 0;
        try {
            while (open || !queue.isEmpty()) {
                Captured first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1000);
                for (Captured m : batch) {
                    try {
                        writer.write(m);
                        written.increment();
                    } catch (Exception e) {
                        failed.increment();
                        if (System.nanoTime() - lastWarn > TimeUnit.MINUTES.toNanos(1)) {
                            lastWarn = System.nanoTime();
                            LOG.warn("{}: cannot write a captured message ({}); {} failed so far", thread.getName(), e.toString(),
                                    failed.sum());
                        }
                    }
                }
                batch.clear();
                if (queue.isEmpty()) {
                    flushQuietly();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            flushQuietly();
            try {
                writer.close();
            } catch (Exception e) {
                LOG.warn("{}: close failed: {}", thread.getName(), e.toString());
            }
        }
    }

    private void flushQuietly() {
        try {
            writer.flush();
        } catch (Exception e) {
            failed.increment();
        }
    }

    /** Writes what is queued, then closes the writer; waits at most {@code millis}. */
    @Override
    public void close() {
        close(2000);
    }

    void close(long millis) {
        open = false;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
