package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The transferee's SDP as a transfer offers it to the target. A transferee the transferor put on hold before the
 * REFER (as phones do) last answered {@code recvonly} or {@code inactive}: offered as such the target would never
 * send, so the offer says {@code sendrecv} instead, and once the target answered the transferee is re-offered the
 * target's SDP so it sends again (see {@link TransferCalls}).
 */
final class TransferSdp {
    private static final Pattern HELD = Pattern.compile("(?m)^a=(recvonly|inactive)\\r?$");

    private TransferSdp() {
    }

    /** True when the body puts a stream (or the session) in recvonly or inactive. */
    static boolean held(byte[] sdp) {
        return sdp != null && HELD.matcher(new String(sdp, StandardCharsets.UTF_8)).find();
    }

    /** The body with every recvonly and inactive attribute made sendrecv. */
    static byte[] unheld(byte[] sdp) {
        return HELD.matcher(new String(sdp, StandardCharsets.UTF_8)).replaceAll(m -> m.group().endsWith("\r") ? "a=sendrecv\r" : "a=sendrecv")
                .getBytes(StandardCharsets.UTF_8);
    }
}
