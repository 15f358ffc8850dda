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
