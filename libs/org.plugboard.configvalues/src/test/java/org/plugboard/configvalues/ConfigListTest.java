package org.plugboard.configvalues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigListTest {
    @Test
    void aCfgStringAndAnArrayGiveTheSameTrimmedItems() {
        assertEquals(List.of("a", "b", "c"), ConfigList.items(new String[] {" a, b ,,", "c"}));
        assertEquals(List.of("a", "b"), ConfigList.items(new String[] {"a,b"}));
        assertEquals(List.of(), ConfigList.items((String[]) null));
        assertEquals(List.of(), ConfigList.items(new String[] {" ", ""}));
    }

    @Test
    void servicePropertyValuesOfEveryShape() {
        assertEquals(List.of("line:a", "line:b"), ConfigList.items((Object) "line:a, line:b"));
        assertEquals(List.of("x", "y"), ConfigList.items((Object) new String[] {"x", " y "}));
        assertEquals(List.of("*"), ConfigList.items(List.of("*")));
        assertEquals(List.of(), ConfigList.items(Integer.valueOf(3)));
        assertEquals(List.of(), ConfigList.items((Object) null));
    }

    @Test
    void aRequiredListNamesThePropertyAndAnExample() {
        assertEquals(List.of("line:c"), ConfigList.required("profiles", new String[] {"line:c"}, "profiles = line:c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigList.required("profiles", new String[] {" , "}, "profiles = line:carrier1"));
        assertEquals("profiles is required, e.g. profiles = line:carrier1", e.getMessage());
    }
}
