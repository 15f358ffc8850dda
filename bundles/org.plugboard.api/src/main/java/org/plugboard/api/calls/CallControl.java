package org.plugboard.api.calls;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * Blind transfer ordered from outside the call (REST, console): the party on {@code side} of an answered call is
     * connected to {@code target}, routed as that party's own call to it would be; the party on the other side keeps
     * the call until the target answers, then gets BYE. The {@code TRANSFER} services decide as if that other party
     * had sent the REFER (its transfer permissions apply; without a transfer service it is refused). The verdict comes
     * from the call's strand; a transfer that succeeds is told as {@link CallEvents#partyReplaced}, one whose target
     * does not answer leaves the call as it was. Since 1.7.
     */
    default CompletionStage<TransferVerdict> transfer(String id, org.plugboard.api.media.Side side, String target) {
        return CompletableFuture.completedFuture(new TransferVerdict(501, "this call engine cannot transfer calls"));
    }
}
