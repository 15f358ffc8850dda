package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

import javax.sip.ClientTransaction;
import javax.sip.header.Header;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.RewriteContext;
import org.plugboard.api.sip.SipMessageRewriter;

/** The outbound side with real RI requests and a recording channel in place of the stack's providers. */
class SenderTest {
    private final Parking parking = new Parking(10_000, 100, System::currentTimeMillis);
    private final Whiteboards whiteboards = new Whiteboards(parking);
    private final List<String> wire = new ArrayList<>();
    private final Sender sender = new Sender(new Sender.Channel() {
        @Override
        public ClientTransaction send(Request request, NextHop hop, String owner) {
            wire.add(request.getMethod() + " to " + hop.host() + ":" + hop.port() + " for " + owner);
            return null;
        }

        @Override
        public void sendStateless(Request request, NextHop hop) {
            wire.add(request.getMethod() + " to " + hop.host() + ":" + hop.port() + " stateless");
        }
    }, whiteboards, Messages.HEADERS, () -> "Plugboard", new SipStats(), new SipTrace());
    private final NextHop carrier = new NextHop("192.0.2.50", 5060, "UDP");

    @AfterEach
    void stop() {
        parking.shutdown();
    }

    @Test
    void rewritersRunInRankingOrderForTheRequestsProfileOnly() throws Exception {
        whiteboards.addRewriter(trail("low"), Messages.props(1, 1, SipMessageRewriter.PROFILES, "line:a"));
        whiteboards.addRewriter(trail("other-profile"), Messages.props(2, 50, SipMessageRewriter.PROFILES, "line:b"));
        whiteboards.addRewriter(trail("high-later"), Messages.props(4, 10, SipMessageRewriter.PROFILES, new String[] {"line:a"}));
        whiteboards.addRewriter(trail("high-first"), Messages.props(3, 10, SipMessageRewriter.PROFILES, "*"));
        Request invite = Messages.outgoing("INVITE");
        sender.send(invite, carrier, "calls", "line:a");
        assertEquals(List.of("high-first", "high-later", "low"), trail(invite));
        assertEquals(List.of("INVITE to 192.0.2.50:5060 for calls"), wire);
    }

    @Test
    void aMethodFilterPicksTheRequestsARewriterSees() throws Exception {
        whiteboards.addRewriter(trail("invite-register"), Messages.props(1, 0, SipMessageRewriter.PROFILES, "line:b, line:a",
                SipMessageRewriter.METHODS, "INVITE,register"));
        whiteboards.addRewriter(trail("all"), Messages.props(2, 0, SipMessageRewriter.PROFILES, "line:a"));
        Request invite = Messages.outgoing("INVITE");
        Request register = Messages.outgoing("REGISTER");
        Request options = Messages.outgoing("OPTIONS");
        sender.send(invite, carrier, "calls", "line:a");
        sender.send(register, carrier, "lines", "line:a");
        sender.send(options, carrier, "lines", "line:a");
        assertEquals(List.of("invite-register", "all"), trail(invite));
        assertEquals(List.of("invite-register", "all"), trail(register));
        assertEquals(List.of("all"), trail(options));
    }

    @Test
    void theContextOffersTheStacksHeaderFactory() throws Exception {
        List<Object> factories = new ArrayList<>();
        whiteboards.addRewriter(new SipMessageRewriter() {
            @Override
            public void rewriteOutbound(Message message, RewriteContext context) {
                factories.add(context.headerFactory());
            }
        }, Messages.props(1, 0, SipMessageRewriter.PROFILES, "*"));
        sender.send(Messages.outgoing("INVITE"), carrier, "calls", "line:a");
        assertEquals(List.of(Messages.HEADERS), factories);
    }

    @Test
    void aRankingGivenAsAStringByACfgFileCountsAsItsNumber() throws Exception {
        whiteboards.addRewriter(trail("integer-10"), Messages.props(1, 10, SipMessageRewriter.PROFILES, "*"));
        Map<String, Object> fromCfg = Messages.props(2, 0, SipMessageRewriter.PROFILES, "*");
        fromCfg.put("service.ranking", " 20 ");
        whiteboards.addRewriter(trail("string-20"), fromCfg);
        Request invite = Messages.outgoing("INVITE");
        sender.send(invite, carrier, "calls", "line:a");
        assertEquals(List.of("string-20", "integer-10"), trail(invite));
    }

    @Test
    void aRewriterWithoutProfilesAppliesNowhere() throws Exception {
        whiteboards.addRewriter(trail("unconfigured"), Messages.props(1, 0));
        Request invite = Messages.outgoing("INVITE");
        sender.send(invite, carrier, "calls", "line:a");
        assertEquals(List.of(), trail(invite));
    }

    @Test
    void aFailingRewriterIsSkippedAndTheRequestStillLeaves() throws Exception {
        whiteboards.addRewriter(new SipMessageRewriter() {
            @Override
            public void rewriteOutbound(Message message, RewriteContext context) {
                throw new IllegalStateException("boom");
            }
        }, Messages.props(1, 10, SipMessageRewriter.PROFILES, "*"));
        whiteboards.addRewriter(trail("next"), Messages.props(2, 0, SipMessageRewriter.PROFILES, "*"));
        Request invite = Messages.outgoing("INVITE");
        sender.send(invite, carrier, "calls", "line:a");
        assertEquals(List.of("next"), trail(invite));
        assertEquals(1, wire.size());
    }

    @Test
    void aRequestGetsOurUserAgentABranchAndItsChosenHop() throws Exception {
        Request invite = Messages.outgoing("INVITE");
        sender.send(invite, carrier, "calls", "line:a");
        assertEquals("Plugboard", invite.getHeader("User-Agent").toString().substring("User-Agent:".length()).trim());
        assertTrue(((ViaHeader) invite.getHeader(ViaHeader.NAME)).getBranch().startsWith("z9hG4bK"));
        assertEquals(new Outbound(carrier, "line:a"), ((gov.nist.javax.sip.message.SIPRequest) invite).getApplicationData());
    }

    @Test
    void anAckPassesTheRewritersAndLeavesWithoutATransaction() throws Exception {
        whiteboards.addRewriter(trail("r"), Messages.props(1, 0, SipMessageRewriter.PROFILES, "line:a"));
        Request ack = Messages.outgoing("ACK");
        sender.sendAck(ack, carrier, "line:a");
        assertEquals(List.of("r"), trail(ack));
        assertEquals(List.of("ACK to 192.0.2.50:5060 stateless"), wire);
    }

    /** A rewriter that appends its name to an X-Trail header, so the test sees who ran and in which order. */
    private static SipMessageRewriter trail(String name) {
        return new SipMessageRewriter() {
            @Override
            public void rewriteOutbound(Message message, RewriteContext context) {
                try {
                    message.addHeader(Messages.HEADERS.createHeader("X-Trail", name));
                } catch (java.text.ParseException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static List<String> trail(Message m) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders("X-Trail");
        while (it.hasNext()) {
            String h = ((Header) it.next()).toString();
            out.add(h.substring(h.indexOf(':') + 1).trim());
        }
        return out;
    }
}
