package org.plugboard.api.calls;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The live calls of the B2BUA, for consoles and the web page. */
@ProviderType
public interface CallControl {
    List<CallInfo> calls();

    Optional<CallInfo> call(String id);

    /** Releases a call from outside (BYE or CANCEL toward every leg); false when there is no such call. */
    boolean hangup(String id, CallTag tag);

    /**
     * The media session relaying an answered call (to record it, or mix an operator into it); empty when there is no
     * such call, it is not answered yet, or its media does not go through an engine. Since 1.5.
     */
    default Optional<org.plugboard.api.media.MediaSession> media(String id) {
        return Optional.empty();
    }

    /**
     * Adds a note to a live call's record ({@link org.plugboard.api.cdr.CallDetailRecord#notes}), e.g. "recorded" or
     * "recording failed: disk full"; false when there is no such call. Since 1.5.
     */
    default boolean note(String id, String text) {
        return false;
    }

    /**
     * Starts an originated call (call-back, click-to-call) and returns its call id at once; progress goes to
     * {@code listener}. Throws {@link IllegalStateException} naming the cause when the PBX cannot take a new call now
     * (stopping, over its limits). Since 1.6.
     */
    default String originate(OriginateRequest request, OriginateListener listener) {
        throw new UnsupportedOperationException("this call engine cannot originate calls");
    }
}
