package org.plugboard.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrailingOptionsTest {
    private static TrailingOptions group() {
        return new TrailingOptions().value("--ring", "a value, e.g. --ring 20").value("--member-ring", "a value, e.g. --member-ring 20")
                .value("--no-answer", "a value, e.g. --no-answer 1004");
    }

    private static String refused(TrailingOptions spec, String... words) {
        return assertThrows(IllegalArgumentException.class, () -> spec.parse(List.of(words))).getMessage();
    }

    @Test
    void readsNameSpaceValueAndNameEqualsValue() {
        TrailingOptions.Parsed p = group().parse(List.of("--ring", "25", "--no-answer=1004"));
        assertEquals("25", p.value("--ring", null));
        assertEquals("1004", p.value("--no-answer", "none"));
        assertNull(p.value("--member-ring", null));
        assertTrue(p.has("--ring"));
        assertFalse(p.has("--member-ring"));
    }

    @Test
    void nothingAfterTheArgumentsKeepsWhatKarafRead() {
        TrailingOptions.Parsed p = group().parse(null);
        assertEquals("20", p.value("--ring", "20"));
        assertEquals(15, p.integer("--member-ring", 15, "a number"));
        assertEquals(List.of("a"), p.values("--did", List.of("a")));
        assertTrue(p.flag("--x", true));
    }

    @Test
    void namesAStrayWordAnUnknownOptionAMissingValueAndARepetition() {
        assertEquals("unexpected 'loud': after the arguments give only options, --ring, --member-ring, --no-answer",
                refused(group(), "loud"));
        assertEquals("unknown option --rings: use --ring, --member-ring, --no-answer", refused(group(), "--rings", "3"));
        assertEquals("unknown option --rings: use --ring, --member-ring, --no-answer", refused(group(), "--rings=3"));
        assertEquals("--ring needs a value, e.g. --ring 20", refused(group(), "--ring"));
        assertEquals("--ring is given twice: give it once", refused(group(), "--ring", "20", "--ring=30"));
    }

    @Test
    void anOptionNameIsNoValue() {
        assertEquals("--ring needs a value, e.g. --ring 20", refused(group(), "--ring", "--no-answer", "1004"));
        // but a negative number is a value (and the command says what is wrong with it)
        assertEquals("-1", new TrailingOptions().value("--in", "a number").parse(List.of("--in", "-1")).value("--in", null));
    }

    @Test
    void flagsTakeNoValue() {
        TrailingOptions spec = new TrailingOptions().value("--proxy", "host:port").flag("--auth-id-with-domain");
        TrailingOptions.Parsed p = spec.parse(List.of("--auth-id-with-domain", "--proxy", "sbc:5060"));
        assertTrue(p.flag("--auth-id-with-domain", false));
        assertEquals("sbc:5060", p.value("--proxy", null));
        assertFalse(spec.parse(List.of()).flag("--auth-id-with-domain", false));
        assertEquals("--auth-id-with-domain takes no value: give --auth-id-with-domain alone",
                refused(spec, "--auth-id-with-domain=yes"));
    }

    @Test
    void repeatableOptionsCollectEveryValueAfterThoseGivenBefore() {
        TrailingOptions spec = new TrailingOptions().repeatable("--did", "number=extension, e.g. --did 0301=1001");
        TrailingOptions.Parsed p = spec.parse(List.of("--did", "0301=1001", "--did=*=1002"));
        assertEquals(List.of("0300=1003", "0301=1001", "*=1002"), p.values("--did", List.of("0300=1003")));
        assertEquals(List.of("0301=1001", "*=1002"), p.values("--did", null));
    }

    @Test
    void aliasesCountAsTheirOptionAndOtherWordsCanBeKept() {
        TrailingOptions spec = new TrailingOptions().repeatable("--point", "a detection point after it, e.g. --point ROUTED", "-p")
                .keepOtherWords();
        TrailingOptions.Parsed p = spec.parse(List.of("dnd", "--point", "ROUTED", "forwarding", "-p", "busy", "--point=NO_ANSWER"));
        assertEquals(List.of("dnd", "forwarding"), p.others());
        assertEquals(List.of("ROUTED", "busy", "NO_ANSWER"), p.values("--point", null));
        assertEquals("-p needs a detection point after it, e.g. --point ROUTED", refused(spec, "dnd", "-p"));
        assertEquals("unknown option --pint: use --point", refused(spec, "dnd", "--pint", "ROUTED"));
    }

    @Test
    void aCommandCanSayInItsOwnWordsWhatItTakes() {
        TrailingOptions spec = new TrailingOptions().value("--in", "a number, e.g. pbx:call-limit 1002 --in 2")
                .unexpected(w -> "'" + w + "' is not an option here; use --in N");
        assertEquals("'--max' is not an option here; use --in N", refused(spec, "--max", "2"));
        assertEquals("'2' is not an option here; use --in N", refused(spec, "2"));
        assertEquals("--in needs a number, e.g. pbx:call-limit 1002 --in 2", refused(spec, "--in"));
    }

    @Test
    void integersSayWhatTheyShouldBe() {
        TrailingOptions.Parsed p = group().parse(List.of("--ring", "x", "--member-ring", " 12 "));
        assertEquals(12, p.integer("--member-ring", null, "a number of seconds"));
        assertEquals("--ring 'x' is not a number of seconds, e.g. --ring 20",
                assertThrows(IllegalArgumentException.class, () -> p.integer("--ring", null, "a number of seconds, e.g. --ring 20"))
                        .getMessage());
    }
}
