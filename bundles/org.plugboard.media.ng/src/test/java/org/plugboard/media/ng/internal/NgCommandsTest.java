package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.MediaException.Kind;
import org.plugboard.api.media.Side;

class NgCommandsTest {
    static final String ID = "5f0c7e0e-0000-4000-8000-000000000001";

    @Test
    void theFirstOfferNamesOnlyTheOfferersTag() {
        Map<String, Object> c = NgCommands.offer(ID, Side.CALLER, false, "v=0", "192.0.2.7");
        assertEquals("offer", c.get(Ng.COMMAND));
        assertEquals(ID, c.get(Ng.CALL_ID));
        assertEquals(ID + "-caller", c.get(Ng.FROM_TAG));
        assertFalse(c.containsKey(Ng.TO_TAG));
        assertEquals("v=0", c.get(Ng.SDP));
        assertEquals(List.of("IP4", "192.0.2.7"), c.get(Ng.RECEIVED_FROM));
        assertEquals(List.of("origin", "session-connection"), c.get(Ng.REPLACE));
        assertEquals("remove", c.get(Ng.ICE));
    }

    @Test
    void anOfferCarriesTheCallIdAsLabelWhenItFits() {
        assertEquals("b2bua-7", NgCommands.offer(ID, Side.CALLER, false, "v=0", null, "b2bua-7").get(Ng.LABEL));
        assertFalse(NgCommands.offer(ID, Side.CALLER, false, "v=0", null, "x".repeat(300)).containsKey(Ng.LABEL));
        assertFalse(NgCommands.offer(ID, Side.CALLER, false, "v=0", null, null).containsKey(Ng.LABEL));
    }

    @Test
    void aReOfferFromTheCalleeNamesBothTagsFromItsSide() {
        Map<String, Object> c = NgCommands.offer(ID, Side.CALLEE, true, "v=0", null);
        assertEquals(ID + "-callee", c.get(Ng.FROM_TAG));
        assertEquals(ID + "-caller", c.get(Ng.TO_TAG));
        assertFalse(c.containsKey(Ng.RECEIVED_FROM), "unknown source: not sent");
    }

    @Test
    void anAnswerNamesTheOffererAsFromAndTheAnswererAsTo() {
        Map<String, Object> c = NgCommands.answer(ID, Side.CALLER, Side.CALLEE, "v=0", "::1");
        assertEquals("answer", c.get(Ng.COMMAND));
        assertEquals(ID + "-caller", c.get(Ng.FROM_TAG));
        assertEquals(ID + "-callee", c.get(Ng.TO_TAG));
        assertEquals(List.of("IP6", "::1"), c.get(Ng.RECEIVED_FROM));
        // late offer: the callee offered in its 200, the caller answers in the ACK
        Map<String, Object> late = NgCommands.answer(ID, Side.CALLEE, Side.CALLER, "v=0", null);
        assertEquals(ID + "-callee", late.get(Ng.FROM_TAG));
        assertEquals(ID + "-caller", late.get(Ng.TO_TAG));
    }

    @Test
    void deleteQueryAndBlockNameTheWholeCall() {
        assertEquals(Map.of(Ng.COMMAND, "delete", Ng.CALL_ID, ID), NgCommands.delete(ID));
        assertEquals(Map.of(Ng.COMMAND, "query", Ng.CALL_ID, ID), NgCommands.query(ID));
        assertEquals(Map.of(Ng.COMMAND, "block media", Ng.CALL_ID, ID), NgCommands.block(ID, true));
        assertEquals(Map.of(Ng.COMMAND, "unblock media", Ng.CALL_ID, ID), NgCommands.block(ID, false));
    }

    @Test
    void receivedFromTakesOnlyIpLiterals() {
        assertEquals(List.of("IP6", "2001:db8::1"), NgCommands.receivedFrom("[2001:db8::1]"));
        assertEquals(List.of("IP4", "10.0.0.1"), NgCommands.receivedFrom(" 10.0.0.1 "));
        assertNull(NgCommands.receivedFrom("pbx.example.com"));
        assertNull(NgCommands.receivedFrom("10.0.0.1; evil"));
        assertNull(NgCommands.receivedFrom(""));
    }

    @Test
    void engineReasonsMapToTheStatusTheB2buaAnswers() {
        assertEquals(Kind.BAD_SDP, NgMediaSession.kindOf("Failed to parse SDP"));
        assertEquals(Kind.NO_USABLE_MEDIA, NgMediaSession.kindOf("No usable media: no m-line"));
        assertEquals(Kind.NO_PORTS, NgMediaSession.kindOf("Ran out of ports"));
        assertEquals(Kind.ENGINE_FAILURE, NgMediaSession.kindOf("Unknown call-id"));
        assertEquals(Kind.ENGINE_FAILURE, NgMediaSession.kindOf(null));
    }
}
