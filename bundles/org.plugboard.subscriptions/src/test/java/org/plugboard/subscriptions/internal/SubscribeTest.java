package org.plugboard.subscriptions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.address.SipURI;
import javax.sip.header.AllowEventsHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;

/** What a SUBSCRIBE gets: the answers of RFC 6665 4.2.1 and the first NOTIFY of a new dialog. */
class SubscribeTest extends LayerFixture {

    @Test
    void withoutCredentialsTheSubscribeIsChallengedAndNothingIsKept() throws Exception {
        Exchange ex = subscribe("1001", null, "1002", "dialog", 600);
        assertEquals(407, ex.status());
        assertNotNull(ex.response().getHeader("Proxy-Authenticate"));
        assertTrue(sent.isEmpty());
        assertEquals(0, layer.size());
    }

    @Test
    void anAuthenticatedSubscribeCreatesTheDialogAnswers200AndNotifiesTheCurrentStateAtOnce() throws Exception {
        Exchange ex = subscribe("1001", "good", "1002", "dialog", 600);
        assertEquals(200, ex.status());
        assertEquals(600, ((ExpiresHeader) ex.response().getHeader(ExpiresHeader.NAME)).getExpires());
        assertEquals("sip:1002@127.0.0.1:15060", ((ContactHeader) ex.response().getHeader(ContactHeader.NAME)).getAddress().getURI().toString());
        String localTag = ex.localTag();
        assertNotNull(localTag);

        Request n = lastNotify();
        assertEquals(Request.NOTIFY, n.getMethod());
        assertEquals("sip:1001@127.0.0.1:16620", n.getRequestURI().toString(), "the NOTIFY goes to the SUBSCRIBE's Contact");
        assertEquals(SubscribeRequests.callId(ex.request()), SubscribeRequests.callId(n));
        assertEquals(localTag, SubscribeRequests.fromTag(n), "From carries the tag of our 200");
        assertEquals(SubscribeRequests.fromTag(ex.request()), SubscribeRequests.toTag(n));
        assertEquals("sip:1002@127.0.0.1", ((FromHeader) n.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
        assertEquals(1, SubscribeRequests.cseq(n));
        assertEquals("dialog", ((EventHeader) n.getHeader(EventHeader.NAME)).getEventType());
        SubscriptionStateHeader state = (SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME);
        assertEquals("active", state.getState());
        assertEquals(600, state.getExpires());
        assertEquals("application/dialog-info+xml", n.getHeader("Content-Type").toString().replaceAll("(?s).*: *", "").trim());
        assertEquals("sip:1002@127.0.0.1 v0 idle", body(n));
        assertEquals(new NextHop("127.0.0.1", PHONE_PORT, "UDP"), hops.get(0));
        assertEquals("1002", ((SipURI) ((ContactHeader) n.getHeader(ContactHeader.NAME)).getAddress().getURI()).getUser());

        SubscriptionView v = layer.views().get(0);
        assertEquals("1001", v.subscriber());
        assertEquals("1002", v.resource());
        assertEquals("dialog", v.event());
        assertTrue(v.pending());
        answer(n, 200);
        assertEquals("200 OK", layer.views().get(0).lastStatus());
        assertEquals(0, layer.views().get(0).lastVersion());
    }

    @Test
    void anUnknownEventIs489WithTheKnownOnesInAllowEventsBeforeAnyChallenge() throws Exception {
        bind(new TestPackage("message-summary"));
        Exchange ex = subscribe("1001", null, "1002", "foo", 600);
        assertEquals(489, ex.status());
        List<String> allowed = new ArrayList<>();
        ListIterator<?> it = ex.response().getHeaders(AllowEventsHeader.NAME);
        while (it.hasNext()) {
            allowed.add(((AllowEventsHeader) it.next()).getEventType());
        }
        assertEquals(List.of("dialog", "message-summary"), allowed);
    }

    @Test
    void aSubscribeWithoutEventIs400() throws Exception {
        assertEquals(400, subscribe("1001", "good", "1002", null, 600).status());
    }

    @Test
    void anExpiryBelowTheMinimumIs423WithMinExpiresAndAboveTheMaximumIsCut() throws Exception {
        Exchange brief = subscribe("1001", "good", "1002", "dialog", 30);
        assertEquals(423, brief.status());
        assertEquals(60, ((MinExpiresHeader) brief.response().getHeader(MinExpiresHeader.NAME)).getExpires());
        assertTrue(sent.isEmpty());

        Exchange longOne = subscribe("1001", "good", "1002", "dialog", 86_400);
        assertEquals(3600, ((ExpiresHeader) longOne.response().getHeader(ExpiresHeader.NAME)).getExpires());
        Exchange noExpires = subscribe("1001", "good", "1003", "dialog", -1);
        assertEquals(3600, ((ExpiresHeader) noExpires.response().getHeader(ExpiresHeader.NAME)).getExpires(), "the default");
    }

    @Test
    void wrongCredentialsAre403AndAFloodOfThemBansTheAddressLikeRegister() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(403, subscribe("1001", "bad", "1002", "dialog", 600).status());
        }
        Exchange after = subscribe("1001", "good", "1002", "dialog", 600);
        assertEquals(0, after.responses.size(), "a banned address is not answered, even with the right password");
        assertEquals(0, layer.size());
        guard.liftAll();
        assertEquals(200, subscribe("1001", "good", "1002", "dialog", 600).status());
    }

