package org.plugboard.subscriptions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/**
 * A bundle update of the layer: the subscriptions go to the next version as plain data, and its NOTIFYs are in the same
 * dialogs (Call-ID, tags, the next CSeq, the next version), its timers re-armed, its unanswered NOTIFY still matched.
 */
class HandoverTest extends LayerFixture {

    /** The next version: a new layer over the same wire and clock; the package binds to it after its activation. */
    private SubscriptionLayer update(List<Map<String, Object>> states) {
        packages.remove(dialog);
        SubscriptionLayer next = newLayer();
        assertEquals(states.size(), next.adopt(states));
        bind(dialog, next);
        return next;
    }

    @Test
    void aSubscriptionCarriesOnInTheSameDialogAfterAnUpdate() throws Exception {
        Exchange first = subscribed();
        dialog.set("1002", "early");
        answer(lastNotify(), 200);
        Request before = lastNotify();
        List<Map<String, Object>> states = layer.handOver();
        assertEquals(0, layer.size());
        states.forEach(s -> s.values().forEach(v -> assertTrue(v.getClass().getName().startsWith("java."), "JDK values only: " + v)));

        SubscriptionLayer next = update(states);
        Request after = lastNotify();
        assertEquals(3, sent.size(), "the new version notifies the current state once its package is there");
        assertEquals(SubscribeRequests.callId(before), SubscribeRequests.callId(after));
        assertEquals(SubscribeRequests.fromTag(before), SubscribeRequests.fromTag(after));
        assertEquals(SubscribeRequests.toTag(before), SubscribeRequests.toTag(after));
        assertEquals(before.getRequestURI(), after.getRequestURI());
        assertEquals(SubscribeRequests.cseq(before) + 1, SubscribeRequests.cseq(after));
        assertEquals("sip:1002@127.0.0.1 v2 early", body(after));
        assertEquals(hops.get(0), hops.get(2));

        next.answered(messages.createResponse(200, after));
        Exchange refresh = new Exchange(subscribeRequest("1001", null, "1002", "dialog", 600, SubscribeRequests.callId(first.request()),
                SubscribeRequests.fromTag(first.request()), 2, first.localTag()));
        next.subscribe(refresh);
        assertEquals(200, refresh.status(), "the new version knows the dialog and its CSeq");
        advance(600_000);
        assertEquals("terminated", state(lastNotify()), "expiry re-armed by the new version");
    }

    @Test
    void theAnswerToANotifyTheOldVersionSentReachesTheNewOne() throws Exception {
        subscribed();
        dialog.set("1002", "early");
        Request unanswered = lastNotify();
        SubscriptionLayer next = update(layer.handOver());
        assertEquals(2, sent.size(), "nothing new while the old NOTIFY is unanswered");
        next.answered(messages.createResponse(200, unanswered));
        assertEquals(3, sent.size());
        assertEquals("sip:1002@127.0.0.1 v2 early", body(lastNotify()));
        assertTrue(next.views().get(0).pending(), "the new NOTIFY waits for its answer");
    }

    @Test
    void aSubscriptionThatExpiredDuringTheUpdateEndsAtOnce() throws Exception {
        subscribed();
        List<Map<String, Object>> states = layer.handOver();
        advance(700_000);
        SubscriptionLayer next = newLayer();
        next.adopt(states);
        advance(0);
        assertEquals("terminated", state(lastNotify()));
        assertEquals(0, next.size());
    }
}
