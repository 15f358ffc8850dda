package org.plugboard.api.media;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A mixing room in the engine ({@link MediaGateway#conference}): every 20 ms it decodes what each member's endpoint
 * received (G.711, by RTP timestamp through a short jitter buffer), sums it with clipping protection and sends each
 * member the sum without its own voice. A member is a {@link MediaEndpoint} of the same engine; while it is a member
 * its prompts and tones are replaced by the mix. Thread-safe; methods return at once. Since 1.4.
 */
@ProviderType
public interface Conference {
    /** The room's name, as given to {@link MediaGateway#conference}. */
    String name();

    /**
     * Adds an endpoint; {@code muted} members hear the room but are not heard. Completes once it is in the mix.
     * Fails with {@link MediaException.Kind#NO_SESSION} for a closed endpoint or room.
     */
    CompletionStage<Void> join(MediaEndpoint member, boolean muted);

    /** Takes an endpoint out of the mix (it is not closed); false when it was not a member. */
    boolean leave(MediaEndpoint member);

    /** Mutes or unmutes a member by endpoint id; false when there is no such member. */
    boolean mute(String endpointId, boolean muted);

    /** The members' endpoint ids, in the order they joined. */
    List<String> members();

    /** Mixes a beep into what every member hears. */
    void beep(Beep beep);

    /** Removes every member and frees the room. Idempotent. */
    void close();
}
