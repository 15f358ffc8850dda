package org.plugboard.media.ng.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.DigitCollection;
import org.plugboard.api.media.Digits;
import org.plugboard.api.media.MediaException;
import org.plugboard.api.media.MediaFileException;
import org.plugboard.api.media.Playback;
import org.plugboard.api.media.Recording;

/** What one side of the endpoint commands writes, the other reads back, through the real bencode codec. */
class EndpointWireTest {
    @Test
    void resultsAndFailuresCrossTheWireIntact() throws Exception {
        Playback played = new Playback(Playback.Ending.DIGIT, "5", Duration.ofMillis(1240));
        assertEquals(played, EndpointWire.result(wire(EndpointWire.event("e1", 3, played, null))));
        Digits digits = new Digits("1234", "#", Digits.Ending.TERMINATOR);
        assertEquals(digits, EndpointWire.result(wire(EndpointWire.event("e1", 4, digits, null))));
        Recording recording = new Recording(Path.of("/var/spool/vm/1002/msg1.wav"), Duration.ofMillis(3020), Recording.Ending.CLOSED, "");
        assertEquals(recording, EndpointWire.result(wire(EndpointWire.event("e1", 5, recording, null))));
        NgDict event = wire(EndpointWire.event("e1", 5, recording, null));
        assertEquals("e1", event.string(EndpointWire.ENDPOINT_ID));
        assertEquals(5, event.number(EndpointWire.OP, -1));

        MediaFileException badFile = new MediaFileException(Path.of("/prompts/x.wav"), "/prompts/x.wav: stereo, not mono");
        MediaFileException file = assertThrows(MediaFileException.class,
                () -> EndpointWire.result(wire(EndpointWire.event("e1", 6, null, badFile))));
        assertEquals(Path.of("/prompts/x.wav"), file.file());
        MediaException closed = assertThrows(MediaException.class, () -> EndpointWire.result(wire(EndpointWire.event("e1", 7, null,
                new MediaException(MediaException.Kind.NO_SESSION, "endpoint closed")))));
        assertEquals(MediaException.Kind.NO_SESSION, closed.kind());
        assertEquals("media node: endpoint closed", closed.getMessage());
        assertInstanceOf(MediaException.class, assertThrows(MediaException.class,
                () -> EndpointWire.result(wire(Map.of(EndpointWire.KIND, "surprise")))));
    }

    @Test
    void requestsCrossTheWireIntact() throws Exception {
        DigitCollection collection = new DigitCollection(4, "#*", Duration.ofSeconds(7), Duration.ofMillis(2500), true);
        Map<String, Object> c = new LinkedHashMap<>();
        EndpointWire.collection(c, collection);
        assertEquals(collection, EndpointWire.collection(wire(c)));
        Recording.Options options = new Recording.Options(Duration.ofSeconds(120), "#", AudioEncoding.PCMA);
        Map<String, Object> r = new LinkedHashMap<>();
        EndpointWire.recordOptions(r, options);
        assertEquals(options, EndpointWire.recordOptions(wire(r)));
        Map<String, Object> plain = new LinkedHashMap<>();
        EndpointWire.recordOptions(plain, new Recording.Options(Duration.ofSeconds(1), null, null));
        assertEquals(null, EndpointWire.recordOptions(wire(plain)).encoding());
    }

    private static NgDict wire(Map<String, Object> dict) throws NgFormatException {
        return NgCodec.decode(NgCodec.encode("c1", dict)).dict();
    }
}
