package org.plugboard.subscriptions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sip.header.ExpiresHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

/** The subscription's life after its 200: changes, refresh, unsubscribe, expiry, and subscribers that went away. */
class NotifyTest extends LayerFixture {

    @Test
    void aChangeOfTheResourceSendsANotifyWithTheNextVersionAndCseq() throws Exception {
        subscribed();
        dialog.set("1002", "early");
        Request n = lastNotify();
        assertEquals(2, sent.size());
        assertEquals(2, SubscribeRequests.cseq(n));
        assertEquals("sip:1002@127.0.0.1 v1 early", body(n));
        assertEquals("active", state(n));
        dialog.set("1003", "early");
        assertEquals(2, sent.size(), "nobody watches 1003");
    }

    @Test
    void changesWhileANotifyIsUnansweredBecomeOneNotifyWithTheNewestState() throws Exception {
        subscribed();
        dialog.set("1002", "trying");
        Request trying = lastNotify();
        dialog.set("1002", "early");
        dialog.set("1002", "confirmed");
        assertEquals(2, sent.size(), "one NOTIFY at a time");
        answer(trying, 200);
        assertEquals(3, sent.size());
        assertEquals("sip:1002@127.0.0.1 v2 confirmed", body(lastNotify()));
        assertEquals(3, SubscribeRequests.cseq(lastNotify()));
    }

    @Test
    void aRefreshGrantsANewExpiryAndNotifiesTheState() throws Exception {
        Exchange first = subscribed();
        advance(500_000);
        Exchange refresh = resubscribe(first, 900);
        assertEquals(200, refresh.status());
        assertEquals(first.localTag(), refresh.localTag(), "the same dialog");
        assertEquals(900, ((ExpiresHeader) refresh.response().getHeader(ExpiresHeader.NAME)).getExpires());
        Request n = lastNotify();
        assertEquals(900, ((SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME)).getExpires());
        answer(n, 200);
        advance(200_000); // past the first expiry (600 s after the start)
        assertEquals(2, sent.size(), "the old expiry no longer applies");
        assertEquals(1, layer.size());
        Exchange brief = resubscribe(first, 10);
        assertEquals(423, brief.status());
        assertEquals(1, layer.size(), "a refused refresh keeps the subscription");
    }

    @Test
    void expiresZeroUnsubscribesWithAFinalTerminatedNotify() throws Exception {
        Exchange first = subscribed();
        Exchange bye = resubscribe(first, 0);
        assertEquals(200, bye.status());
        assertEquals(0, ((ExpiresHeader) bye.response().getHeader(ExpiresHeader.NAME)).getExpires());
        Request n = lastNotify();
        SubscriptionStateHeader state = (SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME);
        assertEquals("terminated", state.getState());
        assertEquals("timeout", state.getReasonCode());
        assertEquals(0, layer.size());
        assertTrue(layer.views().isEmpty());
        dialog.set("1002", "early");
        assertEquals(2, sent.size(), "no NOTIFY after the end");
        assertEquals(481, resubscribe(first, 600).status());
    }

    @Test
    void aSubscriptionThatIsNotRefreshedExpiresWithATerminatedNotify() throws Exception {
        subscribed();
        advance(599_000);
        assertEquals(1, sent.size());
        advance(1_000);
        Request n = lastNotify();
        assertEquals("terminated", state(n));
        assertEquals("timeout", ((SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME)).getReasonCode());
        assertEquals(0, layer.size());
    }

    @Test
    void anExpiryWhileANotifyIsUnansweredWaitsForItsAnswer() throws Exception {
        subscribed();
        advance(590_000);
        dialog.set("1002", "early");
        Request early = lastNotify();
        advance(10_000);
        assertEquals(2, sent.size());
        answer(early, 200);
        assertEquals("terminated", state(lastNotify()));
    }

    @Test
    void aSubscriberThatAnswers481OrNeverAnswersIsForgotten() throws Exception {
        subscribed();
        dialog.set("1002", "early");
        answer(lastNotify(), 481);
        assertEquals(0, layer.size());

        subscribe("1001", "good", "1003", "dialog", 600);
        Request n = lastNotify();
        layer.timedOut(n);
        assertEquals(0, layer.size());
    }

    @Test
    void aNotifyNeverAnsweredNorTimedOutIsGivenUpAfterFortySeconds() throws Exception {
        subscribed();
        dialog.set("1002", "early");
        dialog.set("1002", "confirmed");
        assertEquals(2, sent.size());
        advance(Subscription.LOST_MILLIS);
        assertEquals(3, sent.size());
        assertEquals("sip:1002@127.0.0.1 v2 confirmed", body(lastNotify()));
        assertEquals(1, layer.size());
    }

    @Test
    void whileThePackageIsAwayNewSubscribersAreAskedToComeBackAndOldOnesAreNotifiedWhenItReturns() throws Exception {
        Exchange first = subscribed();
        unbind(dialog, layer);
        Exchange during = subscribe("1003", "good", "1002", "dialog", 600);
        assertEquals(503, during.status());
        assertEquals(5, ((RetryAfterHeader) during.response().getHeader(RetryAfterHeader.NAME)).getRetryAfter());
        assertEquals(200, resubscribe(first, 600).status(), "a refresh is still answered");
        assertEquals(1, sent.size(), "its NOTIFY waits for the package");
        dialog.states.put("1002", "confirmed");
        bind(dialog);
        assertEquals(2, sent.size());
        assertEquals("sip:1002@127.0.0.1 v1 confirmed", body(lastNotify()));
        assertEquals(2, SubscribeRequests.cseq(lastNotify()));
    }

    @Test
    void aPackageThatDoesNotComeBackEndsItsSubscriptionsAfterTheGrace() throws Exception {
        subscribed();
        unbind(dialog, layer);
        advance(29_000);
        assertEquals(1, sent.size());
        advance(1_000);
        Request n = lastNotify();
        assertEquals("terminated", state(n));
        assertEquals("noresource", ((SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME)).getReasonCode());
        assertEquals("", body(n));
        assertEquals(0, layer.size());
        assertEquals(489, subscribe("1001", "good", "1002", "dialog", 600).status());
    }
}
