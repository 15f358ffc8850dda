package org.plugboard.media.ng.internal;

import java.util.Locale;

/** Names of the ng protocol's commands and keys used here (rtpengine's docs/ng_control_protocol.md). */
public final class Ng {
    public static final String COMMAND = "command";
    public static final String PING = "ping";
    public static final String OFFER = "offer";
    public static final String ANSWER = "answer";
    public static final String DELETE = "delete";
    public static final String QUERY = "query";
    public static final String BLOCK_MEDIA = "block media";
    public static final String UNBLOCK_MEDIA = "unblock media";
    public static final String PLAY_MEDIA = "play media";
    public static final String STOP_MEDIA = "stop media";
    public static final String PLAY_DTMF = "play DTMF";
    public static final String START_RECORDING = "start recording";
    public static final String STOP_RECORDING = "stop recording";
    public static final String FILE = "file";
    public static final String CODE = "code";
    public static final String DURATION = "duration";

    public static final String CALL_ID = "call-id";
    public static final String FROM_TAG = "from-tag";
    public static final String TO_TAG = "to-tag";
    public static final String SDP = "sdp";
    public static final String RECEIVED_FROM = "received-from";
    public static final String REPLACE = "replace";
    public static final String ICE = "ICE";
    public static final String FLAGS = "flags";
    /** A participant's free-form label; rtpengine reports it back in query (the client stores the B2BUA's call id there). */
    public static final String LABEL = "label";

    public static final String RESULT = "result";
    public static final String OK = "ok";
    public static final String PONG = "pong";
    public static final String ERROR = "error";
    public static final String ERROR_REASON = "error-reason";
    public static final String WARNING = "warning";

    /** rtpengine's reason for a call-id it does not hold; the server uses the same words. */
    public static final String UNKNOWN_CALL_ID = "Unknown call-id";
    /** rtpengine's reason for an SDP it cannot parse; the server uses the same words. */
    public static final String SDP_PARSE_FAILED = "Failed to parse SDP";
    /** Plugboard node's reasons for its other refusals (rtpengine has no equivalent words). */
    public static final String NO_USABLE_MEDIA = "No usable media";
    public static final String OUT_OF_PORTS = "Ran out of ports";

    private Ng() {
    }

    /** The key in a normalized form: rtpengine treats "call-id", "call id" and "call_id" alike, so do we. */
    public static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
    }

    /** True when an error reason says the engine does not hold the call. */
    public static boolean isUnknownCall(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        return r.contains("unknown call-id") || r.contains("call-id not found");
    }
}
