package org.plugboard.media.relay;

import java.util.concurrent.CompletionStage;

import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.media.Side;

/** Mixes a third party into a relayed call ({@link RelaySession#mix}); the engine's mixing sets it on the gateway. */
public interface SessionMixer {
    CompletionStage<SessionMix> mix(RelaySession session, MediaEndpoint third, SessionMix.Mode mode, Side party, boolean warn);
}