    @Test
    void thePackageSaysWhichResourcesExistAndWhoMayWatchThem() throws Exception {
        assertEquals(404, subscribe("1001", "good", "9999", "dialog", 600).status());
        Exchange forbidden = subscribe("1004", "good", "1003", "dialog", 600);
        assertEquals(403, forbidden.status());
        assertEquals("Not Allowed to Watch 1003", forbidden.response().getReasonPhrase());
        assertEquals(0, guard.failures.size(), "a refusal by the package is no authentication failure");
    }

    @Test
    void aSubscriberGetsAtMostTheConfiguredNumberOfSubscriptions() throws Exception {
        for (String r : List.of("1002", "1003", "1005")) {
            assertEquals(200, subscribe("1001", "good", r, "dialog", 600).status());
        }
        Exchange fourth = subscribe("1001", "good", "1006", "dialog", 600);
        assertEquals(403, fourth.status());
        assertEquals("Too Many Subscriptions", fourth.response().getReasonPhrase());
        assertEquals(200, subscribe("1002", "good", "1006", "dialog", 600).status(), "the limit is per subscriber");
    }

    @Test
    void anAcceptWithoutThePackagesTypeIs406() throws Exception {
        Request r = subscribeRequest("1001", "good", "1002", "dialog", 600, "acc@x", "f", 1, null);
        r.setHeader(headers.createAcceptHeader("application", "pidf+xml"));
        Exchange ex = send(r);
        assertEquals(406, ex.status());
        Request star = subscribeRequest("1001", "good", "1002", "dialog", 600, "acc2@x", "f", 1, null);
        star.setHeader(headers.createAcceptHeader("application", "*"));
        assertEquals(200, send(star).status());
    }

    @Test
    void aSubscribeInAnUnknownDialogIs481AndAnOldCseq500() throws Exception {
        Exchange unknown = send(subscribeRequest("1001", null, "1002", "dialog", 600, "nobody@x", "f", 2, "no-such-tag"));
        assertEquals(481, unknown.status());

        Exchange first = subscribed();
        Request old = subscribeRequest("1001", null, "1002", "dialog", 600, SubscribeRequests.callId(first.request()),
                SubscribeRequests.fromTag(first.request()), 1, first.localTag());
        assertEquals(500, send(old).status());
    }

    @Test
    void expiresZeroOnANewSubscriptionFetchesTheStateOnce() throws Exception {
        Exchange ex = subscribe("1001", "good", "1002", "dialog", 0);
        assertEquals(200, ex.status());
        assertEquals(0, ((ExpiresHeader) ex.response().getHeader(ExpiresHeader.NAME)).getExpires());
        Request n = lastNotify();
        SubscriptionStateHeader state = (SubscriptionStateHeader) n.getHeader(SubscriptionStateHeader.NAME);
        assertEquals("terminated", state.getState());
        assertEquals("timeout", state.getReasonCode());
        assertEquals("sip:1002@127.0.0.1 v0 idle", body(n));
        assertEquals(0, layer.size());
    }

    @Test
    void theNotifyFollowsTheRecordRouteOfTheSubscribe() throws Exception {
        Request r = subscribeRequest("1001", "good", "1002", "dialog", 600, "rr@x", "f", 1, null);
        r.addHeader(headers.createRecordRouteHeader(addresses.createAddress("<sip:10.0.0.9:5070;lr>")));
        assertEquals(200, send(r).status());
        Request n = lastNotify();
        assertEquals("<sip:10.0.0.9:5070;lr>", n.getHeader("Route").toString().replaceAll("(?s)^Route: *", "").trim());
        assertEquals(new NextHop("10.0.0.9", 5070, "UDP"), hops.get(0));
        assertNull(((ToHeader) n.getHeader(ToHeader.NAME)).getParameter("expires"));
    }
}
