package org.plugboard.bench.media;

import java.net.InetSocketAddress;

/** The one-stream G.711 SDP the generator offers and answers, and the reading of a relay's rewritten SDP. */
final class Sdp {
    private Sdp() {
    }

    static String audio(String ip, int port, long sessionId) {
        return "v=0\r\n"
                + "o=- " + sessionId + " 1 IN IP4 " + ip + "\r\n"
                + "s=plugboard-bench\r\n"
                + "c=IN IP4 " + ip + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }

    /**
     * Where to send the first audio stream described by {@code sdp}: the m=audio port and the connection address
     * (media level before session level).
     *
     * @throws IllegalArgumentException if there is no audio m-line, no connection address or a port of 0
     */
    static InetSocketAddress audioTarget(String sdp) {
        String sessionC = null, mediaC = null;
        int port = -1;
        boolean inAudio = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (port >= 0) {
                    break; // only the first audio m-line
                }
                inAudio = line.startsWith("m=audio ");
                if (inAudio) {
                    port = Integer.parseInt(line.substring(8).split(" ", 2)[0].split("/", 2)[0]);
                }
            } else if (line.startsWith("c=")) {
                String[] f = line.substring(2).trim().split(" ");
                if (f.length != 3 || !"IN".equals(f[0])) {
                    throw new IllegalArgumentException("bad c= line: " + line);
                }
                String addr = f[2].split("/", 2)[0];
                if (port < 0 && !inAudio) {
                    sessionC = addr;
                } else if (inAudio) {
                    mediaC = addr;
                }
            }
        }
        String addr = mediaC != null ? mediaC : sessionC;
        if (port <= 0 || addr == null) {
            throw new IllegalArgumentException("no usable m=audio in the SDP: " + sdp.replace("\r\n", " | "));
        }
        return new InetSocketAddress(addr, port);
    }
}
