package org.plugboard.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/** Events of a session, called on an engine thread: hand them to your own executor, never block. */
@ConsumerType
public interface MediaListener {
    /** An RFC 4733 telephone event ended (reported once per event, however often the packet is repeated). */
    void dtmf(MediaSession session, DtmfEvent event);

    /** No RTP from any side not on hold for the configured inactivity timeout: release the call. */
    void inactive(MediaSession session, long idleMillis);

    /** The engine lost the session (a remote engine restarted or forgot it). */
    default void failed(MediaSession session, String reason) {
    }
}
