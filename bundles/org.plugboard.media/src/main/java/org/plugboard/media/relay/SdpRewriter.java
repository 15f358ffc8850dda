package org.plugboard.media.relay;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Writes the SDP for the other side line by line: the relay's address in o= and c=, the relay's ports in m= and
 * a=rtcp, ICE lines dropped (they name the sender's own addresses, which the receiver must not use). Every other
 * line is kept byte for byte, terminators included.
 */
public final class SdpRewriter {
    private SdpRewriter() {
    }

    /**
     * @param advertised the relay's address the receiver sends to
     * @param rtpPorts   per m-line, the relay's RTP port for the receiver; 0 refuses the line
     * @param rtcpPorts  per m-line, the relay's RTCP port for the receiver
     */
    public static String rewrite(Sdp sdp, InetAddress advertised, int[] rtpPorts, int[] rtcpPorts) {
        String addrType = advertised instanceof Inet6Address ? "IP6" : "IP4";
        String address = advertised.getHostAddress();
        int percent = address.indexOf('%');
        if (percent >= 0) {
            address = address.substring(0, percent);
        }
        StringBuilder out = new StringBuilder(sdp.toString().length() + 32);
        int section = -1;
        List<String> lines = sdp.lines;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("m=")) {
                section++;
            }
            if (ice(line)) {
                continue;
            }
            String rewritten;
            if (line.startsWith("m=")) {
                rewritten = mediaLine(line, rtpPorts[section]);
            } else if (line.startsWith("c=")) {
                rewritten = connectionLine(line, addrType, address);
            } else if (line.startsWith("o=") && section < 0) {
                rewritten = originLine(line, addrType, address);
            } else if (line.startsWith("a=rtcp:") && section >= 0) {
                rewritten = rtcpLine(line, rtpPorts[section] == 0 ? 0 : rtcpPorts[section], addrType, address);
            } else {
                rewritten = line;
            }
            out.append(rewritten).append(sdp.terminators.get(i));
        }
        return out.toString();
    }

    /** ICE attributes (RFC 8839): candidates and credentials of the sender's own transport addresses. */
    static boolean ice(String line) {
        return line.startsWith("a=candidate:") || line.startsWith("a=ice-") || line.equals("a=end-of-candidates")
                || line.startsWith("a=remote-candidates:");
    }

    private static String mediaLine(String line, int port) {
        int first = line.indexOf(' ');
        int second = line.indexOf(' ', first + 1);
        return line.substring(0, first + 1) + port + line.substring(second);
    }

    /** The unspecified address (0.0.0.0, ::) is the old way to say hold: kept so the receiver sees the hold. */
    private static String connectionLine(String line, String addrType, String address) {
        String[] c = line.substring(2).split(" ");
        String host = c[2].contains("/") ? c[2].substring(0, c[2].indexOf('/')) : c[2];
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            return line;
        }
        return "c=IN " + addrType + " " + address;
    }

    private static String originLine(String line, String addrType, String address) {
        String[] o = line.substring(2).split(" ");
        return "o=" + o[0] + " " + o[1] + " " + o[2] + " " + o[3] + " " + addrType + " " + address;
    }

    private static String rtcpLine(String line, int port, String addrType, String address) {
        String[] rtcp = line.substring(7).trim().split(" ");
        return rtcp.length >= 4 ? "a=rtcp:" + port + " IN " + addrType + " " + address : "a=rtcp:" + port;
    }
}
