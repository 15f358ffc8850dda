package org.plugboard.media.ng.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;

/**
 * Plugboard's endpoint commands over ng (a media node terminating a leg; rtpengine answers them with
 * {@code Unrecognized command}): the vocabulary and the encoding of requests, results and events, shared by the
 * client ({@link NgEndpoint}) and the node ({@link ServedEndpoints}), so both read what the other writes.
 * Durations travel as milliseconds, enums by name, files as absolute paths on the node's host.
 */
final class EndpointWire {
    static final String PREFIX = "endpoint ";
    static final String ANSWER = "endpoint answer";
    static final String OFFER = "endpoint offer";
    static final String ANSWERED = "endpoint answered";
    static final String PLAY = "endpoint play";
    static final String TONE = "endpoint tone";
    static final String COLLECT = "endpoint collect";
    static final String RECORD = "endpoint record";
    static final String STOP = "endpoint stop";
    static final String DIGIT = "endpoint digit";
    static final String CLOSE = "endpoint close";
    /** The client's poll: the endpoint is still wanted (the node closes endpoints untouched for a minute). */
    static final String TOUCH = "endpoint touch";
    /** A datagram from the node to the client: an operation's outcome. The client acknowledges it ({@code result: ok}). */
    static final String EVENT = "event";

    static final String ENDPOINT_ID = "endpoint-id";
    static final String OP = "op";
    static final String SIDE = "side";
    static final String FILE = "file";
    static final String STOP_DIGITS = "stop-digits";
    static final String TONE_NAME = "tone";
    static final String COUNTRY = "country";
    static final String LENGTH_MS = "length-ms";
    static final String MAX_DIGITS = "max-digits";
    static final String TERMINATORS = "terminators";
    static final String FIRST_MS = "first-ms";
    static final String INTER_MS = "inter-ms";
    static final String FLUSH = "flush";
    static final String ENCODING = "encoding";
    static final String PTIME = "ptime";
    static final String KIND = "kind";
    static final String ENDING = "ending";
    static final String DIGITS = "digits";
    static final String TERMINATOR = "terminator";
    static final String REASON = "reason";
    /** The node's pong names this capability when its engine terminates legs. */
    static final String CAPABILITY = "plugboard-endpoints";

    static final String PLAYBACK = "playback";
    static final String COLLECTED = "digits";
    static final String RECORDING = "recording";
    static final String FAILED = "failed";

    private EndpointWire() {
    }

    static Map<String, Object> command(String name, String endpointId) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(Ng.COMMAND, name);
        c.put(ENDPOINT_ID, endpointId);
        return c;
    }

    static void collection(Map<String, Object> c, DigitCollection d) {
        c.put(MAX_DIGITS, d.maxDigits());
        c.put(TERMINATORS, d.terminators());
        c.put(FIRST_MS, d.firstDigitTimeout().toMillis());
        c.put(INTER_MS, d.interDigitTimeout().toMillis());
        c.put(FLUSH, d.flush() ? 1 : 0);
    }

    static DigitCollection collection(NgDict d) {
        return new DigitCollection((int) d.number(MAX_DIGITS, 0), d.string(TERMINATORS), Duration.ofMillis(d.number(FIRST_MS, 0)),
                Duration.ofMillis(d.number(INTER_MS, 0)), d.number(FLUSH, 0) != 0);
    }

    static void recordOptions(Map<String, Object> c, Recording.Options o) {
        c.put(LENGTH_MS, o.max().toMillis());
        c.put(STOP_DIGITS, o.stopDigits());
        if (o.encoding() != null) {
            c.put(ENCODING, o.encoding().name());
        }
    }

    static Recording.Options recordOptions(NgDict d) {
        String encoding = d.string(ENCODING);
        return new Recording.Options(Duration.ofMillis(d.number(LENGTH_MS, 0)), d.string(STOP_DIGITS),
                encoding == null ? null : AudioEncoding.valueOf(encoding));
    }

    /** The event a finished operation sends: its result, or its failure. */
    static Map<String, Object> event(String endpointId, long op, Object result, Throwable failure) {
        Map<String, Object> e = command(EVENT, endpointId);
        e.put(OP, op);
        if (failure != null) {
            e.put(KIND, FAILED);
            e.put(REASON, String.valueOf(failure.getMessage()));
            e.put(ENDING, failure instanceof MediaException m ? m.kind().name() : MediaException.Kind.ENGINE_FAILURE.name());
            if (failure instanceof MediaFileException f && f.file() != null) {
                e.put(FILE, f.file().toString());
            }
        } else if (result instanceof Playback p) {
            e.put(KIND, PLAYBACK);
            e.put(ENDING, p.ending().name());
            e.put(DIGITS, p.digit() == null ? "" : p.digit());
            e.put(LENGTH_MS, p.played().toMillis());
        } else if (result instanceof Digits d) {
            e.put(KIND, COLLECTED);
            e.put(ENDING, d.ending().name());
            e.put(DIGITS, d.digits() == null ? "" : d.digits());
            e.put(TERMINATOR, d.terminator() == null ? "" : d.terminator());
        } else if (result instanceof Recording r) {
            e.put(KIND, RECORDING);
            e.put(ENDING, r.ending().name());
            e.put(FILE, r.file().toString());
            e.put(LENGTH_MS, r.length().toMillis());
            e.put(DIGITS, r.digit() == null ? "" : r.digit());
        } else {
            throw new IllegalArgumentException("not an operation's result: " + result);
        }
        return e;
    }

    /** An event's result (a Playback, Digits or Recording), or the failure it reports, as a MediaException. */
    static Object result(NgDict e) throws MediaException {
        String kind = String.valueOf(e.string(KIND));
        String ending = String.valueOf(e.string(ENDING)).toUpperCase(Locale.ROOT);
        String digits = e.string(DIGITS) == null ? "" : e.string(DIGITS);
        switch (kind) {
            case PLAYBACK:
                return new Playback(Playback.Ending.valueOf(ending), digits, Duration.ofMillis(e.number(LENGTH_MS, 0)));
            case COLLECTED:
                return new Digits(digits, e.string(TERMINATOR) == null ? "" : e.string(TERMINATOR), Digits.Ending.valueOf(ending));
            case RECORDING:
                return new Recording(Path.of(String.valueOf(e.string(FILE))), Duration.ofMillis(e.number(LENGTH_MS, 0)),
                        Recording.Ending.valueOf(ending), digits);
            case FAILED:
                String reason = "media node: " + e.string(REASON);
                if (e.string(FILE) != null) {
                    throw new MediaFileException(Path.of(e.string(FILE)), reason);
                }
                MediaException.Kind k;
                try {
                    k = MediaException.Kind.valueOf(ending);
                } catch (IllegalArgumentException x) {
                    k = MediaException.Kind.ENGINE_FAILURE;
                }
                throw new MediaException(k, reason);
            default:
                throw new MediaException(MediaException.Kind.ENGINE_FAILURE, "media node sent an event of unknown kind '" + kind + "'");
        }
    }
}
