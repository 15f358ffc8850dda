package org.plugboard.calls.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "org.plugboard.calls", name = "Plugboard calls (B2BUA)",
        description = "Timers and per-leg options of the back-to-back user agent. Changes apply to the next call.")
public @interface CallsConfig {
    @AttributeDefinition(name = "Ring timeout (s)", description = "Unanswered calls are cancelled after this and the caller gets 480.", min = "1")
    int ring_timeout() default 60;

    @AttributeDefinition(name = "Set-up bound (s)", description = "A call that has neither rung nor been answered this long after "
            + "its caller was admitted (a media engine, router or service whose answer never came) is ended: the caller gets 408 "
            + "or 500, the CDR says SYSTEM. 0 = no bound.", min = "0")
    int setup_timeout() default 32;

    @AttributeDefinition(name = "Maximum call duration (s)", description = "Answered calls are released after this; 0 means no limit.", min = "0")
    int max_call_duration() default 14400;

    @AttributeDefinition(name = "Authenticate callers", description = "INVITEs from phones (the default profile) must carry digest credentials (407).")
    boolean authenticate() default true;

    @AttributeDefinition(name = "Reliable provisionals when the caller only supports 100rel",
            description = "By default the PBX sends reliable 18x to a caller only when its INVITE requires 100rel; "
                    + "true also honours Supported: 100rel.")
    boolean prack_when_supported() default false;

    @AttributeDefinition(name = "Offer 100rel to callees", description = "Every outgoing INVITE carries Supported: 100rel.")
    boolean offer_100rel() default true;

    @AttributeDefinition(name = "Session interval (s)", description = "Session-Expires offered to callees (RFC 4028); 0 offers no session timer.", min = "0")
    int session_expires() default 1800;

    @AttributeDefinition(name = "Minimum session interval (s)", description = "Min-SE: shorter Session-Expires from callers get 422.", min = "90")
    int min_se() default 90;

    @AttributeDefinition(name = "Media engine", description = "Name of the media gateway that relays each new call's media "
            + "(plugboard.media.engine: 'local' is the in-process relay of pbx-media; a remote engine is named by its "
            + "org.plugboard.media.ng configuration). Empty: no relay, SDP passes through unchanged. Calls already up keep their engine.")
    String media_engine() default "local";

    @AttributeDefinition(name = "Media engine for applications", description = "The engine that answers callers for media "
            + "applications (IVR, voicemail) when the media engine cannot terminate legs (it only relays). Chosen per call; "
            + "when neither can, the caller gets 503 'No Media Engine For Applications'. Empty: only the media engine.")
    String media_application__engine() default "local";

    @AttributeDefinition(name = "Wait for the media engine (ms)", description = "A new call whose media engine is not bound (its bundle "
            + "is being updated) waits this long for it before it is refused with 503.", min = "0")
    int media_wait_ms() default 5000;

    @AttributeDefinition(name = "Call services", description = "Names of the call services (plugboard.service.name) that run, in this "
            + "order, when no service plan decides for the served extension. Empty: every installed service, by service.ranking.")
    String[] services() default {};

    @AttributeDefinition(name = "Service time budget (ms)", description = "A call service that takes longer is counted and logged "
            + "(its answer stands: the time is spent by then).", min = "1")
    int service_budget_ms() default 50;

    @AttributeDefinition(name = "Maximum forwarding hops", description = "A call forwarded more often than this is refused with 483.", min = "1")
    int max_forwarding_hops() default 5;
}
