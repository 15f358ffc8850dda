package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkaroundsTest {
    @Test
    void rewritersOfTheLinesProfileAndOfAllProfilesAreShownByShortName() {
        List<Map.Entry<String, Object>> rewriters = List.of(
                Map.entry("org.plugboard.interop.no100rel", new String[] {"line:a", "line:b"}),
                Map.entry("org.plugboard.interop.ruriparam", "line:b"),
                Map.entry("com.vendor.fix", List.of("*")),
                Map.entry("org.plugboard.interop.newcallid", new String[] {"trunk:a"}));
        assertEquals(List.of("com.vendor.fix(*)", "no100rel"),
                Workarounds.forProfile(rewriters, "line:a", "org.plugboard.interop."));
        assertEquals(List.of("com.vendor.fix(*)", "no100rel", "ruriparam"),
                Workarounds.forProfile(rewriters, "line:b", "org.plugboard.interop."));
    }
}
