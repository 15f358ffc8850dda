package org.plugboard.media.ng.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.plugboard.api.media.Side;

/**
 * Builds the client's requests. Tags are fixed per side ({@code <call-id>-caller}, {@code <call-id>-callee}),
 * so the engine sees one two-party dialogue per session whichever side offers.
 */
final class NgCommands {
    static final int MAX_LABEL = 256;
    private NgCommands() {
    }

    static String tag(String callId, Side side) {
        return callId + (side == Side.CALLER ? "-caller" : "-callee");
    }

    static Map<String, Object> ping() {
        return command(Ng.PING);
    }

    /** An offer from {@code from}; a re-offer (once an answer went through) names the other side as to-tag. */
    static Map<String, Object> offer(String callId, Side from, boolean reOffer, String sdp, String fromAddress) {
        return offer(callId, from, reOffer, sdp, fromAddress, null);
    }

    /**
     * An offer labelled with the B2BUA's call id: the engine reports the label in query, so a restarted client can
     * give an adopted session its call id back.
     */
    static Map<String, Object> offer(String callId, Side from, boolean reOffer, String sdp, String fromAddress, String label) {
        Map<String, Object> c = sdpCommand(Ng.OFFER, callId, sdp, fromAddress);
        c.put(Ng.FROM_TAG, tag(callId, from));
        if (label != null && !label.isEmpty() && label.length() <= MAX_LABEL) {
            c.put(Ng.LABEL, label);
        }
        if (reOffer) {
            c.put(Ng.TO_TAG, tag(callId, from.other()));
        }
        return c;
    }

    /** An answer from {@code from} to {@code offerer}'s offer: the tags name the dialogue as the offer did. */
    static Map<String, Object> answer(String callId, Side offerer, Side from, String sdp, String fromAddress) {
        Map<String, Object> c = sdpCommand(Ng.ANSWER, callId, sdp, fromAddress);
        c.put(Ng.FROM_TAG, tag(callId, offerer));
        c.put(Ng.TO_TAG, tag(callId, from));
        return c;
    }

    /** Deletes the whole call (no from-tag: every party goes). */
    static Map<String, Object> delete(String callId) {
        Map<String, Object> c = command(Ng.DELETE);
        c.put(Ng.CALL_ID, callId);
        return c;
    }

    static Map<String, Object> query(String callId) {
        Map<String, Object> c = command(Ng.QUERY);
        c.put(Ng.CALL_ID, callId);
        return c;
    }

    /** Blocks or unblocks the media of the whole call: holding one party of two stops both directions. */
    static Map<String, Object> block(String callId, boolean block) {
        Map<String, Object> c = command(block ? Ng.BLOCK_MEDIA : Ng.UNBLOCK_MEDIA);
        c.put(Ng.CALL_ID, callId);
        return c;
    }

    /**
     * rtpengine's {@code play media}: plays a file (a path on rtpengine's host, any format its ffmpeg reads) to
     * {@code to}'s party; the reply's {@code duration} (ms) is the only completion rtpengine gives.
     */
    static Map<String, Object> playMedia(String callId, Side to, String file) {
        Map<String, Object> c = command(Ng.PLAY_MEDIA);
        c.put(Ng.CALL_ID, callId);
        c.put(Ng.FROM_TAG, tag(callId, to));
        c.put(Ng.FILE, file);
        return c;
    }

    /** rtpengine's {@code stop media}: stops what {@link #playMedia} plays to {@code to}. */
    static Map<String, Object> stopMedia(String callId, Side to) {
        Map<String, Object> c = command(Ng.STOP_MEDIA);
        c.put(Ng.CALL_ID, callId);
        c.put(Ng.FROM_TAG, tag(callId, to));
        return c;
    }

    /** rtpengine's {@code play DTMF} toward {@code to}: refused until media flowed (it needs an SSRC to inject into). */
    static Map<String, Object> playDtmf(String callId, Side to, char digit) {
        Map<String, Object> c = command(Ng.PLAY_DTMF);
        c.put(Ng.CALL_ID, callId);
        c.put(Ng.FROM_TAG, tag(callId, to));
        c.put(Ng.CODE, String.valueOf(digit));
        return c;
    }

    /** rtpengine's {@code start recording} / {@code stop recording} of the whole call (files in its recording-dir). */
    static Map<String, Object> recording(String callId, boolean start) {
        Map<String, Object> c = command(start ? Ng.START_RECORDING : Ng.STOP_RECORDING);
        c.put(Ng.CALL_ID, callId);
        return c;
    }

    /** ["IP4"|"IP6", address] for an IP literal; null for anything else (a host name is not sent). */
    static List<String> receivedFrom(String address) {
        if (address == null) {
            return null;
        }
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return List.of("IP4", a);
        }
        if (a.contains(":") && a.matches("[0-9a-fA-F:.]+")) {
            return List.of("IP6", a);
        }
        return null;
    }

    private static Map<String, Object> sdpCommand(String name, String callId, String sdp, String fromAddress) {
        Map<String, Object> c = command(name);
        c.put(Ng.CALL_ID, callId);
        c.put(Ng.SDP, sdp);
        List<String> from = receivedFrom(fromAddress);
        if (from != null) {
            c.put(Ng.RECEIVED_FROM, from);
        }
        c.put(Ng.REPLACE, List.of("origin", "session-connection"));
        c.put(Ng.ICE, "remove");
        return c;
    }

    private static Map<String, Object> command(String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(Ng.COMMAND, name);
        return c;
    }
}
