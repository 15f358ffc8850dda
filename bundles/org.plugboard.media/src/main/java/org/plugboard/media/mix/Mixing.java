package org.plugboard.media.mix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.SessionMix;
import org.plugboard.api.media.Side;
import org.plugboard.media.endpoint.Endpoints;
import org.plugboard.media.endpoint.LegMix;
import org.plugboard.media.relay.LoopCalls;
import org.plugboard.media.relay.RelayGateway;
import org.plugboard.media.relay.RelaySession;
import org.plugboard.media.relay.SessionMixer;

import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * The engine's mixing: conference rooms by name ({@link Room}) and third parties mixed into relayed calls
 * ({@link CallMix}). A leg is in one mix at a time. Built over the relay and its legs; {@link #close} closes every
 * room and ends every call mix (the engine stopping); across a bundle update rooms are handed over with their legs
 * ({@link #handOver}, {@link #takeOver}).
 */
public final class Mixing implements SessionMixer, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Mixing.class);
    private final RelayGateway relay;
    private final Endpoints endpoints;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    /** Running call mixes by session id. */
    private final Map<String, CallMix> calls = new ConcurrentHashMap<>();
    /** The legs in a mix, with where they are (for the error a second join gets). */
    private final Map<String, String> busy = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public Mixing(RelayGateway relay, Endpoints endpoints) {
        this.relay = relay;
        this.endpoints = endpoints;
        relay.mixer(this);
    }

    /** The room {@code name}, opened on first use. */
    public CompletionStage<Conference> conference(String name) {
        if (name == null || name.isBlank()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a conference needs a name"));
        }
        if (closed) {
            return CompletableFuture.failedFuture(new MediaException(Kind.ENGINE_FAILURE,
                    "the media engine '" + relay.engine() + "' is shut down"));
        }
        try {
            return CompletableFuture.completedFuture(rooms.computeIfAbsent(name, n -> {
                try {
                    return new Room(n, this, relay.nextLoop());
                } catch (MediaException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }));
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e.getCause() != null ? e.getCause() : e);
        }
    }

    public List<Conference> conferences() {
        return List.copyOf(rooms.values());
    }

    /** Muted members of a room of this engine (console); empty for another engine's room. */
    public static List<String> muted(Conference room) {
        return room instanceof Room r ? r.muted() : List.of();
    }

    /**
     * Starting a call mix waits for the session's loop (the checks, the tap): from an engine thread (a stage that
     * completed on a leg's loop) it runs on the common pool instead, so no event loop waits for another.
     */
    @Override
    public CompletionStage<SessionMix> mix(RelaySession session, MediaEndpoint third, SessionMix.Mode mode, Side party,
            boolean warn) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            return CompletableFuture.supplyAsync(() -> mixNow(session, third, mode, party, warn)).thenCompose(s -> s);
        }
        return mixNow(session, third, mode, party, warn);
    }

    private CompletionStage<SessionMix> mixNow(RelaySession session, MediaEndpoint third, SessionMix.Mode mode,
            Side party, boolean warn) {
        try {
            if (closed) {
                throw new MediaException(Kind.ENGINE_FAILURE, "the media engine '" + relay.engine() + "' is shut down");
            }
            if (mode == null || party == null) {
                throw new IllegalArgumentException("a mix needs a mode and a party");
            }
            LegMix leg = leg(third);
            AudioEncoding[] laws = new LoopCalls(session.loop()).call(() -> laws(session));
            return start(session, leg, mode, party, warn, laws, new CompletableFuture<>());
        } catch (MediaException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<SessionMix> start(RelaySession session, LegMix leg, SessionMix.Mode mode, Side party,
            boolean warn, AudioEncoding[] laws, CompletableFuture<Void> ended) {
        try {
            CallMix mix = new CallMix(session, leg, mode, party, laws, this, ended);
            if (calls.putIfAbsent(session.id(), mix) != null) {
                throw new MediaException(Kind.ENGINE_FAILURE, "media session " + session.id()
                        + " already has a third party mixed in: end that mix first");
            }
            try {
                claim(leg.id(), "the call of media session " + session.id());
            } catch (MediaException e) {
                calls.remove(session.id(), mix);
                throw e;
            }
            try {
                session.addTap(mix);
            } catch (MediaException e) {
                calls.remove(session.id(), mix);
                unclaim(leg.id());
                throw e;
            }
            mix.start(warn);
            return CompletableFuture.completedFuture(mix);
        } catch (MediaException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The law each party sends (caller, callee), from the packets so far; refuses audio that is not G.711. */
    private static AudioEncoding[] laws(RelaySession session) throws MediaException {
        if (session.lastAudioPayloadType(Side.CALLER) == -2) {
            throw new MediaException(Kind.NO_USABLE_MEDIA, "media session " + session.id()
                    + " relays no audio line: there is nothing to mix");
        }
        int[] pts = {session.lastAudioPayloadType(Side.CALLER), session.lastAudioPayloadType(Side.CALLEE)};
        for (int i = 0; i < 2; i++) {
            if (pts[i] >= 0 && pts[i] != 0 && pts[i] != 8) {
                throw new MediaException(Kind.NO_USABLE_MEDIA, "the " + Side.values()[i].name().toLowerCase()
                        + " side's audio is RTP payload type " + pts[i] + ", not G.711 (PCMU 0 or PCMA 8): only"
                        + " G.711 calls can be mixed");
            }
        }
        AudioEncoding fallback = pts[0] == 8 || pts[1] == 8 && pts[0] < 0 ? AudioEncoding.PCMA : AudioEncoding.PCMU;
        return new AudioEncoding[] {law(pts[0], fallback), law(pts[1], fallback)};
    }

    private static AudioEncoding law(int pt, AudioEncoding fallback) {
        return pt == 0 ? AudioEncoding.PCMU : pt == 8 ? AudioEncoding.PCMA : fallback;
    }

    /** A running call mix (tests, console). */
    public SessionMix callMix(String sessionId) {
        return calls.get(sessionId);
    }

    // ---- for rooms and call mixes ----

    LegMix leg(MediaEndpoint endpoint) throws MediaException {
        LegMix leg = endpoints.mixable(endpoint);
        if (leg.law() == null) {
            throw new MediaException(Kind.NO_USABLE_MEDIA, "media endpoint " + leg.id()
                    + " has no codec yet: answer its peer's offer (or have its offer answered) before mixing it");
        }
        return leg;
    }

    void claim(String legId, String where) throws MediaException {
        String other = busy.putIfAbsent(legId, where);
        if (other != null) {
            throw new MediaException(Kind.ENGINE_FAILURE, "media endpoint " + legId + " is already mixed in " + other
                    + ": take it out there first");
        }
    }

    void unclaim(String legId) {
        busy.remove(legId);
    }

    void forget(Room room) {
        rooms.remove(room.name(), room);
    }

    void ended(String sessionId, CallMix mix, String legId) {
        calls.remove(sessionId, mix);
        unclaim(legId);
    }

    // ---- bundle update ----

    /**
     * Instead of {@link #close} when the bundle is updated, before the legs are handed over: every room is written
     * down for the next version (its legs go with the engine's legs), and so is every call mix (its session and leg
     * go with the relay's sessions and the engine's legs).
     */
    public List<Map<String, Object>> handOver() {
        closed = true;
        relay.mixer(null);
        List<Map<String, Object>> states = new ArrayList<>();
        for (Room room : List.copyOf(rooms.values())) {
            states.add(room.handOver());
            rooms.remove(room.name(), room);
        }
        for (CallMix mix : new ArrayList<>(calls.values())) {
            java.util.Map<String, Object> state = mix.handOver();
            if (state != null) {
                states.add(state);
            }
        }
        return states;
    }

    /**
     * Mixes the third parties a previous version handed over into their calls again, after the sessions and legs
     * were taken over; one whose session or leg did not come over ends (its {@code ended} stage completes).
     */
    @SuppressWarnings("unchecked")
    public void takeOverMixes(List<Map<String, Object>> states) {
        for (Map<String, Object> state : states) {
            CompletableFuture<SessionMix> successor = (CompletableFuture<SessionMix>) state.get("successor");
            CompletableFuture<Void> ended = (CompletableFuture<Void>) state.get("ended");
            try {
                RelaySession session = (RelaySession) relay.find((String) state.get("session")).orElseThrow(() ->
                        new MediaException(Kind.NO_SESSION, "media session " + state.get("session") + " was not taken over"));
                MediaEndpoint legNow = endpoints.find((String) state.get("leg")).orElseThrow(() ->
                        new MediaException(Kind.NO_SESSION, "media endpoint " + state.get("leg") + " was not taken over"));
                SessionMix mix = start(session, leg(legNow), (SessionMix.Mode) state.get("mode"), (Side) state.get("party"),
                        false, (AudioEncoding[]) state.get("laws"), ended).toCompletableFuture().join();
                successor.complete(mix);
                LOG.info("Media session {}: the mix with {} taken over from the previous version", session.id(), mix.endpointId());
            } catch (MediaException | RuntimeException e) {
                LOG.warn("A call mix of the previous version ends: {}", e.getMessage());
                successor.complete(null);
                ended.complete(null);
            }
        }
    }

    /**
     * Rebuilds the rooms a previous version handed over, after the legs were taken over: each member joins again
     * (muted as it was); a member whose leg was not taken over is left out. The old room objects forward here.
     */
    @SuppressWarnings("unchecked")
    public void takeOver(List<Map<String, Object>> states) {
        for (Map<String, Object> state : states) {
            CompletableFuture<Conference> successor = (CompletableFuture<Conference>) state.get("successor");
            String name = (String) state.get("name");
            try {
                Room room = new Room(name, this, relay.nextLoop());
                rooms.put(name, room);
                List<String> members = (List<String>) state.get("members");
                List<Boolean> heard = (List<Boolean>) state.get("heard");
                int joined = 0;
                for (int i = 0; i < members.size(); i++) {
                    MediaEndpoint leg = endpoints.find(members.get(i)).orElse(null);
                    if (leg != null) {
                        room.join(leg, !heard.get(i));
                        joined++;
                    }
                }
                successor.complete(room);
                LOG.info("Conference {} taken over from the previous version "
                        + "with {} of its {} member(s)", name, joined, members.size());
            } catch (MediaException e) {
                successor.complete(null);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        relay.mixer(null);
        for (Room room : List.copyOf(rooms.values())) {
            room.close();
        }
        for (CallMix mix : new ArrayList<>(calls.values())) {
            mix.end();
        }
    }
}
