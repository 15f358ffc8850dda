package org.plugboard.media.ng.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.BencodeException;
import com.dampcake.bencode.Type;

/**
 * The ng datagram: {@code <cookie> <bencoded dictionary>}. Encoding writes strings as UTF-8 bytes with their
 * byte length (an SDP with non-ASCII text survives); decoding keeps strings as bytes until {@link NgDict} reads
 * them.
 */
public final class NgCodec {
    /** The largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM = 65_507;
    static final int MAX_COOKIE = 128;
    // useBytes=true: strings decode as ByteBuffer, never through a charset, so byte counts stay exact.
    private static final Bencode BENCODE = new Bencode(StandardCharsets.UTF_8, true);

    private NgCodec() {
    }

    /**
     * Encodes a request or reply. Values may be String, byte[], Number, List and Map (keys are sorted, as bencode
     * wants).
     *
     * @throws IllegalArgumentException for a bad cookie, a value of another type or a datagram over 64 KiB
     */
    public static byte[] encode(String cookie, Map<String, ?> dict) {
        checkCookie(cookie);
        checkValue(dict, 0);
        byte[] body;
        try {
            body = BENCODE.encode(dict);
        } catch (BencodeException e) {
            throw new IllegalArgumentException("cannot bencode " + dict.keySet() + ": " + e.getCause(), e);
        }
        byte[] head = cookie.getBytes(StandardCharsets.US_ASCII);
        if (head.length + 1 + body.length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("ng message of " + (head.length + 1 + body.length) + " bytes exceeds a UDP datagram");
        }
        byte[] out = Arrays.copyOf(head, head.length + 1 + body.length);
        out[head.length] = ' ';
        System.arraycopy(body, 0, out, head.length + 1, body.length);
        return out;
    }

    /** Splits and decodes one datagram. */
    public static NgMessage decode(byte[] datagram) throws NgFormatException {
        int space = -1;
        for (int i = 0; i < Math.min(datagram.length, MAX_COOKIE + 1); i++) {
            if (datagram[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space <= 0) {
            throw new NgFormatException("no cookie followed by a space in the first " + (MAX_COOKIE + 1) + " bytes");
        }
        String cookie = new String(datagram, 0, space, StandardCharsets.US_ASCII);
        checkCookieFormat(cookie);
        BencodeGuard.checkDictionary(datagram, space + 1);
        byte[] body = Arrays.copyOfRange(datagram, space + 1, datagram.length);
        try {
            return new NgMessage(cookie, new NgDict(BENCODE.decode(body, Type.DICTIONARY)));
        } catch (RuntimeException e) {
            throw new NgFormatException("bencode: " + (e.getCause() != null ? e.getCause() : e));
        }
    }

    /** The library writes any other object as its toString(): refuse instead of sending nonsense. */
    private static void checkValue(Object value, int depth) {
        if (depth > BencodeGuard.MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + BencodeGuard.MAX_DEPTH);
        }
        if (value instanceof String || value instanceof byte[] || value instanceof Long || value instanceof Integer) {
            return;
        }
        if (value instanceof Iterable<?> list) {
            list.forEach(v -> checkValue(v, depth + 1));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException("dictionary key " + k + " is not a string");
                }
                checkValue(v, depth + 1);
            });
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass().getName()));
        }
    }

    private static void checkCookie(String cookie) {
        try {
            checkCookieFormat(cookie);
        } catch (NgFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Printable ASCII without spaces, at most {@value #MAX_COOKIE} characters. */
    private static void checkCookieFormat(String cookie) throws NgFormatException {
        if (cookie == null || cookie.isEmpty() || cookie.length() > MAX_COOKIE) {
            throw new NgFormatException("cookie must be 1 to " + MAX_COOKIE + " characters");
        }
        for (int i = 0; i < cookie.length(); i++) {
            char c = cookie.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new NgFormatException("cookie has a non-printable or non-ASCII character");
            }
        }
    }
}
