package org.plugboard.configvalues.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.config.ConfigProblem;

class ConfigProblemBoardTest {
    private final ConfigProblemBoard board = new ConfigProblemBoard("lines", Set.of("transport", "domain", "retry.interval")) {
    };

    @Test
    void fieldAndFixComeFromTheMessage() {
        ConfigProblem p = board.report("org.plugboard.lines.1", "carrier1", "transport 'SCTP': UDP, TCP or TLS");
        assertEquals("transport", p.field());
        assertEquals("UDP, TCP or TLS", p.fix());
        assertEquals("transport 'SCTP': UDP, TCP or TLS", p.reason());
        assertEquals("lines", p.source());
        ConfigProblem dotted = board.report("org.plugboard.lines.2", "b", "retry.interval must be at least 1");
        assertEquals("retry.interval", dotted.field());
        assertEquals("", dotted.fix());
    }

    @Test
    void aLeadingWordThatIsNoPropertyIsNoField() {
        assertEquals("", board.report("p", "x", "a line named 'x' is already configured").field());
        assertEquals("not applied (no reason given)", board.report("q", "x", null).reason());
    }

    @Test
    void clearingRemovesOnlyThatConfiguration() {
        board.report("p1", "b", "domain is required");
        board.report("p2", "a", "domain is required");
        assertEquals(2, board.problems().size());
        assertEquals("a", board.problems().get(0).name(), "sorted by name");
        board.clear("p2");
        assertEquals(1, board.problems().size());
        assertTrue(board.of("p1").isPresent());
    }
}
