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

    /**
     * Treat the served callee as busy (do-not-disturb, call waiting off, over its call limit): the {@code BUSY}
     * services run for it, so forwarding on busy applies; when none redirects, the caller gets {@code 486 Busy Here}
     * with Q.850 cause 17, and the CDR this tag and text. Takes effect at {@code ROUTED}. Since 1.1.
     */
    record Busy(CallTag tag, String text) implements Outcome {
        public Busy {
            if (tag == null || text == null) {
                throw new IllegalArgumentException("busy treatment needs a call tag and a text for the CDR");
            }
        }
    }

    /**
     * Continue, but ring the served callee at most {@code seconds} before the {@code NO_ANSWER} point (a
     * per-extension forwarding-on-no-answer timeout). The next service is asked as after {@link Continue}; when
     * several answer this, the shortest time wins. Takes effect at {@code ROUTED}. Since 1.1.
     */
    record RingTimeout(int seconds) implements Outcome {
        public RingTimeout {
            if (seconds < 1 || seconds > 3600) {
                throw new IllegalArgumentException("a ring timeout is 1 to 3600 seconds, not " + seconds);
            }
        }
    }

    /**
     * The dialled number was a feature code and it was carried out (forwarding set, DND cleared...): the B2BUA
     * answers the caller with {@code 200 OK} whose SDP refuses every stream (no media until confirmation tones come
     * with the media applications), hangs up right after the ACK, and writes the CDR with tag {@code FEATURE_CODE}
     * and this text. A feature code that fails is a {@link Reject}. Takes effect at {@code ORIGINATING}. Since 1.1.
     */
    record Confirm(String text) implements Outcome {
        public Confirm {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a confirmation needs a text saying what was done");
            }
        }
    }

    /**
     * Ring the extension {@code target} whatever its own services say (an operator's override): the callee's ROUTED,
     * BUSY, NO_ANSWER and UNREACHABLE services are not asked, so do-not-disturb, forwarding, busy treatment and call
     * limits do not apply; the CDR gets {@code text} as a note. Takes effect at {@code ORIGINATING}. Since 1.2.
     */
    record Override(String target, String text) implements Outcome {
        public Override {
            if (target == null || target.isBlank() || text == null || text.isBlank()) {
                throw new IllegalArgumentException("an override needs the extension to ring and a text for the CDR");
            }
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

    static Outcome busy(CallTag tag, String text) {
        return new Busy(tag, text);
    }

    static Outcome ringTimeout(int seconds) {
        return new RingTimeout(seconds);
    }

    static Outcome confirm(String text) {
        return new Confirm(text);
    }

    static Outcome connect(String application, Map<String, String> parameters) {
        return new Connect(application, parameters);
    }
}
