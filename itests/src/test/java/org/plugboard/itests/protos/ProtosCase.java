package org.plugboard.itests.protos;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One case of the PROTOS c07-sip robustness suite, read at run time from the shared folder (the suite is
 * GPL-2 test data and is never copied into this repository).
 *
 * <p>A case file holds PDUs written as {@code <decimal length><SP><PDU bytes>}: PDU 1 is the INVITE, PDU 2 the
 * teardown template ({@code <Teardown-Method> sip:<To> ...}). The file is handled as ISO-8859-1, so one char is
 * one byte and the length prefixes (which count bytes of the unsubstituted template) can be applied directly.
 * Files larger than 65,507 bytes are stored as {@code NNNNNNN.gz}.
 *
 * <p>Substitution follows the upstream sender: every exact {@code <Tag>} is replaced by its value, then, if the
 * template contains {@code <Content-Length>}, every occurrence of it is replaced by the length of the substituted
 * PDU minus the offset just past its first CRLFCRLF ({@code 0} if it has none). Over UDP the result is cut to
 * 65,507 bytes.
 */
public final class ProtosCase {

    /** Largest UDP payload over IPv4, and the upstream sender's default {@code -maxpdusize}. */
    public static final int MAX_UDP_PDU = 65_507;

    /** Cases {@code 0000000}..{@code 0004526}. */
    public static final int CASE_COUNT = 4_527;

    public static final String CONTENT_LENGTH_TAG = "<Content-Length>";

    /**
     * Tags replaced before the Content-Length pass. The last four are defined by the upstream sender but used by no
     * case; upstream's {@code <Send-To>} (also unused) is not replaced.
     */
    public static final List<String> TAGS = List.of(
            "<To>", "<From>", "<From-Address>", "<From-IP>", "<Local-Port>", "<Call-ID>", "<Branch-ID>",
            "<CSeq>", "<Teardown-Method>", "<From-Name>", "<To-Name>", "<To-Address>", "<To-IP>");

    /** The suite folder relative to the repo root, unless {@code -Dprotos.dir} or {@code PROTOS_DIR} is set. */
    public static final String DEFAULT_RELATIVE_DIR = "../shared/protos-c07-sip";

    private final String name;
    private final int number;
    private final List<String> pdus;

    private ProtosCase(String name, int number, List<String> pdus) {
        this.name = name;
        this.number = number;
        this.pdus = pdus;
    }

