package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;

import org.junit.jupiter.api.Test;
import org.plugboard.api.routing.DialPlanEntry;
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
    void aLineWithAPrefixTakesPhonesCallsWithItsCallerIdOrTheAccount() {
        List<DialPlanEntry> entries = LineRoutes.entries(lines);
        assertTrue(entries.contains(new DialPlanEntry("default", "9",
                new DialPlanEntry.ToSip("carrier.test:16101", CARRIER, "line:a", "0301234", "Line a (carrier.test)"))));
        assertTrue(entries.contains(new DialPlanEntry("default", "90",
                new DialPlanEntry.ToSip("ims.test", SBC, "line:b", "acct-b", "Line b (ims.test)"))));
        assertEquals(2, entries.stream().filter(e -> e.from().equals("default")).count(), "no prefix: no outbound calls");
    }

    @Test
    void eachDidAndTheCatchAllRingTheirExtensionForCallsFromTheirLineOnly() {
        List<DialPlanEntry> entries = LineRoutes.entries(lines);
        assertTrue(entries.contains(new DialPlanEntry("line:a", "0123456", new DialPlanEntry.ToExtension("1002"))));
        assertTrue(entries.contains(new DialPlanEntry("line:b", "0123456", new DialPlanEntry.ToExtension("1003"))));
        assertTrue(entries.contains(new DialPlanEntry("line:b", DialPlanEntry.ANY, new DialPlanEntry.ToExtension("1001"))));
        assertEquals(5, entries.size());
    }

    @Test
    void aLineNotYetResolvedIsStillInThePlanWithoutAHop() {
        DialPlanEntry e = LineRoutes.entries(List.of(line("a", "carrier.test", "9", "", Map.of(), null))).get(0);
        assertNull(((DialPlanEntry.ToSip) e.target()).hop()); // the router answers 503 for it
        assertEquals(LineRoutes.entries(lines), LineRoutes.entries(lines), "the same lines give equal entries (no re-index)");
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
