package org.plugboard.rest.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The last events, for resuming a stream: ids increase by one per event. A reader passes the id of the last event it
 * has; when that one is no longer kept (or is from an earlier run), the slice says {@code reset} and the reader must
 * reload its state from the REST resources. Bounded: the oldest event goes when a new one comes.
 */
public final class EventRing {
    /** One stored event: its id, its SSE event name, its JSON data. */
    public record Event(long id, String type, String data) {
    }

    /** Events after a given id, or a reset when the reader's position is lost. */
    public record Slice(List<Event> events, boolean reset) {
    }

    private final Event[] buffer;
    private final long firstId;
    /** The id the next event gets. */
    private long next;
    private boolean closed;

    /** @param firstId the first event's id; a restart picks one above every id of earlier runs */
    public EventRing(int capacity, long firstId) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ": at least 1");
        }
        this.buffer = new Event[capacity];
        this.firstId = firstId;
        this.next = firstId;
    }

    public synchronized long append(String type, String data) {
        long id = next++;
        buffer[(int) (id % buffer.length)] = new Event(id, type, data);
        notifyAll();
        return id;
    }

    /** The id of the newest event: what a reader that wants only new events starts from. */
    public synchronized long lastId() {
        return next - 1;
    }

    /** The oldest id still kept. */
    public synchronized long oldestId() {
        return Math.max(firstId, next - buffer.length);
    }

    /** Every kept event after {@code lastId}; a reset when events after it were already dropped, or it is unknown. */
    public synchronized Slice after(long lastId) {
        if (lastId > next - 1 || lastId < oldestId() - 1) {
            return new Slice(List.of(), true);
        }
        List<Event> out = new ArrayList<>((int) (next - 1 - lastId));
        for (long id = lastId + 1; id < next; id++) {
            out.add(buffer[(int) (id % buffer.length)]);
        }
        return new Slice(out, false);
    }

    /**
     * Waits until an event after {@code lastId} exists, the time is up or the ring is closed, then answers as
     * {@link #after}; an empty slice on timeout, null once closed.
     */
    public synchronized Slice await(long lastId, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (!closed && next - 1 <= lastId) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return new Slice(List.of(), false);
            }
            wait(left);
        }
        return closed ? null : after(lastId);
    }

    /** Wakes every waiting reader for good (the bundle stops). */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
