package gov.nist.javax.sip.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * What the UDP receive loop queues: each datagram in an array of exactly its length, independent of the one buffer the
 * loop reads into (the next datagram overwrites that buffer while a worker may still be parsing this one).
 */
class ReceiveCopyTest {

    @Test
    void theCopyHoldsExactlyTheDatagramFromOffsetZero() throws Exception {
        byte[] buffer = new byte[65536];
        byte[] message = "OPTIONS sip:pbx SIP/2.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(message, 0, buffer, 0, message.length);
        DatagramPacket in = new DatagramPacket(buffer, buffer.length, InetAddress.getLoopbackAddress(), 5062);
        in.setLength(message.length);

        DatagramPacket copy = RestartableProcessorFactory.RestartableUdpProcessor.copyOf(in);

        assertEquals(message.length, copy.getData().length, "no 64 KiB array per datagram");
        assertEquals(0, copy.getOffset());
        assertEquals(message.length, copy.getLength());
        assertArrayEquals(message, copy.getData());
        assertEquals(InetAddress.getLoopbackAddress(), copy.getAddress());
        assertEquals(5062, copy.getPort());
    }

    @Test
    void theNextDatagramInTheBufferLeavesTheCopyAlone() throws Exception {
        byte[] buffer = new byte[1024];
        Arrays.fill(buffer, 0, 10, (byte) 'a');
        DatagramPacket in = new DatagramPacket(buffer, 10, InetAddress.getLoopbackAddress(), 5062);
        DatagramPacket first = RestartableProcessorFactory.RestartableUdpProcessor.copyOf(in);
        Arrays.fill(buffer, (byte) 'b');
        assertEquals("aaaaaaaaaa", new String(first.getData(), StandardCharsets.US_ASCII));
    }

    @Test
    void aDatagramAtAnOffsetIsCopiedFromThere() throws Exception {
        byte[] buffer = "xxxxSIP/2.0 200 OK".getBytes(StandardCharsets.US_ASCII);
        DatagramPacket in = new DatagramPacket(buffer, 4, buffer.length - 4, InetAddress.getLoopbackAddress(), 5062);
        assertEquals("SIP/2.0 200 OK", new String(RestartableProcessorFactory.RestartableUdpProcessor.copyOf(in).getData(),
                StandardCharsets.US_ASCII));
    }
}
