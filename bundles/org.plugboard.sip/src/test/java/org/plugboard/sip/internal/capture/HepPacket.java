package org.plugboard.sip.internal.capture;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** A HEP3 reader for the tests, written from the protocol description, not from the encoder. */
record HepPacket(int totalLength, Map<Integer, byte[]> chunks) {
    static HepPacket parse(byte[] packet, int length) {
        ByteBuffer b = ByteBuffer.wrap(packet, 0, length);
        byte[] id = new byte[4];
        b.get(id);
        if (!"HEP3".equals(new String(id, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("not HEP3");
        }
        int total = b.getShort() & 0xffff;
        Map<Integer, byte[]> chunks = new LinkedHashMap<>();
        while (b.position() < total) {
            int vendor = b.getShort() & 0xffff;
            int type = b.getShort() & 0xffff;
            int len = b.getShort() & 0xffff;
            if (vendor != 0 || len < 6) {
                throw new IllegalArgumentException("bad chunk " + vendor + "/" + type + " length " + len);
            }
            byte[] v = new byte[len - 6];
            b.get(v);
            chunks.put(type, v);
        }
        if (b.position() != length) {
            throw new IllegalArgumentException("total length " + total + " but " + length + " bytes");
        }
        return new HepPacket(total, chunks);
    }

    int u8(int type) {
        return chunks.get(type)[0] & 0xff;
    }

    int u16(int type) {
        return ByteBuffer.wrap(chunks.get(type)).getShort() & 0xffff;
    }

    long u32(int type) {
        return ByteBuffer.wrap(chunks.get(type)).getInt() & 0xffffffffL;
    }

    String text(int type) {
        return new String(chunks.get(type), java.nio.charset.StandardCharsets.UTF_8);
    }
}
