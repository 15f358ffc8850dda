package org.plugboard.configvalues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RewriterNamesTest {
    @Test
    void rewritersOfTheProfileAndOfAllProfilesAreShownByShortName() {
        List<Map.Entry<String, Object>> rewriters = List.of(
                Map.entry("org.plugboard.interop.no100rel", new String[] {"line:a", "line:b"}),
                Map.entry("org.plugboard.interop.ruriparam", "line:b"),
                Map.entry("com.vendor.fix", List.of("*")),
                Map.entry("org.plugboard.interop.newcallid", new String[] {"trunk:a"}));
        assertEquals(List.of("com.vendor.fix(*)", "no100rel"),
                RewriterNames.forProfile(rewriters, "line:a", "org.plugboard.interop."));
        assertEquals(List.of("com.vendor.fix(*)", "no100rel", "ruriparam"),
                RewriterNames.forProfile(rewriters, "line:b", "org.plugboard.interop."));
        assertEquals(List.of("com.vendor.fix(*)", "newcallid"),
                RewriterNames.forProfile(rewriters, "trunk:a", "org.plugboard.interop."));
    }
}
