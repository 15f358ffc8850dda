package org.plugboard.itests.protos;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.Assume;
import org.junit.Test;
import org.plugboard.itests.protos.ProtosCase.Substitution;

/**
 * Parsing and substitution of PROTOS c07-sip cases. The suite is read from {@link ProtosCase#defaultDir()}
 * ({@code -Dprotos.dir}, {@code PROTOS_DIR}, or {@code ../shared/protos-c07-sip} next to the repository); tests that
 * need it are skipped when it is missing.
 */
public class ProtosCaseTest {

    private static final Substitution SUB = Substitution.loopback("alice@127.0.0.1", 5099);

    private static Path suite() {
        Path dir = ProtosCase.defaultDir();
        Assume.assumeTrue("PROTOS c07-sip suite not found at " + dir, ProtosCase.isSuiteDir(dir));
        return dir;
    }

    private static String iso(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Header name (lower case) to value, for the part before the first CRLFCRLF, without the start line. */
    private static Map<String, String> headers(String msg) {
        int end = msg.indexOf("\r\n\r\n");
        assertTrue("no CRLFCRLF", end > 0);
        String[] lines = msg.substring(0, end).split("\r\n", -1);
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            assertTrue("not a header line: " + lines[i], colon > 0);
            h.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        return h;
    }

    // ------------------------------------------------------------------ real cases

    @Test
    public void case0BecomesAValidInviteWithTheRightContentLength() throws IOException {
        ProtosCase c = ProtosCase.load(suite(), 0);
        assertEquals("0000000", c.name());
        assertEquals(0, c.number());
        assertEquals(2, c.pduCount());

        byte[] pdu = c.invite(SUB);
        String msg = iso(pdu);
        assertTrue(msg, msg.startsWith("INVITE sip:alice@127.0.0.1 SIP/2.0\r\n"));
        assertEquals(List.of(), ProtosCase.remainingTags(pdu));
        assertFalse("a '<Tag>' survived: " + msg, msg.matches("(?s).*<[A-Za-z-]+>.*"));

        Map<String, String> h = headers(msg);
        assertEquals("SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK000000", h.get("via"));
        assertEquals("0 <sip:protos@127.0.0.1>;tag=0", h.get("from"));
        assertEquals("Receiver <sip:alice@127.0.0.1>", h.get("to"));
        assertEquals("0@127.0.0.1", h.get("call-id"));
        assertEquals("1 INVITE", h.get("cseq"));
        assertEquals("application/sdp", h.get("content-type"));

        int bodyStart = msg.indexOf("\r\n\r\n") + 4;
        int bodyLength = pdu.length - bodyStart;
        assertTrue(bodyLength > 0);
        assertEquals(Integer.toString(bodyLength), h.get("content-length"));
        String body = msg.substring(bodyStart);
        assertTrue(body, body.startsWith("v=0\r\n"));
        assertTrue(body, body.contains("o=0 0 0 IN IP4 127.0.0.1\r\n"));
        assertTrue(body, body.contains("c=IN IP4 127.0.0.1\r\n"));
        assertTrue(body, body.endsWith("\r\n"));

        // Fits a datagram: truncation leaves it alone.
        assertSame(pdu, ProtosCase.truncate(pdu, ProtosCase.MAX_UDP_PDU));
        assertArrayEquals(pdu, c.invite(SUB, ProtosCase.MAX_UDP_PDU));
    }

    @Test
    public void case0TeardownIsACancelOfTheSameTransaction() throws IOException {
        ProtosCase c = ProtosCase.load(suite(), 0);
        String invite = iso(c.invite(SUB));
        String cancel = iso(c.teardown(SUB));
        assertTrue(cancel, cancel.startsWith("CANCEL sip:alice@127.0.0.1 SIP/2.0\r\n"));
        Map<String, String> hi = headers(invite);
        Map<String, String> hc = headers(cancel);
        assertEquals(hi.get("via"), hc.get("via"));
        assertEquals(hi.get("call-id"), hc.get("call-id"));
        assertEquals("1 CANCEL", hc.get("cseq"));
        assertEquals("0", hc.get("content-length"));
        String ack = iso(c.teardown(SUB.withTeardownMethod("ACK")));
        assertTrue(ack, ack.startsWith("ACK sip:alice@127.0.0.1 SIP/2.0\r\n"));
        assertEquals("1 ACK", headers(ack).get("cseq"));
    }

    @Test
    public void countersMoveOnPerCase() throws IOException {
        ProtosCase c = ProtosCase.load(suite(), 0);
        Substitution next = SUB.next();
        assertEquals("000001", next.branchId());
        Map<String, String> h = headers(iso(c.invite(next)));
        assertEquals("1@127.0.0.1", h.get("call-id"));
        assertEquals("SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK00000000001", h.get("via"));
        assertEquals("1 INVITE", h.get("cseq"));
    }

    @Test
    public void gzCasesLoadAndAreCutToTheUdpLimit() throws IOException {
        Path dir = suite();
        List<Path> gzs;
        try (Stream<Path> files = Files.list(dir.resolve("testcases"))) {
            gzs = files.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList();
        }
        Assume.assumeFalse("no .gz case in " + dir, gzs.isEmpty());
        int cut = 0;
        for (Path gz : gzs) {
            String name = gz.getFileName().toString().replace(".gz", "");
            ProtosCase c = ProtosCase.load(gz);
            assertEquals(name, c.name());
            assertEquals(Integer.parseInt(name), c.number());
            assertEquals(2, c.pduCount());
            // Only files over the UDP limit were gzip'd; in about half of them it is the teardown that is big.
            assertTrue(name, c.rawPdu(0).length + c.rawPdu(1).length > ProtosCase.MAX_UDP_PDU - 20);
            for (byte[] whole : List.of(c.invite(SUB), c.teardown(SUB))) {
                byte[] udp = ProtosCase.truncate(whole, ProtosCase.MAX_UDP_PDU);
                if (whole.length > ProtosCase.MAX_UDP_PDU) {
                    cut++;
                    assertEquals(ProtosCase.MAX_UDP_PDU, udp.length);
                    assertArrayEquals(Arrays.copyOf(whole, ProtosCase.MAX_UDP_PDU), udp);
                } else {
                    assertSame(whole, udp);
                }
            }
            assertArrayEquals(ProtosCase.truncate(c.invite(SUB), ProtosCase.MAX_UDP_PDU),
                    c.invite(SUB, ProtosCase.MAX_UDP_PDU));
        }
        assertTrue("no PDU needed cutting", cut > 0);
        // The same case through its number.
        String first = gzs.get(0).getFileName().toString().replace(".gz", "");
        assertArrayEquals(ProtosCase.load(gzs.get(0)).rawPdu(0),
                ProtosCase.load(dir, Integer.parseInt(first)).rawPdu(0));
    }

    @Test
    public void truncationCutsToTheGivenSize() throws IOException {
        ProtosCase c = ProtosCase.load(suite(), 0);
        byte[] whole = c.invite(SUB);
        byte[] cut = c.invite(SUB, 100);
        assertEquals(100, cut.length);
        assertArrayEquals(Arrays.copyOf(whole, 100), cut);
        assertEquals(0, ProtosCase.truncate(whole, 0).length);
        assertSame(whole, ProtosCase.truncate(whole, whole.length));
        assertEquals(whole.length - 1, ProtosCase.truncate(whole, whole.length - 1).length);
    }

    @Test
    public void noPlaceholderRemainsInTheSample() throws IOException {
        Path dir = suite();
        List<Integer> sample = ProtosSender.selectCases(0, ProtosCase.CASE_COUNT - 1, 50);
        assertEquals(50, sample.size());
        Substitution s = SUB;
        for (int n : sample) {
            ProtosCase c = ProtosCase.load(dir, n);
            assertEquals(2, c.pduCount());
            byte[] invite = c.invite(s);
            assertEquals("case " + n, List.of(), ProtosCase.remainingTags(invite));
            assertEquals("case " + n, List.of(), ProtosCase.remainingTags(c.teardown(s)));
            assertTrue("case " + n, c.invite(s, ProtosCase.MAX_UDP_PDU).length <= ProtosCase.MAX_UDP_PDU);
            if (c.template(0).contains(ProtosCase.CONTENT_LENGTH_TAG)) {
                String msg = iso(invite);
                int h = msg.indexOf("\r\n\r\n");
                String expected = h < 0 ? "0" : Integer.toString(invite.length - h - 4);
                assertTrue("case " + n + " Content-Length " + expected, msg.contains("Content-Length: " + expected));
            }
            s = s.next();
        }
    }

    @Test
    public void lengthPrefixesCountBytesNotChars() throws IOException {
        Path dir = suite();
        // Find a case with bytes >= 0x80 (about a quarter have them); bounded scan.
        for (int n = 1; n < 400; n++) {
            byte[] raw = Files.readAllBytes(ProtosCase.caseFile(dir, n));
            if (ProtosCase.caseFile(dir, n).toString().endsWith(".gz")) {
                continue;
            }
            boolean high = false;
            for (byte b : raw) {
                if ((b & 0x80) != 0) {
                    high = true;
                    break;
                }
            }
            if (!high) {
                continue;
            }
            ProtosCase c = ProtosCase.load(dir, n);
            int sp = 0;
            while (raw[sp] != ' ') {
                sp++;
            }
            int declared = Integer.parseInt(new String(raw, 0, sp, StandardCharsets.US_ASCII));
            assertEquals(declared, c.rawPdu(0).length);
            assertArrayEquals(Arrays.copyOfRange(raw, sp + 1, sp + 1 + declared), c.rawPdu(0));
            assertTrue(iso(c.rawPdu(1)).startsWith("<Teardown-Method> sip:<To> SIP/2.0\r\n"));
            return;
        }
        fail("no case with bytes >= 0x80 among the first 400");
    }

    @Test
    public void contentLengthIsZeroWithoutAnEmptyLine() throws IOException {
        Path dir = suite();
        // Cases 2417..2426 drop the CRLFCRLF between headers and body.
        ProtosCase c = ProtosCase.load(dir, 2417);
        Assume.assumeTrue(c.template(0).contains(ProtosCase.CONTENT_LENGTH_TAG));
        Assume.assumeFalse(c.template(0).contains("\r\n\r\n"));
        String msg = iso(c.invite(SUB));
        assertTrue(msg, msg.contains("\r\nContent-Length: 0\r\n"));
    }

    // ------------------------------------------------------------------ synthetic, no suite needed

    @Test
    public void splitsLengthPrefixedPdus() {
        byte[] raw = "5 hello3 a\u00e9c0 ".getBytes(StandardCharsets.ISO_8859_1);
        ProtosCase c = ProtosCase.parse("x", -1, raw);
        assertEquals(3, c.pduCount());
        assertEquals("hello", c.template(0));
        assertArrayEquals(new byte[] {'a', (byte) 0xe9, 'c'}, c.rawPdu(1));
        assertEquals("", c.template(2));
        for (String bad : new String[] {"", "x 1", "5hello", "9 short", "5 hello ", "-1 a"}) {
            try {
                ProtosCase.splitPdus(bad.getBytes(StandardCharsets.ISO_8859_1));
                fail("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                assertNotNull(expected.getMessage());
            }
        }
    }

    @Test
    public void substitutesExactTagsOnceAndComputesContentLengthLast() {
        String template = "X <To> <sip:<From>> <From-Address>:<Local-Port> <From-Name> <Foo> "
                + "<To <Call-ID>/<Branch-ID>\r\n"
                + "Content-Length: <Content-Length>\r\n\r\nc=IN IP4 <From-IP>\r\n";
        Substitution s = new Substitution("bob@[::1]", "u", "h.example", "127.0.0.9", 7, 41, 0, "CANCEL");
        String out = ProtosCase.substitute(template, s);
        String body = "c=IN IP4 127.0.0.9\r\n";
        assertEquals("X bob@[::1] <sip:u@h.example> h.example:7 u <Foo> <To 41/0\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body, out);
        assertEquals("0", ProtosCase.contentLengthValue("no empty line\r\n"));
        // No <Content-Length> in the template: nothing computed.
        assertEquals("a\r\n\r\nb", ProtosCase.substitute("a\r\n\r\nb", s));
        try {
            new Substitution("<To>@x", "u", "h", "1.2.3.4", 1, 0, 0, "CANCEL");
            fail("accepted a value holding a tag");
        } catch (IllegalArgumentException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    @Test
    public void sampleIsSpreadEvenlyAndHoldsCase0() {
        List<Integer> s = ProtosSender.selectCases(0, 4526, 50);
        assertEquals(50, s.size());
        assertEquals(Integer.valueOf(0), s.get(0));
        assertEquals(Integer.valueOf(4526), s.get(49));
        assertEquals(List.of(0, 10, 15, 20), ProtosSender.selectCases(10, 20, 3));
        assertEquals(4527, ProtosSender.selectCases(0, 4526, 0).size());
        assertEquals(List.of(5, 6, 7), ProtosSender.selectCases(5, 7, 10));
    }
}
