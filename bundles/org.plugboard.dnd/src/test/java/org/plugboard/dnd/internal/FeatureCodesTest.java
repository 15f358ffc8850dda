package org.plugboard.dnd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FeatureCodesTest {
    private static Map<FeatureCode, String> table(String dndOn, String dndOff) {
        Map<FeatureCode, String> t = new EnumMap<>(FeatureCode.class);
        t.put(FeatureCode.DND_ON, dndOn);
        t.put(FeatureCode.DND_OFF, dndOff);
        return t;
    }

    @Test
    void theDefaultsMatchTheirActions() {
        FeatureCodes codes = CallRulesTest.defaultCodes();
        assertEquals(Optional.of(FeatureCode.DND_ON), codes.match("*78"));
        assertEquals(Optional.of(FeatureCode.DND_OFF), codes.match("*79"));
        assertEquals(Optional.of(FeatureCode.CALL_WAITING_ON), codes.match("*56"));
        assertEquals(Optional.of(FeatureCode.CALL_WAITING_OFF), codes.match("*57"));
        assertEquals(Optional.empty(), codes.match("1002"));
        assertEquals(Optional.empty(), codes.match(null));
        assertEquals("code.dnd.on=*78, code.dnd.off=*79, code.callwaiting.on=*56, code.callwaiting.off=*57", codes.toString());
    }

    @Test
    void anEmptyCodeTurnsItsActionOff() {
        FeatureCodes codes = FeatureCodes.of(table("", " #21 "));
        assertEquals(Optional.empty(), codes.match(""));
        assertEquals(Optional.of(FeatureCode.DND_OFF), codes.match("#21"));
        assertEquals("", codes.code(FeatureCode.DND_ON));
    }

    @Test
    void aCodeThatCouldBeAnExtensionIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureCodes.of(table("78", "*79")));
        assertEquals("code.dnd.on: '78' is not a feature code; use * or # and up to 15 digits, * or #, e.g. code.dnd.on = *78, "
                + "or leave it empty for no code", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureCodes.of(table("*7a", "*79")));
        assertThrows(IllegalArgumentException.class, () -> FeatureCodes.of(table("*", "*79")));
    }

    @Test
    void twoActionsCannotShareACode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureCodes.of(table("*78", "*78")));
        assertTrue(e.getMessage().contains("'*78' is already the code of code.dnd.on"), e.getMessage());
    }
}