    /**
     * The values put into a case. {@code toUri} is {@code user@host} without {@code sip:}; {@code <From>} becomes
     * {@code fromUser@fromAddress}. {@code fromAddress} goes into the Via sent-by, so responses go there: keep it a
     * loopback address. {@code callId} and {@code branch} are the per-case counters.
     */
    public record Substitution(String toUri, String fromUser, String fromAddress, String fromIp, int localPort,
            long callId, long branch, String teardownMethod) {

        public Substitution {
            requireNoTag(toUri, "toUri");
            requireNoTag(fromUser, "fromUser");
            requireNoTag(fromAddress, "fromAddress");
            requireNoTag(fromIp, "fromIp");
            requireNoTag(teardownMethod, "teardownMethod");
            if (localPort < 0 || localPort > 65_535) {
                throw new IllegalArgumentException("localPort out of range: " + localPort);
            }
            if (callId < 0 || branch < 0) {
                throw new IllegalArgumentException("counters must not be negative");
            }
        }

        private static void requireNoTag(String value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " is null");
            }
            if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
                throw new IllegalArgumentException(what + " must not contain '<' or '>': " + value);
            }
        }

        /** Loopback defaults: from {@code protos@127.0.0.1}, counters at 0, teardown method CANCEL. */
        public static Substitution loopback(String toUri, int localPort) {
            return new Substitution(toUri, "protos", "127.0.0.1", "127.0.0.1", localPort, 0, 0, "CANCEL");
        }

        /** The value of {@code <From>}. */
        public String from() {
            return fromUser + "@" + fromAddress;
        }

        /** As upstream: {@code 0} for the first case, then six digits zero-padded ({@code 000001}, ...). */
        public String branchId() {
            return branch == 0 ? "0" : String.format("%06d", branch);
        }

        /** The counters moved on by one, as after each case. */
        public Substitution next() {
            return new Substitution(toUri, fromUser, fromAddress, fromIp, localPort, callId + 1, branch + 1,
                    teardownMethod);
        }

        public Substitution withTeardownMethod(String method) {
            return new Substitution(toUri, fromUser, fromAddress, fromIp, localPort, callId, branch, method);
        }

        public Substitution withLocalPort(int port) {
            return new Substitution(toUri, fromUser, fromAddress, fromIp, port, callId, branch, teardownMethod);
        }

        public Substitution withCounters(long newCallId, long newBranch) {
            return new Substitution(toUri, fromUser, fromAddress, fromIp, localPort, newCallId, newBranch,
                    teardownMethod);
        }

        /** Tag to value, without {@code <Content-Length>} (computed afterwards). */
        public Map<String, String> values() {
            int at = toUri.indexOf('@');
            Map<String, String> m = new LinkedHashMap<>();
            m.put("<To>", toUri);
            m.put("<From>", from());
            m.put("<From-Address>", fromAddress);
            m.put("<From-IP>", fromIp);
            m.put("<Local-Port>", Integer.toString(localPort));
            m.put("<Call-ID>", Long.toString(callId));
            m.put("<Branch-ID>", branchId());
            m.put("<CSeq>", "1");
            m.put("<Teardown-Method>", teardownMethod);
            m.put("<From-Name>", fromUser);
            m.put("<To-Name>", at >= 0 ? toUri.substring(0, at) : toUri);
            m.put("<To-Address>", at >= 0 ? toUri.substring(at + 1) : toUri);
            m.put("<To-IP>", at >= 0 ? toUri.substring(at + 1) : toUri);
            // <Send-To> is left alone: no case uses it.
            return m;
        }
    }

    // ------------------------------------------------------------------ locating and loading

    /**
     * The suite folder: system property {@code protos.dir}, else env {@code PROTOS_DIR}, else
     * {@value #DEFAULT_RELATIVE_DIR} relative to the repository root (found by walking up from the working directory
     * to the folder holding {@code pom.xml} and {@code itests/}, or {@code .git}).
     */
    public static Path defaultDir() {
        String prop = System.getProperty("protos.dir");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        String env = System.getenv("PROTOS_DIR");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return repoRoot().resolve(DEFAULT_RELATIVE_DIR).normalize();
    }

    static Path repoRoot() {
        Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("itests"))) {
                return p;
            }
        }
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return start;
    }

    /** True if {@code dir} (the suite folder or its {@code testcases/}) holds case 0. */
    public static boolean isSuiteDir(Path dir) {
        try {
            caseFile(dir, 0);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code dir/testcases/NNNNNNN} or {@code .gz}; {@code dir} may also be the {@code testcases} folder itself. */
    public static Path caseFile(Path dir, int number) throws IOException {
        if (number < 0) {
            throw new IllegalArgumentException("case number must not be negative: " + number);
        }
        String base = String.format("%07d", number);
        Path cases = Files.isDirectory(dir.resolve("testcases")) ? dir.resolve("testcases") : dir;
        Path plain = cases.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = cases.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new java.nio.file.NoSuchFileException(plain + "[.gz]");
    }

    public static ProtosCase load(Path dir, int number) throws IOException {
        return load(caseFile(dir, number));
    }

    /** Loads a case file; {@code .gz} (or gzip magic) is decompressed. */
    public static ProtosCase load(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                raw = in.readAllBytes();
            }
        }
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".gz") ? fileName.substring(0, fileName.length() - 3) : fileName;
        int number;
        try {
            number = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            number = -1;
        }
        return parse(name, number, raw);
    }

    /** Splits {@code raw} into its length-prefixed PDUs. */
    public static ProtosCase parse(String name, int number, byte[] raw) {
        return new ProtosCase(name, number, Collections.unmodifiableList(splitPdus(raw)));
    }

    /** {@code (<decimal length><SP><bytes>)+}, strictly: the prefixes must account for every byte. */
    public static List<String> splitPdus(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (pos < s.length()) {
            int sp = pos;
            while (sp < s.length() && Character.isDigit(s.charAt(sp)) && s.charAt(sp) < 0x80) {
                sp++;
            }
            if (sp == pos || sp - pos > 9 || sp >= s.length() || s.charAt(sp) != ' ') {
                throw new IllegalArgumentException("bad PDU length prefix at byte " + pos);
            }
            int len = Integer.parseInt(s.substring(pos, sp));
            int start = sp + 1;
            if (len > s.length() - start) {
                throw new IllegalArgumentException("PDU at byte " + pos + " claims " + len + " bytes, only "
                        + (s.length() - start) + " left");
            }
            out.add(s.substring(start, start + len));
            pos = start + len;
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no PDU in case");
        }
        return out;
    }

    // ------------------------------------------------------------------ accessors

    /** File name without {@code .gz}, e.g. {@code 0000042}. */
    public String name() {
        return name;
    }

    /** Case number, or -1 if the file name is not numeric. */
    public int number() {
        return number;
    }

    public int pduCount() {
        return pdus.size();
    }

    /** PDU {@code index} as stored (unsubstituted), one char per byte. */
    public String template(int index) {
        return pdus.get(index);
    }

    public byte[] rawPdu(int index) {
        return pdus.get(index).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** PDU 1 substituted, whole (TCP-sized). */
    public byte[] invite(Substitution s) {
        return substitute(template(0), s).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** PDU 1 substituted and cut to {@code maxPduSize} bytes. */
    public byte[] invite(Substitution s, int maxPduSize) {
        return truncate(invite(s), maxPduSize);
    }

    /** PDU 2 with {@code <Teardown-Method>} = {@code s.teardownMethod()}, whole. */
    public byte[] teardown(Substitution s) {
        if (pdus.size() < 2) {
            throw new IllegalStateException("case " + name + " has no teardown PDU");
        }
        return substitute(template(1), s).getBytes(StandardCharsets.ISO_8859_1);
    }

    public byte[] teardown(Substitution s, int maxPduSize) {
        return truncate(teardown(s), maxPduSize);
    }

    // ------------------------------------------------------------------ substitution

    /**
     * Replaces every exact {@code <Tag>} of {@link Substitution#values()} in one left-to-right pass (a value is never
     * rescanned), then applies the Content-Length rule.
     */
    public static String substitute(String template, Substitution s) {
        Map<String, String> values = s.values();
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        int n = template.length();
        while (i < n) {
            int lt = template.indexOf('<', i);
            if (lt < 0) {
                out.append(template, i, n);
                break;
            }
            out.append(template, i, lt);
            String hit = null;
            for (String tag : values.keySet()) {
                if (template.startsWith(tag, lt)) {
                    hit = tag;
                    break;
                }
            }
            if (hit != null) {
                out.append(values.get(hit));
                i = lt + hit.length();
            } else {
                out.append('<');
                i = lt + 1;
            }
        }
        if (template.contains(CONTENT_LENGTH_TAG)) {
            // Measured with the tag still in place, as upstream does; in every case of the suite the tag sits
            // before the first CRLFCRLF, so the number is the real body length.
            String value = contentLengthValue(out);
            return out.toString().replace(CONTENT_LENGTH_TAG, value);
        }
        return out.toString();
    }

    /** Length of {@code pdu} minus the offset just past its first CRLFCRLF, or {@code "0"} without one. */
    public static String contentLengthValue(CharSequence pdu) {
        int h = pdu.toString().indexOf("\r\n\r\n");
        return h < 0 ? "0" : Integer.toString(pdu.length() - (h + 4));
    }

    /** The first {@code max} bytes of {@code pdu} (the same array if it already fits). */
    public static byte[] truncate(byte[] pdu, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        return pdu.length <= max ? pdu : java.util.Arrays.copyOf(pdu, max);
    }

    /** The tags of {@link #TAGS} and {@link #CONTENT_LENGTH_TAG} that occur in {@code pdu}. */
    public static List<String> remainingTags(byte[] pdu) {
        String s = new String(pdu, StandardCharsets.ISO_8859_1);
        List<String> left = new ArrayList<>();
        for (String tag : TAGS) {
            if (s.contains(tag)) {
                left.add(tag);
            }
        }
        if (s.contains(CONTENT_LENGTH_TAG)) {
            left.add(CONTENT_LENGTH_TAG);
        }
        return left;
    }

    @Override
    public String toString() {
        return "ProtosCase[" + name + ", " + pdus.size() + " PDUs, " + pdus.get(0).length() + " bytes]";
    }
}
