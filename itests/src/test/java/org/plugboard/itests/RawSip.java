package org.plugboard.itests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare UDP SIP client for what no Debian peer can send: SHA-256 digest (RFC 8760; SIPp 3.6 and sipsak do MD5
 * only) and deliberately malformed requests.
 */
final class RawSip implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress pbx;

    RawSip(int pbxPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(3000);
        pbx = new InetSocketAddress(InetAddress.getLoopbackAddress(), pbxPort);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Sends one datagram and returns the first response, or null after 3 s of silence. */
    String exchange(String message) throws IOException {
        byte[] out = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, pbx));
        byte[] in = new byte[65535];
        DatagramPacket p = new DatagramPacket(in, in.length);
        try {
            while (true) {
                socket.receive(p);
                String response = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (!response.startsWith("SIP/2.0 100")) {
                    return response;
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    String register(String user, String callId, int cseq, String authorization) {
        String via = "z9hG4bK" + Long.toHexString(System.nanoTime());
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port() + ";branch=" + via + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=raw" + cseq + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + port() + ">\r\n"
                + "Expires: 600\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    /** The parameter of the WWW-Authenticate header that offers {@code algorithm}. */
    static String challengeParam(String response, String algorithm, String param) {
        for (String line : response.split("\r\n")) {
            if (line.startsWith("WWW-Authenticate:") && line.contains("algorithm=" + algorithm)) {
                Matcher m = Pattern.compile(param + "=\"?([^\",]+)\"?").matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    static String digestAuthorization(String javaAlgorithm, String sipAlgorithm, String user, String realm,
            String password, String nonce, String uri, String nc) throws Exception {
        String cnonce = "c0ffee42";
        String ha1 = hash(javaAlgorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(javaAlgorithm, "REGISTER:" + uri);
        String response = hash(javaAlgorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=" + sipAlgorithm + ", qop=auth, nc=" + nc
                + ", cnonce=\"" + cnonce + "\"";
    }

    static String hash(String algorithm, String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        socket.close();
    }
}
