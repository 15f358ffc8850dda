package org.plugboard.sip.internal.tls;

import java.io.ByteArrayOutputStream;

/**
 * Wraps a PKCS#1 RSA private key (what {@code BEGIN RSA PRIVATE KEY} holds) into the PKCS#8 structure the JDK
 * reads: {@code SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption OID, NULL }, OCTET STRING { pkcs1 } }}.
 */
final class Pkcs1 {
    private static final byte[] VERSION_AND_RSA_ALGORITHM = {
        0x02, 0x01, 0x00, // INTEGER 0
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

    private Pkcs1() {
    }

    static byte[] toPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        octets.write(0x04);
        length(octets, pkcs1.length);
        octets.writeBytes(pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(VERSION_AND_RSA_ALGORITHM);
        body.writeBytes(octets.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        length(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** DER definite length: short form below 128, else 0x80|n followed by n big-endian bytes. */
    private static void length(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i) & 0xff);
        }
    }
}
