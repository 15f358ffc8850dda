package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;

/**
 * An SDP that takes no media: the answer to an offer with every stream refused (port 0, RFC 3264 section 6), or,
 * when the caller made no offer, an offer of one refused audio stream. What a feature-code confirmation carries
 * until the media applications can play a tone.
 */
final class RefusedMedia {
    private RefusedMedia() {
    }

    /** @param offer the caller's SDP offer, or null; @param host our address for the o= and c= lines */
    static byte[] sdp(byte[] offer, String host) {
        String ip = host.contains(":") ? "IP6 " + host.replace("[", "").replace("]", "") : "IP4 " + host;
        StringBuilder sdp = new StringBuilder("v=0\r\no=plugboard 0 0 IN ").append(ip).append("\r\ns=-\r\nc=IN ").append(ip)
                .append("\r\nt=0 0\r\n");
        int streams = 0;
        if (offer != null) {
            for (String line : new String(offer, StandardCharsets.UTF_8).split("\r?\n")) {
                if (line.startsWith("m=")) {
                    String[] f = line.substring(2).trim().split(" ");
                    if (f.length >= 4) { // media port proto fmt...: the same line with port 0 (formats must stay, RFC 3264)
                        f[1] = "0";
                        sdp.append("m=").append(String.join(" ", f)).append("\r\n");
                        streams++;
                    }
                }
            }
        }
        if (streams == 0) {
            sdp.append("m=audio 0 RTP/AVP 0\r\n");
        }
        return sdp.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
