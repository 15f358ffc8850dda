package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;

import org.junit.jupiter.api.Test;
import org.plugboard.api.calls.CallTag;
import org.plugboard.api.routing.Route;
import org.plugboard.api.routing.RouteRequest;
import org.plugboard.api.sip.NextHop;

class LineRoutesTest {
    private static final NextHop CARRIER = new NextHop("127.0.0.1", 16101, "UDP");
    private static final NextHop SBC = new NextHop("10.0.0.9", 5070, "UDP");

    private static LineRoutes.Line line(String name, String domain, String prefix, String callerId, Map<String, String> dids,
            NextHop hop) {
        LineSettings s = new LineSettings(name, domain, null, "UDP", "acct-" + name, "pw", "auth-" + name, 3600, true, 30, 600,
                dids, prefix, callerId, NextHop.parse(domain, "UDP"));
        return new LineRoutes.Line(s, hop);
    }

    private final List<LineRoutes.Line> lines = List.of(
            line("a", "carrier.test:16101", "9", "0301234", Map.of("0123456", "1002"), CARRIER),
            line("b", "ims.test", "90", "", Map.of("0123456", "1003", "*", "1001"), SBC),
            line("c", "quiet.test", "", "", Map.of(), CARRIER));

    @Test
    void outboundTakesTheLongestPrefixStripsItAndPresentsTheCallerIdOrTheAccount() {
        assertEquals(new Route.ToSip("sip:5550001@carrier.test:16101", CARRIER, "line:a", "0301234"),
                LineRoutes.route(new RouteRequest("95550001", "1001", "default"), lines));
        assertEquals(new Route.ToSip("sip:5550001@ims.test", SBC, "line:b", "acct-b"),
                LineRoutes.route(new RouteRequest("905550001", "1001", "default"), lines));
        assertEquals(new Route.ToSip("sip:+4930123@carrier.test:16101", CARRIER, "line:a", "0301234"),
                LineRoutes.route(new RouteRequest("9+4930123", "1001", "default"), lines));
    }

    @Test
    void numbersWithoutAPrefixOrOnlyThePrefixAreLeftToOtherRouters() {
        assertNull(LineRoutes.route(new RouteRequest("1002", "1001", "default"), lines));
        assertNull(LineRoutes.route(new RouteRequest("9", "1001", "default"), lines));
        assertNull(LineRoutes.route(new RouteRequest("95550001", "x", "trunk:t"), lines));
    }

    @Test
    void outboundRefusesWhatIsNoNumberAndALineNotYetResolved() {
        assertEquals(484, ((Route.Reject) LineRoutes.route(new RouteRequest("9alice", "1001", "default"), lines)).status());
        List<LineRoutes.Line> unresolved = List.of(line("a", "carrier.test", "9", "", Map.of(), null));
        Route.Reject r = (Route.Reject) LineRoutes.route(new RouteRequest("95550001", "1001", "default"), unresolved);
        assertEquals(503, r.status());
        assertEquals(CallTag.CALLEE_UNREACHABLE, r.tag());
    }

    @Test
    void inboundGoesByDidThenTheCatchAllElse404() {
        assertEquals(new Route.ToExtension("1002"), LineRoutes.route(new RouteRequest("0123456", "0301", "line:a"), lines));
        assertEquals(new Route.ToExtension("1003"), LineRoutes.route(new RouteRequest("0123456", "0301", "line:b"), lines));
        assertEquals(new Route.ToExtension("1001"), LineRoutes.route(new RouteRequest("0999", "0301", "line:b"), lines));
        Route.Reject r = (Route.Reject) LineRoutes.route(new RouteRequest("0999", "0301", "line:a"), lines);
        assertEquals(404, r.status());
        assertEquals(CallTag.ROUTING_FAILURE, r.tag());
        // an extension number from outside is no DID: never rung directly
        assertEquals(404, ((Route.Reject) LineRoutes.route(new RouteRequest("1002", "0301", "line:a"), lines)).status());
        assertEquals(404, ((Route.Reject) LineRoutes.route(new RouteRequest("0123456", "0301", "line:gone"), lines)).status());
    }

    @Test
    void theDidComesFromToWhenTheRequestUriIsTheAccount() throws Exception {
        AddressFactory a = SipFactory.getInstance().createAddressFactory();
        assertEquals("0123456", InboundDidRewriter.didInTo(a.createURI("sip:acct@127.0.0.1:15060"),
                a.createURI("sip:0123456@carrier.test"), "acct"));
        assertEquals("+49301234", InboundDidRewriter.didInTo(a.createURI("sip:127.0.0.1:15060"),
                a.createURI("tel:+49301234"), "acct"));
        assertNull(InboundDidRewriter.didInTo(a.createURI("sip:0123456@127.0.0.1"), a.createURI("sip:acct@carrier.test"), "acct"));
        assertNull(InboundDidRewriter.didInTo(a.createURI("sip:acct@127.0.0.1"), a.createURI("sip:acct@carrier.test"), "acct"));
        assertNull(InboundDidRewriter.didInTo(a.createURI("tel:0123456;phone-context=carrier.test"),
                a.createURI("sip:0999@carrier.test"), "acct"));
    }
}
