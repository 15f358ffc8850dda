package org.plugboard.media.ng.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One datagram of rtpengine's {@code --dtmf-log-dest}: a JSON object per RFC 4733 event it saw, e.g.
 * {@code {"callid":"c2","source_tag":"x-caller","tags":[...],"type":"DTMF","event":7,"duration":80,"volume":10}}.
 * Only the fields used are read (a flat object of strings and numbers; no JSON library is embedded for it).
 */
record DtmfLog(String callId, String sourceTag, char digit, int durationMillis) {
    private static final String EVENTS = "0123456789*#ABCD";

    /** The digit event in {@code json}; empty for anything else (another type, an event above 15, unreadable). */
    static Optional<DtmfLog> parse(String json) {
        String type = field(json, "type");
        String callId = field(json, "callid");
        String event = field(json, "event");
        if (!"DTMF".equals(type) || callId == null || event == null || !event.matches("\\d{1,2}")) {
            return Optional.empty();
        }
        int code = Integer.parseInt(event);
        if (code >= EVENTS.length()) {
            return Optional.empty();
        }
        String duration = field(json, "duration");
        return Optional.of(new DtmfLog(callId, field(json, "source_tag"), EVENTS.charAt(code),
                duration != null && duration.matches("\\d{1,9}") ? Integer.parseInt(duration) : 0));
    }

    /** A string or number member of a flat JSON object, or null. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(json);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }
}
