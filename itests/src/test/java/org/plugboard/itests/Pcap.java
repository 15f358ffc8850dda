package org.plugboard.itests;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic pcap file of RTP packets over Ethernet/IPv4/UDP, the input SIPp's play_pcap_* actions read
 * (only the UDP payload and the timing matter to SIPp). Used for a video stream: sip-tester ships audio only.
 */
final class Pcap {
    private Pcap() {
    }

    /**
     * {@code count} RTP packets of {@code payloadType}, {@code payloadBytes} each, {@code intervalMillis} apart,
     * timestamps at {@code clockRate}.
     */
    static Path rtp(Path file, int count, int payloadType, int payloadBytes, int intervalMillis, int clockRate) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            ByteBuffer global = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            global.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1); // Ethernet
            out.write(global.array());
            for (int i = 0; i < count; i++) {
                byte[] rtp = new byte[12 + payloadBytes];
                ByteBuffer r = ByteBuffer.wrap(rtp);
                r.put((byte) 0x80).put((byte) (payloadType & 0x7f)).putShort((short) i).putInt(i * clockRate / 1000 * intervalMillis)
                        .putInt(0x5eed1234);
                for (int b = 12; b < rtp.length; b++) {
                    rtp[b] = (byte) (i + b);
                }
                byte[] frame = frame(rtp);
                long micros = (long) i * intervalMillis * 1000;
                ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame.length).putInt(frame.length);
                out.write(rec.array());
                out.write(frame);
            }
        }
        return file;
    }

    private static byte[] frame(byte[] udpPayload) {
        int udpLen = 8 + udpPayload.length;
        int ipLen = 20 + udpLen;
        ByteBuffer f = ByteBuffer.allocate(14 + ipLen);
        f.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800); // Ethernet, IPv4
        int ipStart = f.position();
        f.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        int sum = 0;
        for (int i = ipStart; i < ipStart + 20; i += 2) {
            sum += ((f.get(i) & 0xff) << 8) | (f.get(i + 1) & 0xff);
        }
        sum = (sum >> 16) + (sum & 0xffff);
        f.putShort(ipStart + 10, (short) ~(sum + (sum >> 16)));
        f.putShort((short) 40000).putShort((short) 40002).putShort((short) udpLen).putShort((short) 0);
        f.put(udpPayload);
        return f.array();
    }
}
