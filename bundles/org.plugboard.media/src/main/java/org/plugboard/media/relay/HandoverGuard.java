package org.plugboard.media.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.plugboard.api.media.MediaException;
import org.plugboard.media.recording.Recordings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

/**
 * Closes handed-over sessions that no new version took over in time (the bundle was stopped or uninstalled for
 * good), so their sockets and threads do not stay forever. Whoever claims the deposit's ticket first wins: the
 * next version (it cancels this task) or this guard. It is built before the hand-over, with everything it needs
 * already at hand, because it may run after this bundle's class loader has been discarded.
 */
final class HandoverGuard implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HandoverGuard.class);

    private final AtomicBoolean ticket;
    private final EventLoopGroup group;
    private final long afterMillis;
    private final int sessions;
    private final List<Channel> channels = new ArrayList<>();
    /** The old objects' futures of their next version (sessions, terminated legs, rooms): completed with null. */
    private final List<CompletableFuture<?>> successors = new ArrayList<>();
    /** Digit collections and recordings handed over with terminated legs: they fail, their applications end. */
    private final List<CompletableFuture<?>> collections = new ArrayList<>();
    /** Call recordings handed over with the sessions: their stages complete with what the files hold. */
    private final List<Runnable> recordings = new ArrayList<>();

    @SuppressWarnings("unchecked")
    HandoverGuard(List<Map<String, Object>> states, AtomicBoolean ticket, EventLoopGroup group, long afterMillis) {
        this.ticket = ticket;
        this.group = group;
        this.afterMillis = afterMillis;
        this.sessions = states.size();
        for (Map<String, Object> state : states) {
            successors.add((CompletableFuture<?>) state.get("successor"));
            channels.addAll(channelsOf(state));
            if (state.get("collecting") instanceof CompletableFuture<?> collecting) {
                collections.add(collecting);
            }
            if (state.get("recordingDone") instanceof CompletableFuture<?> recordingDone) {
                collections.add(recordingDone); // a terminated leg's recording: its file stays <name>.part
            }
            Map<String, Object> recording = (Map<String, Object>) state.get("recording");
            if (recording != null) {
                recordings.add(() -> Recordings.abandoned(recording));
            }
        }
    }

    /** The sockets of one handed-over session or terminated leg (none for a room). */
    @SuppressWarnings("unchecked")
    static List<Channel> channelsOf(Map<String, Object> state) {
        List<Channel> found = new ArrayList<>();
        if (state.get("rtp") instanceof Channel rtp) { // a terminated leg
            found.add(rtp);
            found.add((Channel) state.get("rtcp"));
        }
        for (Map<String, Object> stream : (List<Map<String, Object>>) state.getOrDefault("streams", List.of())) {
            for (String side : new String[] {"caller", "callee"}) {
                Map<String, Object> endpoint = (Map<String, Object>) stream.get(side);
                if (endpoint != null) {
                    found.add((Channel) endpoint.get("rtp"));
                    found.add((Channel) endpoint.get("rtcp"));
                }
            }
        }
        return found;
    }

    @Override
    public void run() {
        if (!ticket.compareAndSet(false, true)) {
            return; // taken over
        }
        for (Channel channel : channels) {
            channel.close();
        }
        for (CompletableFuture<?> successor : successors) {
            successor.complete(null);
        }
        for (CompletableFuture<?> collection : collections) {
            collection.completeExceptionally(new MediaException(MediaException.Kind.NO_SESSION,
                    "the media endpoint was closed: no new version of the media engine took it over"));
        }
        recordings.forEach(Runnable::run);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        LOG.warn("Media relay: {} handed-over session(s) were not taken over within {} ms (the bundle did not come "
                + "back): their {} sockets are closed", sessions, afterMillis, channels.size());
    }
}
