package org.plugboard.configcheck.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.config.ConfigProblem;
import org.plugboard.api.config.ConfigProblems;

class ConfigCheckTest {
    @Test
    void collectsEverySourceSortedAndSurvivesAFailingOne() {
        ConfigCheck check = new ConfigCheck();
        ConfigProblems trunks = () -> List.of(new ConfigProblem("trunks", "t.2", "zeta", "transport", "transport 'X': UDP", "UDP"),
                new ConfigProblem("trunks", "t.1", "alpha", "", "peers or address is required", ""));
        ConfigProblems broken = () -> {
            throw new IllegalStateException("boom");
        };
        check.addSource(trunks, Map.of(ConfigProblems.SOURCE, "trunks"));
        check.addSource(broken, Map.of(ConfigProblems.SOURCE, "lines"));
        List<ConfigProblem> all = check.problems();
        assertEquals(3, all.size());
        assertEquals("lines", all.get(0).source(), "sources in name order");
        assertTrue(all.get(0).reason().contains("boom"));
        assertEquals("alpha", all.get(1).name());
        assertEquals(List.of("lines", "trunks"), check.sources());
        check.removeSource(broken);
        assertEquals(2, check.problems().size());
    }
}
