package org.plugboard.callback.internal;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The call-back protocol, version 1 ({@code CB/1}): one request per datagram, one line of UTF-8 text,
 * space-separated {@code key=value} fields after the version and the verb; every answer and progress report is one
 * datagram in the same form. See the bundle's README for the grammar and examples. Pure code: no sockets, no OSGi.
 */
final class CallbackProtocol {
    static final String VERSION = "CB/1";
    /** Request ids: what the requester uses to match answers; "-" when a request had none we could read. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> ORIGINATE_KEYS = Set.of("id", "first", "second", "timeout", "name");
    /** Answers stay well under any path MTU. */
    private static final int MAX_REASON = 300;

    /** A request as read from a datagram. */
    sealed interface Request {
        String id();
    }

    record Originate(String id, String first, String second, Integer timeoutSeconds, String name) implements Request {
    }

    record Ping(String id) implements Request {
    }

    /** Ends the pending or running call of an earlier ORIGINATE with this id from the same sender. */
    record Cancel(String id) implements Request {
    }

    /** A datagram that is no valid request: what to answer (400) and why. */
    record Bad(String id, String reason) implements Request {
    }

    private CallbackProtocol() {
    }

    static Request parse(byte[] datagram) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(datagram)).toString();
        } catch (CharacterCodingException e) {
            return new Bad("-", "not UTF-8 text");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return new Bad("-", "one request per datagram, on one line");
        }
        String[] head = text.split(" ", 3);
        if (head.length < 2 || !head[0].startsWith("CB/")) {
            return new Bad("-", "a request starts with '" + VERSION + " ORIGINATE', '" + VERSION + " CANCEL' or '" + VERSION
                    + " PING'");
        }
        Map<String, String> fields = new HashMap<>();
        String problem = fields(head.length > 2 ? head[2] : "", fields);
        String id = fields.getOrDefault("id", "-");
        if (!ID.matcher(id).matches()) {
            return new Bad("-", "id must be 1-64 of A-Z a-z 0-9 . _ : -");
        }
        if (!VERSION.equals(head[0])) {
            return new Bad(id, "version '" + head[0] + "' is not spoken here: use " + VERSION);
        }
        if (problem != null) {
            return new Bad(id, problem);
        }
        if (!fields.containsKey("id")) {
            return new Bad("-", "id= is missing");
        }
        switch (head[1]) {
            case "PING":
                return fields.size() == 1 ? new Ping(id) : new Bad(id, "PING takes only id=");
            case "CANCEL":
                return fields.size() == 1 ? new Cancel(id) : new Bad(id, "CANCEL takes only id= (the ORIGINATE's id)");
            case "ORIGINATE":
                return originate(id, fields);
            default:
                return new Bad(id, "unknown verb '" + head[1] + "': use ORIGINATE, CANCEL or PING");
        }
    }

    /** Reads {@code key=value} fields; {@code name=} runs to the end of the line. Returns a problem, or null. */
    private static String fields(String rest, Map<String, String> out) {
        int i = 0;
        while (i < rest.length()) {
            if (rest.charAt(i) == ' ') {
                i++;
                continue;
            }
            int eq = rest.indexOf('=', i);
            int space = rest.indexOf(' ', i);
            if (eq < 0 || (space >= 0 && space < eq)) {
                return "field '" + rest.substring(i, space < 0 ? rest.length() : space) + "' is not key=value";
            }
            String key = rest.substring(i, eq);
            boolean toEnd = key.equals("name");
            int end = toEnd || space < 0 ? rest.length() : space;
            if (out.put(key, rest.substring(eq + 1, end)) != null) {
                return "field " + key + "= is given twice";
            }
            i = end;
        }
        return null;
    }

    private static Request originate(String id, Map<String, String> fields) {
        for (String key : fields.keySet()) {
            if (!ORIGINATE_KEYS.contains(key)) {
                return new Bad(id, "unknown field " + key + "= (known: id, first, second, timeout, name)");
            }
        }
        String first = fields.get("first");
        String second = fields.get("second");
        if (first == null || first.isEmpty() || second == null || second.isEmpty()) {
            return new Bad(id, "ORIGINATE needs first= and second=");
        }
        Integer timeout = null;
        if (fields.containsKey("timeout")) {
            try {
                timeout = Integer.valueOf(fields.get("timeout"));
            } catch (NumberFormatException e) {
                return new Bad(id, "timeout= must be whole seconds (1-300), not '" + shorten(fields.get("timeout"), 20) + "'");
            }
        }
        return new Originate(id, first, second, timeout, fields.getOrDefault("name", ""));
    }

    // ---- answers -------------------------------------------------------------------------------------------

    static String accepted(String id, String callId) {
        return VERSION + " ACCEPTED id=" + id + " call=" + callId;
    }

    static String cancelled(String id, String callId) {
        return VERSION + " CANCELLED id=" + id + " call=" + callId;
    }

    /** @param code 400 malformed, 404 CANCEL of an unknown or ended request, 413 too large, 503 the PBX cannot take it now */
    static String error(String id, int code, String reason) {
        return VERSION + " ERROR id=" + id + " code=" + code + " reason=" + clean(reason);
    }

    static String pong(String id) {
        return VERSION + " PONG id=" + id;
    }

    /** A progress report; {@code more} are extra fields ("party=1"), {@code reason} (may be null) goes last. */
    static String event(String id, String callId, String event, String more, String reason) {
        return VERSION + " EVENT id=" + id + " call=" + callId + " event=" + event + (more.isEmpty() ? "" : " " + more)
                + (reason == null ? "" : " reason=" + clean(reason));
    }

    /** One line, bounded: a reason never breaks the form of an answer. */
    static String clean(String text) {
        return shorten(text.replace('\r', ' ').replace('\n', ' '), MAX_REASON);
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
