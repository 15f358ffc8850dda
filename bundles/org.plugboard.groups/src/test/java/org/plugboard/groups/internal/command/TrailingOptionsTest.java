package org.plugboard.groups.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Options after the arguments of pbx:group-add, which Karaf's parser passes on as arguments. */
class TrailingOptionsTest {
    @Test
    void readsNameValuePairsInBothForms() {
        Map<String, String> o = TrailingOptions.parse(List.of("--ring", "20", "--no-answer=1004"), TrailingOptionsCompleter.OPTIONS);
        assertEquals(Map.of("--ring", "20", "--no-answer", "1004"), o);
        assertEquals(20, TrailingOptions.seconds(o, "--ring", 5));
        assertEquals(7, TrailingOptions.seconds(o, "--member-ring", 7)); // not trailing: the option given before
        assertEquals(Map.of(), TrailingOptions.parse(null, TrailingOptionsCompleter.OPTIONS));
    }

    @Test
    void strayWordsUnknownOptionsAndMissingValuesAreRefused() {
        assertEquals("unexpected 'loud': after the arguments give only options, --ring, --member-ring, --no-answer",
                refusal(List.of("loud")));
        assertEquals("unknown option --timeout: use --ring, --member-ring, --no-answer", refusal(List.of("--timeout", "3")));
        assertEquals("--no-answer needs a value, e.g. --no-answer 1004", refusal(List.of("--no-answer")));
        assertEquals("--ring is given twice: give it once", refusal(List.of("--ring", "3", "--ring=4")));
        assertEquals("--ring 'ten' is not a number of seconds, e.g. --ring 20", assertThrows(IllegalArgumentException.class,
                () -> TrailingOptions.seconds(Map.of("--ring", "ten"), "--ring", null)).getMessage());
    }

    private static String refusal(List<String> words) {
        return assertThrows(IllegalArgumentException.class, () -> TrailingOptions.parse(words, TrailingOptionsCompleter.OPTIONS))
                .getMessage();
    }
}
