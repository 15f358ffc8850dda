package org.plugboard.operator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OperatorCodesTest {
    static OperatorCodes codes(String barge, String listen, String override) {
        Map<Action, String> m = new EnumMap<>(Action.class);
        m.put(Action.BARGE, barge);
        m.put(Action.LISTEN, listen);
        m.put(Action.OVERRIDE, override);
        return OperatorCodes.of(m);
    }

    @Test
    void aCodeFollowedByAnExtensionMatches() {
        OperatorCodes c = codes("*88", "*89", "*87");
        assertEquals(Optional.of(new OperatorCodes.Dialled(Action.BARGE, "*88", "1002")), c.match("*881002"));
        assertEquals(Optional.of(new OperatorCodes.Dialled(Action.LISTEN, "*89", "1002")), c.match("*891002"));
        assertEquals(Optional.of(new OperatorCodes.Dialled(Action.OVERRIDE, "*87", "1002")), c.match("*871002"));
        assertEquals(Optional.empty(), c.match("*88"));
        assertEquals(Optional.empty(), c.match("*88abc"));
        assertEquals(Optional.empty(), c.match("881002"));
        assertEquals(Optional.empty(), c.match("*861002"));
        assertEquals(Optional.empty(), c.match(null));
    }

    @Test
    void anEmptyCodeTurnsItsActionOff() {
        OperatorCodes c = codes("*88", "", "*87");
        assertEquals(Optional.empty(), c.match("*891002"));
        assertTrue(c.toString().contains("code.listen=(none)"));
    }

    @Test
    void badOrAmbiguousCodesAreRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codes("88", "*89", "*87"));
        assertTrue(e.getMessage().startsWith("code.barge: '88' is not an operator code"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> codes("*8", "*89", "*87"));
        assertTrue(e.getMessage().contains("no prefix of each other"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> codes("*88", "*88", "*87"));
        assertTrue(e.getMessage().contains("code.barge"), e.getMessage());
    }
}
