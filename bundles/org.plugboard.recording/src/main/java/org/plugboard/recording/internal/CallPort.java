package org.plugboard.recording.internal;

import java.util.Optional;

import org.plugboard.api.media.MediaSession;

/** What the recorder needs from the B2BUA ({@code CallControl} in the bundle, a fake in tests). */
public interface CallPort {
    /** The answered call's media session, if it goes through an engine. */
    Optional<MediaSession> media(String callId);

    /** A note in the call's CDR; false when the call is gone. */
    boolean note(String callId, String text);
}
