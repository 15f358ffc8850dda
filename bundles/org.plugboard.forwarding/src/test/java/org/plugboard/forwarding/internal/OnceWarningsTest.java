package org.plugboard.forwarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A forwarding that is not applied is logged once per change of the settings, not once per call. */
class OnceWarningsTest {
    @Test
    void oncePerKindUntilTheSettingsChange() {
        List<String> lines = new java.util.ArrayList<>();
        OnceWarnings w = new OnceWarnings(lines::add);
        Settings s = new Settings("1002", Map.of(Kind.CFU, "0612", Kind.CFB, "0613"), null, false);
        for (int call = 0; call < 100; call++) {
            w.notApplied(s, Kind.CFU, "0612", Targets.Problem.NOT_PERMITTED);
            w.notApplied(s, Kind.CFB, "0613", Targets.Problem.NOT_PERMITTED);
        }
        assertEquals(2, lines.size(), lines.toString());
        Settings changed = s.with(Kind.CFU, "0612", null); // same value, written again: a change
        w.notApplied(changed, Kind.CFU, "0612", Targets.Problem.NOT_PERMITTED);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("pbx:fwd-permit 1002 external on"), lines.get(0));
    }
}
