package org.plugboard.calls.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.cdr.CallDetailRecord;
import org.plugboard.api.cdr.CdrSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished calls' records to the CDR sinks on a thread of its own, so a slow database never holds up a call.
 * While no durable sink is registered (the CDR bundle is being updated) records wait here; when this bundle itself
 * is updated the waiting records are handed over to the next version.
 */
final class CdrQueue {
    private static final Logger LOG = LoggerFactory.getLogger(CdrQueue.class);

    record Sink(CdrSink sink, boolean durable) {
    }

    private final LinkedBlockingQueue<CallDetailRecord> queue = new LinkedBlockingQueue<>(100_000);
    private final List<Sink> sinks = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean running = true;
    private volatile CallDetailRecord inHand;

    CdrQueue() {
        writer = new Thread(this::loop, "plugboard-cdr-writer");
        writer.setDaemon(true);
        writer.start();
    }

    void addSink(CdrSink sink, boolean durable) {
        sinks.add(new Sink(sink, durable));
    }

    void removeSink(CdrSink sink) {
        sinks.removeIf(s -> s.sink() == sink);
    }

    void offer(CallDetailRecord record) {
        if (!queue.offer(record)) {
            LOG.error("CDR queue full ({} waiting): record of call {} lost. Is the CDR feature installed?", queue.size(), record.id());
        }
    }

    private void loop() {
        while (running) {
            try {
                CallDetailRecord r = queue.poll(200, TimeUnit.MILLISECONDS);
                if (r == null) {
                    continue;
                }
                inHand = r;
                while (running && sinks.stream().noneMatch(Sink::durable)) {
                    Thread.sleep(200); // the durable sink is being updated: wait for its next version
                }
                if (!running) {
                    break;
                }
                for (Sink s : sinks) {
                    write(s, r);
                }
                inHand = null;
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private static void write(Sink s, CallDetailRecord r) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                s.sink().write(r);
                return;
            } catch (Exception e) {
                if (attempt == 3) {
                    LOG.error("CDR sink {} failed 3 times; record of call {} not written there: {}", s.sink().getClass().getName(), r.id(), r, e);
                    return;
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    /** Stops the writer and returns the records not yet written, for the hand-over. */
    List<CallDetailRecord> stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CallDetailRecord> left = new ArrayList<>();
        CallDetailRecord h = inHand;
        if (h != null) {
            left.add(h);
        }
        queue.drainTo(left);
        return left;
    }
}
