package org.plugboard.configvalues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigPairsTest {
    @Test
    void pairsKeepTheirOrderAndTheCatchAll() {
        Map<String, String> dids = ConfigPairs.map("did", new String[] {"0123456=1001, 0123457 = 1002", "*=1003"},
                "number=extension");
        assertEquals(List.of("0123456", "0123457", "*"), List.copyOf(dids.keySet()));
        assertEquals("1002", dids.get("0123457"));
        assertEquals(Map.of(), ConfigPairs.map("did", null, "number=extension"));
        assertEquals(Map.of("a", "b=c"), ConfigPairs.map("x", new String[] {"a=b=c"}, "k=v"), "only the first = splits");
    }

    @Test
    void aBadItemIsNamedWithItsProperty() {
        for (String bad : new String[] {"0123456", "=1001", "0123456= "}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ConfigPairs.map("did", new String[] {bad}, "number=extension"));
            assertEquals("did '" + bad.trim() + "': expected number=extension", e.getMessage());
        }
    }
}
