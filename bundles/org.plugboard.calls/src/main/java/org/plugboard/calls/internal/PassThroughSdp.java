package org.plugboard.calls.internal;

import java.nio.charset.StandardCharsets;
import java.util.Vector;

import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;

/** Checks each body with the javax.sdp parser and passes it on unchanged. */
final class PassThroughSdp implements SdpBridge {
    private final SdpFactory factory = SdpFactory.getInstance();

    @Override
    public java.util.concurrent.CompletionStage<byte[]> relay(Call call, Leg from, org.plugboard.api.sip.NextHop toward, byte[] sdp,
            boolean offer) {
        try {
            if (call == null || sdp != call.callerOffer) { // the INVITE's offer was checked when it came
                check(sdp);
            }
            return java.util.concurrent.CompletableFuture.completedFuture(sdp);
        } catch (BadSdpException e) {
            return SdpBridge.failed(e);
        }
    }

    void check(byte[] sdp) throws BadSdpException {
        String text = new String(sdp, StandardCharsets.UTF_8);
        if (!text.startsWith("v=")) {
            throw new BadSdpException("SDP must start with v=");
        }
        try {
            SessionDescription sd = factory.createSessionDescription(text);
            Vector<?> media = sd.getMediaDescriptions(false);
            if (media == null || media.isEmpty()) {
                throw new BadSdpException("SDP has no m= line");
            }
            if (sd.getOrigin() == null) {
                throw new BadSdpException("SDP has no o= line");
            }
            if (sd.getConnection() == null) {
                for (Object m : media) {
                    if (((javax.sdp.MediaDescription) m).getConnection() == null) {
                        throw new BadSdpException("SDP has no c= line for a media stream");
                    }
                }
            }
        } catch (SdpException e) {
            throw new BadSdpException("SDP does not parse: " + e.getMessage());
        }
    }
}
