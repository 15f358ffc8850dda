package org.plugboard.api.application;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;
import org.plugboard.api.service.Outcome;

/**
 * Something that terminates a leg on the media gateway: an IVR, voicemail, an announcement. The B2BUA answers the
 * caller, then calls {@link #run} on the call's strand; the application drives the leg through its completion
 * stages and never blocks. Service property {@link #NAME} names it for {@link Outcome.Connect}.
 */
@ConsumerType
public interface MediaApplication {
    /** Service property: the application's name, e.g. {@code voicemail}. */
    String NAME = "plugboard.application.name";

    /**
     * @return completes when the application is done with the leg: {@link Outcome.Continue} hangs up normally,
     *         {@link Outcome.Redirect} transfers the caller to a number, {@link Outcome.Reject} hangs up with its cause
     */
    CompletionStage<Outcome> run(ApplicationLeg leg);
}
