package org.plugboard.media.mix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.plugboard.api.media.Beep;
import org.plugboard.api.media.Conference;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.media.endpoint.LegMix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoop;

/**
 * A mixing room ({@link Conference}) on one event loop of the engine: its {@link Mixer} ticks there every 20 ms; the
 * members are legs of the engine on any loop ({@link LegFeed}). Membership is kept here under a lock (join order);
 * the mixer's own list changes on the room's loop only.
 */
final class Room implements Conference {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);

    private final String name;
    private final Mixing mixing;
    private final EventLoop loop;
    private final Mixer mixer = new Mixer();
    private final Map<String, LegFeed> members = new LinkedHashMap<>();
    private final ScheduledFuture<?> ticker;
    private volatile boolean closed;
    /** Set when the room was handed to the next version of the bundle: that version's room does the work. */
    private volatile CompletableFuture<Conference> successor;
    /** The members when it was handed over: what {@link #members} says until the next version took it over. */
    private volatile List<String> handedOver = List.of();

    Room(String name, Mixing mixing, EventLoop loop) {
        this.name = name;
        this.mixing = mixing;
        this.loop = loop;
        this.ticker = loop.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            mixer.tick();
        } catch (RuntimeException e) {
            LOG.error("Conference {}: a mixing step failed; the room is closed", name, e);
            close();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<Void> join(MediaEndpoint member, boolean muted) {
        if (successor != null) {
            return successor.thenCompose(next -> next == null ? gone() : next.join(member, muted));
        }
        LegFeed feed;
        try {
            if (closed) {
                throw new MediaException(Kind.NO_SESSION, "conference " + name + " is closed");
            }
            LegMix leg = mixing.leg(member);
            synchronized (members) {
                LegFeed already = members.get(leg.id());
                if (already != null) {
                    already.member.heard = !muted;
                    return CompletableFuture.completedFuture(null);
                }
                mixing.claim(leg.id(), "conference " + name);
                feed = new LegFeed(leg, () -> leave(member));
                feed.member.heard = !muted;
                members.put(leg.id(), feed);
            }
        } catch (MediaException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                synchronized (members) {
                    if (members.get(feed.leg.id()) != feed) { // left (or the room closed) before it got here
                        done.completeExceptionally(new MediaException(Kind.NO_SESSION, "media endpoint "
                                + member.id() + " left conference " + name + " while joining"));
                        return;
                    }
                    mixer.add(feed.member);
                    feed.leg.mixInto(feed);
                }
                if (feed.leg.closed() || closed) {
                    leave(member); // closed while joining: its close did not see the mix
                    done.completeExceptionally(new MediaException(Kind.NO_SESSION, "media endpoint " + member.id()
                            + " or conference " + name + " closed while joining"));
                    return;
                }
                LOG.info("Conference {}: {} joined{} ({} member(s))", name, member.id(), muted ? " muted" : "",
                        mixer.members().size());
                done.complete(null);
            });
        } catch (RejectedExecutionException e) {
            leave(member);
            done.completeExceptionally(new MediaException(Kind.NO_SESSION, "the media engine is shut down", e));
        }
        return done;
    }

    @Override
    public boolean leave(MediaEndpoint member) {
        if (successor != null && member != null) {
            Conference next = successor.getNow(null);
            if (next != null) {
                return next.leave(member);
            }
            later(c -> c.leave(member));
            return handedOver.contains(member.id());
        }
        return member != null && leave(member.id());
    }

    private boolean leave(String id) {
        LegFeed feed;
        synchronized (members) {
            feed = members.remove(id);
        }
        if (feed == null) {
            return false;
        }
        feed.leg.mixInto(null);
        mixing.unclaim(id);
        try {
            loop.execute(() -> mixer.remove(feed.member));
        } catch (RejectedExecutionException e) {
            // the loop is gone and the mixer with it
        }
        LOG.info("Conference {}: {} left", name, id);
        return true;
    }

    @Override
    public boolean mute(String endpointId, boolean muted) {
        if (successor != null) {
            Conference next = successor.getNow(null);
            if (next != null) {
                return next.mute(endpointId, muted);
            }
            later(c -> c.mute(endpointId, muted));
            return handedOver.contains(endpointId);
        }
        synchronized (members) {
            LegFeed feed = members.get(endpointId);
            if (feed == null) {
                return false;
            }
            feed.member.heard = !muted;
            return true;
        }
    }

    /** The muted members' ids (console, tests). */
    List<String> muted() {
        List<String> ids = new ArrayList<>();
        synchronized (members) {
            members.forEach((id, feed) -> {
                if (!feed.member.heard) {
                    ids.add(id);
                }
            });
        }
        return ids;
    }

    @Override
    public List<String> members() {
        if (successor != null) {
            Conference next = successor.getNow(null);
            return next != null ? next.members() : successor.isDone() ? List.of() : handedOver; // done: nobody took it
        }
        synchronized (members) {
            return List.copyOf(members.keySet());
        }
    }

    @Override
    public void beep(Beep beep) {
        if (successor != null) {
            later(c -> c.beep(beep));
            return;
        }
        try {
            loop.execute(() -> mixer.beep(beep));
        } catch (RejectedExecutionException e) {
            // the engine is stopping
        }
    }

    @Override
    public void close() {
        if (successor != null) {
            later(Conference::close);
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        ticker.cancel(false);
        for (String id : members()) {
            leave(id);
        }
        mixing.forget(this);
        LOG.info("Conference {} closed", name);
    }

    boolean closed() {
        return closed;
    }

    // ---- bundle update ----

    /**
     * Stops mixing here and writes the room down for the next version (name, members by leg id, who is muted); the
     * members' legs are handed over after this, and the next version's room takes them in again. From now on this
     * object forwards to that room.
     */
    Map<String, Object> handOver() {
        List<String> ids = new ArrayList<>();
        List<Boolean> heard = new ArrayList<>();
        synchronized (members) {
            closed = true;
            ticker.cancel(false);
            members.forEach((id, feed) -> {
                ids.add(id);
                heard.add(feed.member.heard);
                feed.leg.mixInto(null);
            });
            members.clear();
        }
        handedOver = List.copyOf(ids);
        CompletableFuture<Conference> next = new CompletableFuture<>();
        successor = next;
        Map<String, Object> state = new java.util.HashMap<>();
        state.put("kind", "room");
        state.put("name", name);
        state.put("members", List.copyOf(ids));
        state.put("heard", List.copyOf(heard));
        state.put("successor", next);
        return state;
    }

    private void later(java.util.function.Consumer<Conference> action) {
        successor.thenAccept(next -> {
            if (next != null) {
                action.accept(next);
            }
        });
    }

    private static CompletionStage<Void> gone() {
        return CompletableFuture.failedFuture(new MediaException(Kind.NO_SESSION,
                "the conference was closed: no new version of the media engine took it over"));
    }
}
