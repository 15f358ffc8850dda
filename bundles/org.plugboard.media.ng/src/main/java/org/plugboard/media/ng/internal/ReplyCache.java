package org.plugboard.media.ng.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replies by sender and cookie, kept for a while, so a retransmitted command is answered from here instead of
 * being executed twice (rtpengine does the same). A command still executing is marked, so its retransmission is
 * ignored: the reply on its way answers both. Entries are in arrival order; expired ones go from the head, and
 * beyond {@code max} the oldest go first.
 */
final class ReplyCache {
    enum State { NEW, IN_PROGRESS, DONE }

    record Lookup(State state, byte[] reply) {
    }

    private record Entry(byte[] reply, long atNanos) {
    }

    private static final Lookup NEW = new Lookup(State.NEW, null);
    private static final Lookup IN_PROGRESS = new Lookup(State.IN_PROGRESS, null);

    private final long ttlNanos;
    private final int max;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    ReplyCache(long ttlNanos, int max) {
        this.ttlNanos = ttlNanos;
        this.max = Math.max(1, max);
    }

    /** Looks the command up; a new one is marked in progress. */
    synchronized Lookup begin(String key, long nowNanos) {
        expire(nowNanos);
        Entry e = entries.get(key);
        if (e != null) {
            return e.reply() == null ? IN_PROGRESS : new Lookup(State.DONE, e.reply());
        }
        if (entries.size() >= max) {
            Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
            it.next();
            it.remove();
        }
        entries.put(key, new Entry(null, nowNanos));
        return NEW;
    }

    /** Keeps the reply (moved to the tail: it expires counting from now). */
    synchronized void finish(String key, byte[] reply, long nowNanos) {
        entries.remove(key);
        entries.put(key, new Entry(reply, nowNanos));
    }

    /** Forgets a command that got no reply to keep (it was refused before it ran). */
    synchronized void abandon(String key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }

    private void expire(long nowNanos) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (nowNanos - e.atNanos() < ttlNanos) {
                return;
            }
            it.remove();
        }
    }
}
