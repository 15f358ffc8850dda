package org.plugboard.media.ng.internal;

/**
 * Checks the shape of a bencoded value before the library decodes it. The library allocates whatever length a
 * string announces ({@code 2000000000:} costs 2 GB), so a datagram from anyone could exhaust the heap; here every
 * length must fit in the bytes that are actually there, and nesting is capped.
 */
final class BencodeGuard {
    static final int MAX_DEPTH = 16;

    private final byte[] data;
    private int pos;

    private BencodeGuard(byte[] data, int start) {
        this.data = data;
        this.pos = start;
    }

    /** Throws unless {@code data[start..]} is exactly one well-formed dictionary. */
    static void checkDictionary(byte[] data, int start) throws NgFormatException {
        if (start >= data.length || data[start] != 'd') {
            throw new NgFormatException("not a bencoded dictionary");
        }
        BencodeGuard guard = new BencodeGuard(data, start);
        guard.value(0);
        if (guard.pos != data.length) {
            throw new NgFormatException((data.length - guard.pos) + " byte(s) after the dictionary");
        }
    }

    private void value(int depth) throws NgFormatException {
        if (depth > MAX_DEPTH) {
            throw new NgFormatException("nested deeper than " + MAX_DEPTH);
        }
        byte b = peek();
        if (b == 'i') {
            pos++;
            digits('e', true, 19);
        } else if (b == 'l' || b == 'd') {
            pos++;
            boolean dictionary = b == 'd';
            while (peek() != 'e') {
                if (dictionary) {
                    string();
                }
                value(depth + 1);
            }
            pos++;
        } else if (b >= '0' && b <= '9') {
            string();
        } else {
            throw new NgFormatException("unexpected byte " + (b & 0xff) + " at " + pos);
        }
    }

    private void string() throws NgFormatException {
        long length = digits(':', false, 9);
        if (length > data.length - pos) {
            throw new NgFormatException("string of " + length + " bytes at " + pos + " runs past the datagram");
        }
        pos += (int) length;
    }

    /** Reads decimal digits up to {@code end}; returns the value. Length-capped so it never overflows. */
    private long digits(char end, boolean signed, int maxDigits) throws NgFormatException {
        if (signed && peek() == '-') {
            pos++;
        }
        long value = 0;
        int count = 0;
        while (peek() != end) {
            byte b = data[pos++];
            if (b < '0' || b > '9' || ++count > maxDigits) {
                throw new NgFormatException("bad number at " + (pos - 1));
            }
            value = value * 10 + (b - '0');
        }
        if (count == 0) {
            throw new NgFormatException("empty number at " + pos);
        }
        pos++;
        return value;
    }

    private byte peek() throws NgFormatException {
        if (pos >= data.length) {
            throw new NgFormatException("truncated");
        }
        return data[pos];
    }
}
