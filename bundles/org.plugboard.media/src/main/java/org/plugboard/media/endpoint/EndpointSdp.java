package org.plugboard.media.endpoint;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.media.relay.MediaSection;
import org.plugboard.media.relay.Sdp;

/**
 * Offer/answer for a terminated leg: which m-line and G.711 law to take from the peer's SDP, and the engine's own
 * SDP (an answer that refuses every other line, or an offer of PCMU, PCMA and telephone-event). Checked by the
 * relay's {@link Sdp} parser first, so bad SDP fails the same way, naming the line.
 */
final class EndpointSdp {
    static final int DEFAULT_PTIME = 20;
    static final int OWN_TELEPHONE_EVENT = 101;

    /** What the peer's SDP says about the line the endpoint uses. */
    record Peer(int index, AudioEncoding law, int telephoneEventPt, int ptime, MediaSection section,
            boolean rtcpMux, String direction, List<String> mLines) {
        /** The peer wants audio from us: not sendonly/inactive, and an address to send to. */
        boolean receives() {
            return section.address() != null && ("sendrecv".equals(direction) || "recvonly".equals(direction));
        }

        /** The peer sends audio: not recvonly/inactive. */
        boolean sends() {
            return "sendrecv".equals(direction) || "sendonly".equals(direction);
        }
    }

    private EndpointSdp() {
    }

    /**
     * The line and law to use from an offer or an answer: the first RTP/AVP(F) audio line with port != 0 that lists
     * PCMU or PCMA; of the two, the one listed first, unless {@code keep} is listed too (a re-offer keeps the law).
     */
    static Peer read(String text, AudioEncoding keep) throws MediaException {
        Sdp sdp = Sdp.parse(text);
        List<List<String>> sections = sections(text);
        List<String> mLines = new ArrayList<>();
        for (List<String> s : sections) {
            mLines.add(s.get(0));
        }
        for (MediaSection m : sdp.media()) {
            List<String> lines = sections.get(m.index());
            String[] fields = lines.get(0).substring(2).trim().split(" +");
            String proto = fields[2].toUpperCase(Locale.ROOT);
            if (!"audio".equalsIgnoreCase(m.media()) || m.port() == 0
                    || !(proto.equals("RTP/AVP") || proto.equals("RTP/AVPF"))) {
                continue;
            }
            AudioEncoding law = null;
            boolean keepListed = false;
            for (int i = 3; i < fields.length; i++) {
                AudioEncoding e = "0".equals(fields[i]) ? AudioEncoding.PCMU : "8".equals(fields[i]) ? AudioEncoding.PCMA : null;
                if (e != null && law == null) {
                    law = e;
                }
                keepListed |= e != null && e == keep;
            }
            if (law == null) {
                continue;
            }
            int te = m.telephoneEventPt() >= 0 && m.clockRate(m.telephoneEventPt()) == 8000 ? m.telephoneEventPt() : -1;
            return new Peer(m.index(), keepListed ? keep : law, te, ptime(lines), m, m.rtcpMux(), m.direction(),
                    List.copyOf(mLines));
        }
        throw new MediaException(Kind.NO_USABLE_MEDIA, "no audio line offers PCMU (0) or PCMA (8) over RTP/AVP: "
                + String.join("; ", mLines));
    }

    /** The engine's answer to {@code offer}: the chosen line accepted, every other refused with port 0. */
    static String answer(Peer offer, InetAddress address, int port, long sessionId, long version) {
        StringBuilder b = head(address, sessionId, version);
        for (int i = 0; i < offer.mLines().size(); i++) {
            if (i != offer.index()) {
                String[] f = offer.mLines().get(i).substring(2).trim().split(" +", 4);
                b.append("m=").append(f[0]).append(" 0 ").append(f.length > 2 ? f[2] : "RTP/AVP").append(' ')
                        .append(f.length > 3 ? f[3] : "0").append("\r\n");
                continue;
            }
            String proto = offer.mLines().get(i).substring(2).trim().split(" +")[2];
            int pt = offer.law().payloadType();
            b.append("m=audio ").append(port).append(' ').append(proto).append(' ').append(pt);
            if (offer.telephoneEventPt() >= 0) {
                b.append(' ').append(offer.telephoneEventPt());
            }
            b.append("\r\n");
            rtpmaps(b, offer.law(), offer.telephoneEventPt());
            b.append("a=ptime:").append(offer.ptime()).append("\r\n");
            if (offer.rtcpMux()) {
                b.append("a=rtcp-mux\r\n");
            }
            b.append("a=").append(answerDirection(offer.direction())).append("\r\n");
        }
        return b.toString();
    }

    /** The engine's own offer: PCMU, PCMA and telephone-event at 20 ms. */
    static String offer(InetAddress address, int port, long sessionId, long version) {
        StringBuilder b = head(address, sessionId, version);
        b.append("m=audio ").append(port).append(" RTP/AVP 0 8 ").append(OWN_TELEPHONE_EVENT).append("\r\n");
        rtpmaps(b, AudioEncoding.PCMU, -1);
        rtpmaps(b, AudioEncoding.PCMA, OWN_TELEPHONE_EVENT);
        b.append("a=ptime:").append(DEFAULT_PTIME).append("\r\na=sendrecv\r\n");
        return b.toString();
    }

    private static StringBuilder head(InetAddress address, long sessionId, long version) {
        String family = address instanceof Inet6Address ? "IP6" : "IP4";
        String ip = address.getHostAddress();
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        return new StringBuilder("v=0\r\no=plugboard ").append(sessionId).append(' ').append(version).append(" IN ")
                .append(family).append(' ').append(ip).append("\r\ns=plugboard\r\nc=IN ").append(family).append(' ')
                .append(ip).append("\r\nt=0 0\r\n");
    }

    private static void rtpmaps(StringBuilder b, AudioEncoding law, int te) {
        b.append("a=rtpmap:").append(law.payloadType()).append(' ').append(law.name()).append("/8000\r\n");
        if (te >= 0) {
            b.append("a=rtpmap:").append(te).append(" telephone-event/8000\r\na=fmtp:").append(te).append(" 0-15\r\n");
        }
    }

    private static String answerDirection(String offered) {
        return switch (offered) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }

    /** a=ptime of a section, 10-60 ms in steps of 10; else the default. */
    private static int ptime(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("a=ptime:")) {
                try {
                    int p = Integer.parseInt(line.substring(8).trim());
                    if (p >= 10 && p <= 60 && p % 10 == 0) {
                        return p;
                    }
                } catch (NumberFormatException e) {
                    return DEFAULT_PTIME;
                }
            }
        }
        return DEFAULT_PTIME;
    }

    /** The lines of each m= section, the m= line first. */
    private static List<List<String>> sections(String text) {
        List<List<String>> sections = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            if (!sections.isEmpty()) {
                sections.get(sections.size() - 1).add(line);
            }
        }
        return sections;
    }
}
