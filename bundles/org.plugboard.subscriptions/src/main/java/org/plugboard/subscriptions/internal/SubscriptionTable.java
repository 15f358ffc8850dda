package org.plugboard.subscriptions.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live subscriptions, indexed by dialog, Call-ID, watched resource and subscriber. Touched on the layer's thread
 * only; {@link #views()} is the snapshot it publishes for other threads.
 */
final class SubscriptionTable {
    private final Map<String, Subscription> byKey = new LinkedHashMap<>();
    private final Map<String, List<Subscription>> byCallId = new HashMap<>();
    private final Map<String, List<Subscription>> byResource = new HashMap<>();
    private final Map<String, Integer> perSubscriber = new HashMap<>();
    private volatile List<SubscriptionView> views = List.of();
    private boolean changed;

    void add(Subscription s) {
        byKey.put(s.key(), s);
        byCallId.computeIfAbsent(s.callId, k -> new ArrayList<>(1)).add(s);
        byResource.computeIfAbsent(resourceKey(s.event, s.resource), k -> new ArrayList<>()).add(s);
        perSubscriber.merge(s.subscriber, 1, Integer::sum);
        changed = true;
    }

    /** Forgets a subscription and cancels its expiry timer; false when it was not here. */
    boolean remove(Subscription s) {
        if (byKey.remove(s.key()) == null) {
            return false;
        }
        s.cancelExpiry.run();
        s.cancelLost.run();
        removeFrom(byCallId, s.callId, s);
        removeFrom(byResource, resourceKey(s.event, s.resource), s);
        perSubscriber.computeIfPresent(s.subscriber, (k, n) -> n <= 1 ? null : n - 1);
        changed = true;
        return true;
    }

    Subscription dialog(String callId, String localTag) {
        return byKey.get(Subscription.key(callId, localTag));
    }

    List<Subscription> withCallId(String callId) {
        return byCallId.getOrDefault(callId, List.of());
    }

    /** A copy: the caller may end subscriptions while it walks the list. */
    List<Subscription> watching(String event, String resource) {
        return List.copyOf(byResource.getOrDefault(resourceKey(event, resource), List.of()));
    }

    List<Subscription> ofEvent(String event) {
        return byKey.values().stream().filter(s -> s.event.equals(event)).toList();
    }

    List<Subscription> all() {
        return List.copyOf(byKey.values());
    }

    int count(String subscriber) {
        return perSubscriber.getOrDefault(subscriber, 0);
    }

    int size() {
        return byKey.size();
    }

    /** Something a view shows changed: the next {@link #publish} makes new snapshots. */
    void touched() {
        changed = true;
    }

    /** Called by the layer's thread after each task. */
    void publish() {
        if (!changed) {
            return;
        }
        changed = false;
        List<SubscriptionView> v = new ArrayList<>(byKey.size());
        for (Subscription s : byKey.values()) {
            v.add(s.view());
        }
        v.sort(Comparator.comparing(SubscriptionView::resource).thenComparing(SubscriptionView::event)
                .thenComparing(SubscriptionView::subscriber));
        views = List.copyOf(v);
    }

    List<SubscriptionView> views() {
        return views;
    }

    private static String resourceKey(String event, String resource) {
        return event + "\n" + resource;
    }

    private static void removeFrom(Map<String, List<Subscription>> index, String key, Subscription s) {
        List<Subscription> l = index.get(key);
        if (l != null) {
            l.remove(s);
            if (l.isEmpty()) {
                index.remove(key);
            }
        }
    }
}
