package org.plugboard.forwarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The feature-code table built from the configuration, and what each dialled number means. */
class FeatureCodesTest {
    private final FeatureCodes codes = codes(Map.of());

    /** The configuration with its defaults, some values replaced. */
    static ForwardingConfig config(Map<String, Object> values) {
        return (ForwardingConfig) Proxy.newProxyInstance(ForwardingConfig.class.getClassLoader(),
                new Class<?>[] {ForwardingConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ForwardingConfig.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    static FeatureCodes codes(Map<String, Object> values) {
        return ForwardingService.rules(config(values)).codes();
    }

    private FeatureCodes.Parsed parse(String dialled) {
        return codes.parse(dialled).orElseThrow(() -> new AssertionError(dialled + " was not taken for a feature code"));
    }

    @Test
    void theDefaultTableSetsAndClearsEveryKind() {
        assertEquals(new FeatureCodes.Set(Kind.CFU, "1003", null), parse("*721003"));
        assertEquals(new FeatureCodes.Clear(Kind.CFU), parse("*73"));
        assertEquals(new FeatureCodes.Set(Kind.CFB, "1003", null), parse("*901003"));
        assertEquals(new FeatureCodes.Clear(Kind.CFB), parse("*91"));
        assertEquals(new FeatureCodes.Set(Kind.CFNR, "1003", null), parse("*921003"));
        assertEquals(new FeatureCodes.Clear(Kind.CFNR), parse("*93"));
        assertEquals(new FeatureCodes.Set(Kind.CFNRC, "+33612345678", null), parse("*94+33612345678"));
        assertEquals(new FeatureCodes.Clear(Kind.CFNRC), parse("*95"));
        assertEquals(new FeatureCodes.ClearAll(), parse("*74"));
    }

    @Test
    void noAnswerTakesItsRingTimeAfterAStar() {
        assertEquals(new FeatureCodes.Set(Kind.CFNR, "1003", 15), parse("*921003*15"));
        assertEquals(new FeatureCodes.Set(Kind.CFNR, "1003", 3600), parse("*921003*3600"));
    }

    @Test
    void numbersThatAreNoCodeAreLeftToRouting() {
        assertEquals(Optional.empty(), codes.parse("1002"));
        assertEquals(Optional.empty(), codes.parse("*7"));
        assertEquals(Optional.empty(), codes.parse("*99"));
        assertEquals(Optional.empty(), codes.parse("+331234"));
        assertEquals(Optional.empty(), codes.parse(null));
    }

    @Test
    void aCodeUsedTheWrongWayIsInvalidAndSaysHowToDialIt() {
        assertInvalid("*72", "no number after *72", "*72<number>, e.g. *721003");
        assertInvalid("*72abc", "'abc' is not a number", "*72<number>");
        assertInvalid("*721003*15", "'1003*15' is not a number", "*72<number>"); // seconds only for no answer
        assertInvalid("*92", "no number after *92", "*92<number>[*<seconds>]");
        assertInvalid("*921003*", "'' after the * is not a ring time", "*921003*15");
        assertInvalid("*921003*0", "'0' after the * is not a ring time", "1-3600");
        assertInvalid("*921003*3601", "'3601'", "1-3600");
        assertInvalid("*921003*x", "'x'", "*92<number>*<seconds");
        assertInvalid("*731003", "*73 takes nothing after it", "dial *73 alone");
        assertInvalid("*741", "*74 takes nothing after it", "dial *74 alone");
    }

    private void assertInvalid(String dialled, String... parts) {
        FeatureCodes.Invalid i = assertInstanceOf(FeatureCodes.Invalid.class, parse(dialled), dialled);
        for (String p : parts) {
            assertTrue(i.text().contains(p), dialled + ": " + i.text() + " should contain " + p);
        }
    }

    @Test
    void theTableComesFromTheConfigurationAndAnEmptyCodeTurnsItsFunctionOff() {
        FeatureCodes mine = codes(Map.of("code_cfu_set", "*21", "code_cfu_clear", "*0021", "code_clear_all", ""));
        assertEquals(Optional.empty(), mine.parse("*721003"));
        assertEquals(Optional.empty(), mine.parse("*74"));
        assertEquals(new FeatureCodes.Set(Kind.CFU, "1003", null), mine.parse("*211003").orElseThrow());
    }

    @Test
    void badTablesAreRefusedNamingTheKeyAndTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codes(Map.of("code_cfu_set", "72")));
        assertTrue(e.getMessage().startsWith("code.cfu.set: '72' is not a feature code; use *"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> codes(Map.of("code_cfu_set", "*9")));
        assertTrue(e.getMessage().contains("clashes with"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> codes(Map.of("code_cfu_clear", "*72")));
        assertTrue(e.getMessage().startsWith("code.cfu.clear: '*72' clashes with code.cfu.set = *72"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForwardingService.rules(config(Map.of("no_answer_timeout", 0))));
        assertTrue(e.getMessage().startsWith("no.answer.timeout: 0 is not a ring time; use 1 to 3600"), e.getMessage());
    }
}
