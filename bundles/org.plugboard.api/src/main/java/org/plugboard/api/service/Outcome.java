package org.plugboard.api.service;

import java.util.Map;

import org.plugboard.api.calls.CallTag;

/** What a {@link CallService} decides at a detection point. New kinds come in minor versions of this package. */
public sealed interface Outcome {
    /** Nothing to change: the next service is asked, then the call goes on. */
    record Continue() implements Outcome {
    }

    /**
     * Send the call to another number (forwarding, deflection, business hours). The number is routed like a dialled
     * one; {@code tellCaller} sends the caller a 181 with the forwarding Call-Info for this hop.
     */
    record Redirect(String target, String reason, boolean tellCaller) implements Outcome {
        public Redirect {
            if (target == null || target.isBlank() || reason == null) {
                throw new IllegalArgumentException("a redirect needs a target number and an RFC 5806 reason");
            }
        }
    }

    /** Refuse the call: the caller gets {@code status phrase} with {@code Reason: Q.850;cause=q850Cause;text="text"}. */
    record Reject(int status, String phrase, int q850Cause, String text, CallTag tag) implements Outcome {
        public Reject {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("a reject needs a final error status, not " + status);
            }
            if (tag == null) {
                throw new IllegalArgumentException("a reject needs a call tag for its CDR");
            }
        }
    }

    /**
     * Answer the caller with a media application (IVR, voicemail, announcement) registered under {@code application}
     * ({@link org.plugboard.api.application.MediaApplication#NAME}), with these parameters.
     */
    record Connect(String application, Map<String, String> parameters) implements Outcome {
        public Connect {
            if (application == null || application.isBlank()) {
                throw new IllegalArgumentException("connect needs a media application name");
            }
            parameters = Map.copyOf(parameters);
        }
    }

    Continue CONTINUE = new Continue();

    static Outcome proceed() {
        return CONTINUE;
    }

    static Outcome redirect(String target, String reason) {
        return new Redirect(target, reason, true);
    }

    static Outcome reject(int status, String phrase, int q850Cause, String text, CallTag tag) {
        return new Reject(status, phrase, q850Cause, text, tag);
    }

    static Outcome connect(String application, Map<String, String> parameters) {
        return new Connect(application, parameters);
    }
}
