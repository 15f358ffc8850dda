package org.plugboard.calls.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.plugboard.api.calls.CallInfo;
import org.plugboard.api.calls.CallState;

/**
 * Where calls and legs are found. SIP threads look legs up by Call-ID (the leg then runs on its call's strand);
 * other threads (console, trunk sweep, REST) read the immutable snapshots the strands publish after every event,
 * never the calls themselves.
 */
final class CallTable {
    /** Every live leg by its SIP Call-ID (each leg of a B2BUA call is its own dialog with its own Call-ID). */
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    /** Live calls by their short id: strands only (and the hand-over, once the strands are drained). */
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** Calls that ended less than 64*T1 ago: their legs still answer late responses, and a hand-over keeps them. */
    private final Map<String, Call> ended = new ConcurrentHashMap<>();
    /** What other threads see: one snapshot per live call, replaced whole by its strand. */
    private final Map<String, CallInfo> published = new ConcurrentHashMap<>();
    /** The media session of each answered call, published with its snapshot (CallControl.media: recording, barge-in). */
    private final Map<String, org.plugboard.api.media.MediaSession> publishedMedia = new ConcurrentHashMap<>();

    Leg leg(String callId) {
        return legs.get(callId);
    }

    /** Indexes a leg; false when its Call-ID is taken already (a second INVITE with a live call's Call-ID). */
    boolean addLeg(Leg leg) {
        return legs.putIfAbsent(leg.callId, leg) == null;
    }

    void removeLeg(Leg leg) {
        legs.remove(leg.callId, leg);
    }

    /** The same dialog now belongs to another call (a pickup moved it): its requests go there. False when it is gone. */
    boolean replaceLeg(Leg before, Leg now) {
        return legs.replace(before.callId, before, now);
    }

    Call call(String id) {
        return calls.get(id);
    }

    /** A new call with an id no live call has. */
    Call newCall(java.util.function.ToIntFunction<String> strandOf) {
        while (true) {
            String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
            Call call = new Call(id, strandOf.applyAsInt(id));
            if (calls.putIfAbsent(id, call) == null) {
                return call;
            }
        }
    }

    /** An id for a record of its own (a transferor's part of a call), the form of call ids and none of a live call's. */
    String newRecordId() {
        while (true) {
            String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
            if (!calls.containsKey(id) && !ended.containsKey(id)) {
                return id;
            }
        }
    }

    void add(Call call) {
        (call.released() ? ended : calls).put(call.id, call);
        call.legs().forEach(l -> legs.put(l.callId, l));
    }

    /** Forgets a call that never became one (refused before it started): its caller leg and id. */
    void discard(Call call) {
        calls.remove(call.id, call);
        published.remove(call.id);
        publishedMedia.remove(call.id);
        call.legs().forEach(this::removeLeg);
    }

    /**
     * A pickup attempt whose leg another call took over: it is no call any more (no record, no event), and its leg is
     * indexed by the call that has it now.
     */
    void retire(Call call) {
        calls.remove(call.id, call);
        published.remove(call.id);
        publishedMedia.remove(call.id);
    }

    /** The call ended: no longer live, though its legs stay indexed a while (see {@link Releaser}). */
    void ended(Call call) {
        ended.put(call.id, call);
        calls.remove(call.id, call);
        published.remove(call.id);
        publishedMedia.remove(call.id);
    }

    /** 64*T1 after its end: the call's legs are forgotten. */
    void forget(Call call) {
        call.legs().forEach(this::removeLeg);
        ended.remove(call.id, call);
    }

    /** Called by the call's strand after each event: publishes what other threads may read. */
    void publish(Call call) {
        if (!call.released() && call.pickup == null && calls.get(call.id) == call) { // a pickup in flight is no call yet
            published.put(call.id, call.info());
            boolean up = call.state == CallState.ANSWERED || call.state == CallState.CONNECTED;
            if (up && call.media != null) {
                publishedMedia.put(call.id, call.media);
            } else {
                publishedMedia.remove(call.id);
            }
        }
    }

    /** Live calls and those ended within 64*T1: for the hand-over only, once the strands have stopped. */
    Collection<Call> handOver() {
        java.util.List<Call> all = new java.util.ArrayList<>(calls.values());
        all.addAll(ended.values());
        return all;
    }

    List<CallInfo> snapshots() {
        return published.values().stream().sorted(Comparator.comparing(CallInfo::started)).toList();
    }

    Optional<org.plugboard.api.media.MediaSession> media(String id) {
        return Optional.ofNullable(publishedMedia.get(id));
    }

    Optional<CallInfo> snapshot(String id) {
        return Optional.ofNullable(published.get(id));
    }
}
