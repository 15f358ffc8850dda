package org.plugboard.media.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.plugboard.api.media.AudioEncoding;
import org.plugboard.api.media.MediaEndpoint;
import org.plugboard.api.media.Playback;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.Goertzel;
import org.plugboard.media.audio.WavReader;

/**
 * The default prompt set the distribution ships (karaf-assembly, etc/prompts/&lt;language&gt;/&lt;name&gt;.wav): every
 * language has every prompt of prompts.txt, each one plays, holds speech and not silence.
 */
class ShippedPromptsTest extends EndpointFixture {
    private static final Path ASSEMBLY = Path.of("../../karaf-assembly");
    private static final Path PROMPTS = ASSEMBLY.resolve("src/main/resources/assembly/etc/prompts");

    @Test
    void everyLanguageHasEveryPromptAsPlayableSpeech() throws Exception {
        List<String> lines = Files.readAllLines(ASSEMBLY.resolve("prompts/prompts.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        Set<String> languages = lines.stream().map(l -> l.split("\\|")[0]).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(languages.containsAll(Set.of("en", "de")), languages.toString());
        Set<String> names = lines.stream().map(l -> l.split("\\|")[1]).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(names.containsAll(Set.of("welcome", "enter-pin", "invalid", "goodbye", "you-have", "new-messages")));
        for (String language : languages) {
            try (Stream<Path> files = Files.list(PROMPTS.resolve(language))) {
                assertEquals(names, files.map(f -> f.getFileName().toString().replace(".wav", ""))
                        .collect(Collectors.toCollection(TreeSet::new)), "the prompts of " + language);
            }
            for (String name : names) {
                Path file = PROMPTS.resolve(language).resolve(name + ".wav");
                Audio a = WavReader.read(file);
                assertEquals(AudioEncoding.PCMU, a.encoding(), file.toString());
                assertTrue(a.millis() >= 300 && a.millis() <= 20_000, file + ": " + a.millis() + " ms"); // menus run long in German
                assertTrue(Goertzel.rms(Goertzel.linear(a), 0, a.samples()) > 300, file + " is not silent");
            }
        }
    }

    @Test
    void theWelcomePromptReachesAPeerWhole() throws Exception {
        RtpPeer peer = peer();
        MediaEndpoint leg = leg(peer, "8", 20);
        Path welcome = PROMPTS.resolve("en/welcome.wav");
        int samples = WavReader.read(welcome).samples();
        Playback p = await(leg.play(welcome, ""));
        assertEquals(samples, p.played().toMillis() * 8, 8);
        assertEquals((samples + 159) / 160, peer.receiveUntilQuiet(300, 1000).size());
    }
}
