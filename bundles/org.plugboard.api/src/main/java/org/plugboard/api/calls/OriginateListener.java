package org.plugboard.api.calls;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The progress of an originated call ({@link CallControl#originate}). Called on the call's strand: return at once
 * and never block. Exactly one of {@link #failed} or {@link #connected} is called, and {@link #ended} follows
 * {@link #connected}. Since calls 1.6.
 */
@ConsumerType
public interface OriginateListener {
    /** The first party's phone rings. */
    default void firstRinging() {
    }

    /** The first party answered; the PBX now calls the second. */
    default void firstAnswered() {
    }

    /** The second party's phone rings. */
    default void secondRinging() {
    }

    /** Both parties are connected; {@code callId} is the live call ({@link CallControl#call}). */
    default void connected(String callId) {
    }

    /**
     * The attempt ended before the two were connected.
     *
     * @param party 1 when the first party could not be reached, 2 for the second
     * @param status the SIP status that ended it (486, 480, 408 for no answer, 404 for an unknown number...)
     * @param reason a reason a person can read
     */
    default void failed(int party, int status, String reason) {
    }

    /** The connected call ended, with its CDR's call tag. */
    default void ended(CallTag tag) {
    }
}
