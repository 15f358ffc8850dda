package org.plugboard.media.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;

import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;

import io.netty.util.NetUtil;

/**
 * A parsed SDP body that remembers its lines as they came (terminators included), so the rewriter can change a
 * few lines and keep every other byte. Validation is done twice: here for what the relay relies on, with
 * messages naming the line, then by the javax.sdp parser (the JAIN-SIP RI's, the one the B2BUA uses) for the rest
 * of the grammar.
 */
public final class Sdp {
    private static final String[] DIRECTIONS = {"sendrecv", "sendonly", "recvonly", "inactive"};

    /** Line contents without terminators. */
    final List<String> lines;
    /** The terminator of each line ("\r\n", "\n" or "" for a last line without one). */
    final List<String> terminators;
    /** Index of the first line of each m= section. */
    final List<Integer> sectionStarts;
    private final List<MediaSection> media;

    private Sdp(List<String> lines, List<String> terminators, List<Integer> sectionStarts, List<MediaSection> media) {
        this.lines = lines;
        this.terminators = terminators;
        this.sectionStarts = sectionStarts;
        this.media = media;
    }

    public List<MediaSection> media() {
        return media;
    }

    /** Parses and validates; {@link Kind#BAD_SDP} with the problem named otherwise. */
    public static Sdp parse(String text) throws MediaException {
        if (text == null || text.isEmpty()) {
            throw bad("the SDP body is empty");
        }
        List<String> lines = new ArrayList<>();
        List<String> terminators = new ArrayList<>();
        split(text, lines, terminators);
        if (!lines.get(0).startsWith("v=")) {
            throw bad("SDP must start with v=, not '" + abbreviate(lines.get(0)) + "'");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() && i == lines.size() - 1) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || !Character.isLetter(line.charAt(0))) {
                throw bad("line " + (i + 1) + " is not <letter>=<value>: '" + abbreviate(line) + "'");
            }
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("m=")) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            throw bad("the SDP has no m= line");
        }
        int sessionEnd = starts.get(0);
        InetAddress sessionAddress = null;
        boolean sessionHasConnection = false;
        String sessionDirection = "sendrecv";
        boolean origin = false;
        for (int i = 0; i < sessionEnd; i++) {
            String line = lines.get(i);
            if (line.startsWith("o=")) {
                origin = true;
                checkOrigin(line, i);
            } else if (line.startsWith("c=")) {
                sessionAddress = connection(line, i);
                sessionHasConnection = true;
            } else if (direction(line) != null) {
                sessionDirection = direction(line);
            }
        }
        if (!origin) {
            throw bad("the SDP has no o= line");
        }
        List<MediaSection> media = new ArrayList<>();
        for (int s = 0; s < starts.size(); s++) {
            int from = starts.get(s);
            int to = s + 1 < starts.size() ? starts.get(s + 1) : lines.size();
            media.add(section(lines, s, from, to, sessionAddress, sessionHasConnection, sessionDirection));
        }
        // Last: the RI parser catches what the checks above do not look at, but names no line when it fails.
        checkGrammar(text);
        return new Sdp(lines, terminators, starts, List.copyOf(media));
    }

    private static MediaSection section(List<String> lines, int index, int from, int to, InetAddress sessionAddress,
            boolean sessionHasConnection, String sessionDirection) throws MediaException {
        String[] m = lines.get(from).substring(2).split(" ");
        if (m.length < 4) {
            throw bad("line " + (from + 1) + " is not 'm=<media> <port> <proto> <formats>': '" + abbreviate(lines.get(from)) + "'");
        }
        int port = port(m[1].contains("/") ? m[1].substring(0, m[1].indexOf('/')) : m[1], from);
        InetAddress address = sessionAddress;
        boolean hasConnection = sessionHasConnection;
        int rtcpPort = port == 0 ? 0 : port + 1;
        InetAddress rtcpAddress = null;
        boolean rtcpMux = false;
        String direction = sessionDirection;
        Map<Integer, Integer> clocks = new HashMap<>(); // the rtpmap lines; the static types are MediaSection's
        int telephoneEvent = -1;
        for (int i = from + 1; i < to; i++) {
            String line = lines.get(i);
            if (line.startsWith("c=")) {
                address = connection(line, i);
                hasConnection = true;
            } else if (line.startsWith("a=rtcp:")) {
                String[] rtcp = line.substring(7).trim().split(" ");
                rtcpPort = port(rtcp[0], i);
                if (rtcp.length >= 4) {
                    rtcpAddress = ip(rtcp[3], i);
                }
            } else if (line.equals("a=rtcp-mux")) {
                rtcpMux = true;
            } else if (line.startsWith("a=rtpmap:")) {
                String[] map = line.substring(9).trim().split("[ /]");
                if (map.length >= 3) {
                    try {
                        int pt = Integer.parseInt(map[0]);
                        clocks.put(pt, Integer.parseInt(map[2]));
                        if ("telephone-event".equalsIgnoreCase(map[1])) {
                            telephoneEvent = pt;
                        }
                    } catch (NumberFormatException e) {
                        throw bad("line " + (i + 1) + " has a bad rtpmap: '" + abbreviate(line) + "'");
                    }
                }
            } else if (direction(line) != null) {
                direction = direction(line);
            }
        }
        if (!hasConnection && port != 0) {
            throw bad("m-line " + index + " (" + m[0] + ") has no c= line at media or session level");
        }
        return new MediaSection(index, m[0], port, m[2], address, rtcpPort, rtcpAddress == null ? address : rtcpAddress,
                rtcpMux, direction, Map.copyOf(clocks), telephoneEvent);
    }

    /** The javax.sdp grammar check; the RI's message names the offending line in the cause. */
    private static void checkGrammar(String text) throws MediaException {
        try {
            SessionDescription sd = SdpFactory.getInstance().createSessionDescription(text);
            Vector<?> media = sd.getMediaDescriptions(false);
            if (media == null || media.isEmpty()) {
                throw bad("the SDP has no m= line");
            }
        } catch (SdpException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw bad("the SDP does not parse: " + abbreviate(String.valueOf(cause.getMessage()).trim()));
        } catch (RuntimeException e) {
            throw bad("the SDP does not parse: " + e);
        }
    }

    private static void checkOrigin(String line, int i) throws MediaException {
        String[] o = line.substring(2).split(" ");
        if (o.length != 6) {
            throw bad("line " + (i + 1) + " is not 'o=<user> <id> <version> IN IP4|IP6 <address>': '" + abbreviate(line) + "'");
        }
    }

    /** The c= address; null for the unspecified address (0.0.0.0 or ::, the old hold). */
    private static InetAddress connection(String line, int i) throws MediaException {
        String[] c = line.substring(2).split(" ");
        if (c.length != 3 || !"IN".equals(c[0]) || !("IP4".equals(c[1]) || "IP6".equals(c[1]))) {
            throw bad("line " + (i + 1) + " is not 'c=IN IP4|IP6 <address>': '" + abbreviate(line) + "'");
        }
        String host = c[2].contains("/") ? c[2].substring(0, c[2].indexOf('/')) : c[2];
        InetAddress address = ip(host, i);
        return address.isAnyLocalAddress() ? null : address;
    }

    private static InetAddress ip(String text, int i) throws MediaException {
        if (!NetUtil.isValidIpV4Address(text) && !NetUtil.isValidIpV6Address(text)) {
            throw bad("line " + (i + 1) + ": '" + abbreviate(text) + "' is not an IP address (host names are not relayed)");
        }
        try {
            return InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(text));
        } catch (UnknownHostException e) {
            throw bad("line " + (i + 1) + ": '" + abbreviate(text) + "' is not an IP address");
        }
    }

    private static int port(String text, int i) throws MediaException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw bad("line " + (i + 1) + ": '" + abbreviate(text) + "' is not a port (0-65535)");
    }

    private static String direction(String line) {
        for (String d : DIRECTIONS) {
            if (line.length() == d.length() + 2 && line.startsWith("a=") && line.endsWith(d)) {
                return d;
            }
        }
        return null;
    }

    /** RFC 3551 static payload types: audio at 8000 Hz except a few, video at 90000 Hz. */
    static Map<Integer, Integer> staticClockRates() {
        Map<Integer, Integer> rates = new HashMap<>();
        for (int pt = 0; pt <= 18; pt++) {
            rates.put(pt, 8000);
        }
        rates.put(6, 16000);
        rates.put(10, 44100);
        rates.put(11, 44100);
        rates.put(16, 11025);
        rates.put(17, 22050);
        for (int pt : new int[] {25, 26, 28, 31, 32, 33, 34}) {
            rates.put(pt, 90000);
        }
        return rates;
    }

    private static void split(String text, List<String> lines, List<String> terminators) {
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                lines.add(text.substring(start));
                terminators.add("");
                break;
            }
            boolean crlf = nl > start && text.charAt(nl - 1) == '\r';
            lines.add(text.substring(start, crlf ? nl - 1 : nl));
            terminators.add(crlf ? "\r\n" : "\n");
            start = nl + 1;
        }
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
    }

    static MediaException bad(String message) {
        return new MediaException(Kind.BAD_SDP, message);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append(lines.get(i)).append(terminators.get(i));
        }
        return b.toString();
    }
}
