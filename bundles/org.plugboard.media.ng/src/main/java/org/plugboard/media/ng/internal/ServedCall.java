package org.plugboard.media.ng.internal;

import org.plugboard.api.media.MediaSession;
import org.plugboard.api.media.Side;

/** One ng call-id served by the node: its local session and which tag is which side (first tag seen: caller). */
final class ServedCall {
    final MediaSession session;
    final long createdSeconds = System.currentTimeMillis() / 1000;
    volatile long lastSignalSeconds = createdSeconds;
    private String callerTag;
    private String calleeTag;
    private boolean offered;
    private final java.util.Map<Side, String> labels = new java.util.EnumMap<>(Side.class);

    ServedCall(MediaSession session) {
        this.session = session;
    }

    /** The side of a known tag, or null. */
    synchronized Side sideOf(String tag) {
        if (tag == null) {
            return null;
        }
        return tag.equals(callerTag) ? Side.CALLER : tag.equals(calleeTag) ? Side.CALLEE : null;
    }

    /** The side of a tag, giving a new tag the first free side; null when both sides have other tags. */
    synchronized Side claim(String tag) {
        Side known = sideOf(tag);
        if (known != null) {
            return known;
        }
        if (callerTag == null) {
            callerTag = tag;
            return Side.CALLER;
        }
        if (calleeTag == null) {
            calleeTag = tag;
            return Side.CALLEE;
        }
        return null;
    }

    synchronized String tag(Side side) {
        return side == Side.CALLER ? callerTag : calleeTag;
    }

    /** Keeps a side's label (the first one given), reported back in query as rtpengine does. */
    synchronized void label(Side side, String label) {
        if (label != null && !label.isEmpty() && label.length() <= NgCommands.MAX_LABEL) {
            labels.putIfAbsent(side, label);
        }
    }

    synchronized String label(Side side) {
        return labels.get(side);
    }

    synchronized boolean offered() {
        return offered;
    }

    synchronized void markOffered() {
        offered = true;
        lastSignalSeconds = System.currentTimeMillis() / 1000;
    }

    void signalled() {
        lastSignalSeconds = System.currentTimeMillis() / 1000;
    }
}
