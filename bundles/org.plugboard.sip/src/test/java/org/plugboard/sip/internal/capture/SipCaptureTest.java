package org.plugboard.sip.internal.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import javax.sip.message.Request;
import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gov.nist.javax.sip.message.MessageFactoryImpl;

class SipCaptureTest {
    private static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();
    private static final InetSocketAddress ALICE = new InetSocketAddress("192.0.2.9", 5062);
    private static final InetSocketAddress CAROL = new InetSocketAddress("192.0.2.77", 5064);
    private final SipCapture capture = new SipCapture((t, v6) -> new InetSocketAddress("192.0.2.1", 5060));

    static Request request(String method, String from, String to, String callId) throws Exception {
        return MESSAGES.createRequest(method + " sip:" + to + "@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9:5062;branch=z9hG4bK" + callId + method + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:" + from + "@192.0.2.9>;tag=a1\r\nTo: <sip:" + to + "@192.0.2.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void countsByDirectionMethodAndStatusWithUnknownMethodsFolded() throws Exception {
        Request invite = request("INVITE", "100", "101", "c1");
        capture.in(invite, ALICE, "UDP");
        capture.out(MESSAGES.createResponse(100, invite), ALICE, "UDP");
        capture.out(MESSAGES.createResponse(200, invite), ALICE, "UDP");
        capture.in(request("ACK", "100", "101", "c1"), ALICE, "UDP");
        capture.in(request("XYZZY", "100", "101", "c2"), ALICE, "UDP");
        capture.in(request("FROBNICATE", "100", "101", "c3"), ALICE, "UDP");
        Map<MessageCounts.Key, Long> c = capture.counts().snapshot();
        assertEquals(1L, c.get(new MessageCounts.Key(false, "INVITE", 0)));
        assertEquals(1L, c.get(new MessageCounts.Key(false, "ACK", 0)));
        assertEquals(2L, c.get(new MessageCounts.Key(false, "OTHER", 0)));
        assertEquals(1L, c.get(new MessageCounts.Key(true, "INVITE", 100)));
        assertEquals(1L, c.get(new MessageCounts.Key(true, "INVITE", 200)));
        assertEquals(5, c.size());
    }

    @Test
    void theTraceKeepsOnlyWhatTheFilterNamesAndNothingWhileOff() throws Exception {
        capture.in(request("OPTIONS", "100", "101", "c0"), ALICE, "UDP");
        assertTrue(capture.recent(10).isEmpty(), "trace off: nothing kept");
        capture.setTrace(true);
        capture.setFilter(new TraceFilter(Set.of("200"), Set.of("call-x"), Set.of("192.0.2.77")));
        capture.in(request("INVITE", "100", "101", "c1"), ALICE, "UDP"); // none matches
        capture.in(request("INVITE", "100", "200", "c2"), ALICE, "UDP"); // extension 200 (To)
        capture.in(request("INVITE", "100", "101", "call-x"), ALICE, "UDP"); // Call-ID
        capture.out(request("BYE", "100", "101", "c3"), InetSocketAddress.createUnresolved("192.0.2.77", 5064), "UDP"); // address
        capture.in(request("BYE", "300", "101", "c4"), CAROL, "UDP"); // address, inbound
        List<String> recent = capture.recent(10);
        assertEquals(4, recent.size(), String.join("\n----\n", recent));
        assertTrue(recent.get(0).contains("<<< UDP from 192.0.2.9:5062") && recent.get(0).contains("Call-ID: c2"), recent.get(0));
        assertTrue(recent.get(1).contains("Call-ID: call-x"));
        assertTrue(recent.get(2).contains(">>> UDP to 192.0.2.77:5064") && recent.get(2).contains("Call-ID: c3"), recent.get(2));
        assertTrue(recent.get(3).contains("Call-ID: c4"));
        assertEquals(List.of(recent.get(3)), capture.recent(1));
    }

    @Test
    void aPcapFileHoldsTheFilteredMessagesWithTheirAddresses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.pcap");
        capture.setFilter(new TraceFilter(Set.of(), Set.of("keep"), Set.of()));
        capture.startPcap(file, 1 << 20);
        Request invite = request("INVITE", "100", "101", "keep");
        capture.in(invite, ALICE, "UDP");
        capture.in(request("INVITE", "100", "101", "drop"), ALICE, "UDP");
        capture.out(MESSAGES.createResponse(180, invite), ALICE, "UDP");
        PcapFile stopped = capture.stopPcap();
        assertEquals(2, stopped.written());
        ByteBuffer f = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        f.position(24);
        List<String> payloads = new ArrayList<>();
        List<String> hops = new ArrayList<>();
        while (f.hasRemaining()) {
            f.getInt();
            f.getInt();
            int incl = f.getInt();
            f.getInt();
            byte[] ip = new byte[incl];
            f.get(ip);
            ByteBuffer p = ByteBuffer.wrap(ip);
            hops.add(InetAddress.getByAddress(java.util.Arrays.copyOfRange(ip, 12, 16)).getHostAddress() + ":" + (p.getShort(20) & 0xffff)
                    + ">" + InetAddress.getByAddress(java.util.Arrays.copyOfRange(ip, 16, 20)).getHostAddress() + ":"
                    + (p.getShort(22) & 0xffff));
            payloads.add(new String(ip, 28, ip.length - 28, StandardCharsets.UTF_8));
        }
        assertEquals(List.of("192.0.2.9:5062>192.0.2.1:5060", "192.0.2.1:5060>192.0.2.9:5062"), hops);
        assertTrue(payloads.get(0).startsWith("INVITE sip:101@192.0.2.1 SIP/2.0\r\n"), payloads.get(0));
        assertTrue(payloads.get(1).startsWith("SIP/2.0 180 Ringing\r\n"), payloads.get(1));
    }

    @Test
    void hepPacketsReachACollectorWithEveryMessage() throws Exception {
        try (DatagramSocket collector = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            collector.setSoTimeout(5000);
            HepExporter hep = new HepExporter(new InetSocketAddress(InetAddress.getLoopbackAddress(), collector.getLocalPort()), 77, 100);
            capture.setHep(hep);
            capture.setFilter(new TraceFilter(Set.of("nobody"), Set.of(), Set.of())); // HEP is not filtered
            Request register = request("REGISTER", "100", "100", "reg-1");
            capture.in(register, ALICE, "UDP");
            Response ok = MESSAGES.createResponse(200, register);
            capture.out(ok, ALICE, "UDP");
            List<HepPacket> got = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                DatagramPacket d = new DatagramPacket(new byte[65535], 65535);
                collector.receive(d);
                got.add(HepPacket.parse(d.getData(), d.getLength()));
            }
            capture.setHep(null).close();
            assertEquals(register.toString(), got.get(0).text(HepEncoder.PAYLOAD));
            assertEquals(5062, got.get(0).u16(HepEncoder.SRC_PORT));
            assertEquals(5060, got.get(0).u16(HepEncoder.DST_PORT));
            assertEquals(ok.toString(), got.get(1).text(HepEncoder.PAYLOAD));
            assertEquals(5060, got.get(1).u16(HepEncoder.SRC_PORT));
            assertEquals(77, got.get(1).u32(HepEncoder.CAPTURE_ID));
            assertEquals("reg-1", got.get(1).text(HepEncoder.CORRELATION_ID));
            assertEquals(2, hep.sent());
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        CaptureQueue q = new CaptureQueue("test", 2, new CaptureQueue.Writer() {
            @Override
            public void write(Captured m) throws InterruptedException {
                writing.countDown();
                release.await();
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        Captured m = HepEncoderTest.captured("192.0.2.9", 1, "192.0.2.1", 2, "UDP", "x");
        q.offer(m);
        writing.await(); // the writer holds the first
        for (int i = 0; i < 5; i++) {
            q.offer(m); // two fit, three are dropped; none waits
        }
        assertEquals(3, q.dropped());
        release.countDown();
        q.close(5000);
        assertEquals(3, q.written());
    }
}
