package org.plugboard.bench.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.dampcake.bencode.Bencode;
import com.dampcake.bencode.Type;

/**
 * rtpengine's ng control protocol over UDP ("cookie bencoded-dictionary" both ways), the same for rtpengine and
 * the Plugboard media node. One request at a time; each is sent up to {@link #TRIES} times (ng engines cache
 * the reply per cookie, so a retransmitted offer does not allocate twice).
 */
final class NgClient implements AutoCloseable {
    static final int TRIES = 3;
    private final Bencode bencode = new Bencode(StandardCharsets.UTF_8);
    private final DatagramSocket socket;
    private final InetSocketAddress engine;
    private final byte[] receiveBuffer = new byte[65536];
    private final int timeoutMillis;
    /**
     * Engines cache each reply by sender and cookie for a while (rtpengine and the media node: 30 s), so cookies
     * must not repeat across processes that use the same local socket (the script's ping, then the ramp).
     */
    private final String cookiePrefix = Long.toString(System.currentTimeMillis(), 36)
            + Long.toString(ProcessHandle.current().pid(), 36) + "-";
    private long cookie;

    NgClient(InetSocketAddress local, InetSocketAddress engine, int timeoutMillis) throws IOException {
        this.socket = new DatagramSocket(local);
        this.engine = engine;
        this.timeoutMillis = timeoutMillis;
        socket.setSoTimeout(timeoutMillis);
    }

    /** True if the engine answers {@code ping} with {@code pong}. */
    boolean ping() {
        try {
            return "pong".equals(request(Map.of("command", "ping")).get("result"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Offers {@code sdp} for the caller side; returns the SDP the engine rewrote for the callee. */
    String offer(String callId, String fromTag, String sdp) throws IOException {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("command", "offer");
        req.put("call-id", callId);
        req.put("from-tag", fromTag);
        req.put("sdp", sdp);
        req.put("replace", List.of("origin", "session-connection"));
        return sdpOf(request(req), "offer");
    }

    /** Answers with {@code sdp} for the callee side; returns the SDP the engine rewrote for the caller. */
    String answer(String callId, String fromTag, String toTag, String sdp) throws IOException {
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("command", "answer");
        req.put("call-id", callId);
        req.put("from-tag", fromTag);
        req.put("to-tag", toTag);
        req.put("sdp", sdp);
        req.put("replace", List.of("origin", "session-connection"));
        return sdpOf(request(req), "answer");
    }

    /** Deletes the call; false if the engine answered an error (already gone). */
    boolean delete(String callId) throws IOException {
        return "ok".equals(request(Map.of("command", "delete", "call-id", callId)).get("result"));
    }

    private static String sdpOf(Map<String, Object> reply, String what) throws IOException {
        Object sdp = reply.get("sdp");
        if (!"ok".equals(reply.get("result")) || !(sdp instanceof String)) {
            throw new IOException(what + " refused: " + reply.getOrDefault("error-reason", reply));
        }
        return (String) sdp;
    }

    Map<String, Object> request(Map<String, Object> dict) throws IOException {
        String id = cookiePrefix + (++cookie);
        byte[] body = bencode.encode(dict);
        byte[] msg = Arrays.copyOf((id + " ").getBytes(StandardCharsets.US_ASCII), id.length() + 1 + body.length);
        System.arraycopy(body, 0, msg, id.length() + 1, body.length);
        DatagramPacket out = new DatagramPacket(msg, msg.length, engine);
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            socket.send(out);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            try {
                // replies to earlier, timed-out cookies may still arrive: skip them, bounded by the deadline
                while (System.nanoTime() < deadline) {
                    DatagramPacket in = new DatagramPacket(receiveBuffer, receiveBuffer.length);
                    socket.receive(in);
                    Map<String, Object> reply = parse(id, in);
                    if (reply != null) {
                        return reply;
                    }
                }
            } catch (SocketTimeoutException e) {
                // next attempt
            }
        }
        throw new IOException("no ng reply to " + dict.get("command") + " from " + engine + " after " + TRIES
                + " tries of " + timeoutMillis + " ms");
    }

    /** The reply's dictionary if it carries {@code id}, else null. */
    private Map<String, Object> parse(String id, DatagramPacket in) throws IOException {
        byte[] data = in.getData();
        int len = in.getLength(), space = -1;
        for (int i = 0; i < len && i < 64; i++) {
            if (data[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0 || !id.equals(new String(data, 0, space, StandardCharsets.US_ASCII))) {
            return null;
        }
        try {
            return bencode.decode(Arrays.copyOfRange(data, space + 1, len), Type.DICTIONARY);
        } catch (RuntimeException e) {
            throw new IOException("unreadable ng reply: " + new String(data, 0, len, StandardCharsets.US_ASCII), e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
