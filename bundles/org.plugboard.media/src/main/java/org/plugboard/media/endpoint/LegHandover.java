package org.plugboard.media.endpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.Side;
import org.plugboard.media.relay.BoundPair;
import org.plugboard.media.relay.LoopCalls;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * A terminated leg across a bundle update of the media engine. The old version pauses the leg's sockets (packets
 * wait in the socket buffers) and writes the leg down as JDK, API and Netty values, which the next version's classes
 * can read: its identity and sockets, codec, SDP state, RTP stream, latch, counters, and what runs on it (a prompt or
 * tone where it was, a digit collection, the digits typed ahead, a recording with its file). The old object then
 * forwards to the next version's leg, which takes the same sockets and reads again.
 */
final class LegHandover {
    static final String KIND = "leg";

    private LegHandover() {
    }

    /**
     * Writes the leg down for the next version; null, and nothing changed, when it is closed. Two tasks on the leg's
     * loop: the first stops reading, so a read Netty had queued runs before the second writes the state down.
     */
    static Map<String, Object> handOver(LegEndpoint leg) throws MediaException {
        LoopCalls onLoop = new LoopCalls(leg.loop());
        if (!onLoop.call(() -> pause(leg))) {
            return null;
        }
        return onLoop.call(() -> deposit(leg, new LegSuccessor()));
    }

    private static boolean pause(LegEndpoint leg) {
        BoundPair pair = leg.pair();
        if (leg.isClosed() || pair == null) {
            return false;
        }
        pair.rtp().config().setAutoRead(false);
        pair.rtcp().config().setAutoRead(false);
        return true;
    }

    private static Map<String, Object> deposit(LegEndpoint leg, LegSuccessor next) {
        if (leg.isClosed()) {
            return null; // closed meanwhile
        }
        leg.forwardTo(next);
        BoundPair pair = leg.pair();
        Map<String, Object> m = new HashMap<>();
        m.put("kind", KIND);
        m.put("id", leg.id());
        m.put("callId", leg.callId());
        m.put("side", leg.side());
        m.put("loop", leg.loop());
        m.put("rtpPort", pair.rtpPort());
        m.put("rtp", pair.rtp());
        m.put("rtcp", pair.rtcp());
        m.put("law", leg.law());
        m.put("ptime", leg.ptime());
        leg.sdp().save(m);
        leg.wire().save(m);
        leg.media().handOver(m);
        next.writeInto(m);
        return m;
    }

    /**
     * Takes over a leg a previous version wrote down: same id, sockets and port; its sockets read again once it is
     * restored, and the old object's successor is completed with it (closed at once if it was closed meanwhile).
     * One that cannot be restored is closed, and what waits on it fails.
     */
    @SuppressWarnings("unchecked")
    static LegEndpoint takeOver(Map<String, Object> state, EndpointContext context, Endpoints.Adopter adopter,
            java.util.function.Consumer<LegEndpoint> open) {
        CompletableFuture<MediaEndpoint> successor = (CompletableFuture<MediaEndpoint>) state.get("successor");
        String id = (String) state.get("id");
        EventLoop loop = (EventLoop) state.get("loop");
        LegEndpoint leg = new LegEndpoint(id, (String) state.get("callId"), (Side) state.get("side"), loop, context);
        BoundPair pair = adopter.adopt((Integer) state.get("rtpPort"), (Channel) state.get("rtp"), (Channel) state.get("rtcp"));
        leg.attach(pair);
        try {
            new LoopCalls(loop).run(() -> restore(leg, state));
            open.accept(leg);
            pair.resume(new EndpointHandler(leg, false), new EndpointHandler(leg, true));
            successor.complete(leg);
            if (((AtomicBoolean) state.get("closeRequested")).get()) {
                leg.close(); // closed through the previous version's object during the update
            }
            return leg;
        } catch (MediaException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(LegHandover.class).error("Handed-over media endpoint {} (call {}) could "
                    + "not be taken over: it is closed", id, state.get("callId"), e);
            leg.close();
            successor.complete(null);
            MediaException gone = new MediaException(MediaException.Kind.NO_SESSION,
                    "media endpoint " + id + " could not be taken over by the new version of the media engine");
            for (String waiting : new String[] {"collecting", "recordingDone"}) {
                if (state.get(waiting) instanceof CompletableFuture<?> stage) {
                    stage.completeExceptionally(gone);
                }
            }
            return null;
        }
    }

    /** On the loop, before the sockets read again. */
    private static void restore(LegEndpoint leg, Map<String, Object> m) throws MediaException {
        AudioEncoding law = (AudioEncoding) m.get("law");
        leg.negotiated(law, (Integer) m.get("ptime"));
        leg.sdp().restore(m, law);
        leg.wire().restore(m);
        leg.media().takeOver(m, leg);
    }
}
