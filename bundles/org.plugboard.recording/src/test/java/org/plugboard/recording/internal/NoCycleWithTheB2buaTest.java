package org.plugboard.recording.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The B2BUA binds every call service while it activates. A component of this bundle holding a mandatory static
 * reference back to {@code CallControl} made a cycle SCR refused when both started together: with pbx-recording in
 * Karaf's boot features the recording service never came up (found by bench/media-apps.sh). The descriptors bnd
 * wrote for this build must keep every reference to the B2BUA optional and dynamic.
 */
class NoCycleWithTheB2buaTest {
    private static final Pattern REFERENCE = Pattern.compile("<reference [^>]*interface=\"org.plugboard.api.calls.CallControl\"[^>]*/>");

    @Test
    void everyReferenceToTheB2buaIsOptionalAndDynamic() throws IOException {
        List<Path> descriptors;
        try (Stream<Path> s = Files.list(Path.of("target/classes/OSGI-INF"))) {
            descriptors = s.filter(p -> p.toString().endsWith(".xml")).toList();
        }
        assertFalse(descriptors.isEmpty(), "bnd wrote no component descriptors");
        int seen = 0;
        for (Path d : descriptors) {
            Matcher m = REFERENCE.matcher(Files.readString(d));
            while (m.find()) {
                seen++;
                String ref = m.group();
                assertEquals(true, ref.contains("cardinality=\"0..1\"") && ref.contains("policy=\"dynamic\""), d + ": " + ref);
            }
        }
        assertEquals(1, seen, "the recorder's one reference to the B2BUA");
    }
}
