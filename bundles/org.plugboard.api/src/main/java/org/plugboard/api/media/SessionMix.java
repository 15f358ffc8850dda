package org.plugboard.api.media;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A third party mixed into a relayed two-party call ({@link MediaSession#mix}): the operator's barge-in. While it
 * lasts the engine mixes instead of relaying: each party hears the other two (the third party is not heard in
 * {@link Mode#LISTEN}). When it ends the session relays again, untouched. Since 1.4.
 */
@ProviderType
public interface SessionMix {
    enum Mode {
        /** All three hear each other. */
        TALK,
        /** The third party hears both parties and is not heard. */
        LISTEN,
        /**
         * The third party and the party on {@link #party()} talk; the other party is held: it hears nothing and is not
         * heard (an operator's override with hold).
         */
        PRIVATE
    }

    /** The party the third one joined for (the extension it barged in on); what {@link Mode#PRIVATE} keeps. */
    Side party();

    /** The third party's endpoint id. */
    String endpointId();

    Mode mode();

    /** Switches between talking and listening. */
    void mode(Mode mode);

    /** Mixes a beep into what the two parties hear. */
    void beep(Beep beep);

    /** Completes when the mix ends: {@link #end}, the third party's endpoint closed, or the session released. */
    CompletionStage<Void> ended();

    /** Ends the mix; the session relays again. Idempotent. */
    void end();
}
