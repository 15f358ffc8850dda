package org.plugboard.media.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.plugboard.api.media.Tone;

/**
 * The country tone profiles ({@code tones.properties} beside this class) and their audio, rendered once per tone and
 * shared by every leg that plays it. Thread-safe.
 */
public final class Tones {
    /** A tone as audio: the part played once (may be null) and the part repeated (may be null). */
    public record Rendered(Audio once, Audio repeat) {
    }

    private final Map<String, ToneSpec> specs;
    private final Map<String, String> names;
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    Tones(Properties data) {
        Map<String, ToneSpec> s = new TreeMap<>();
        Map<String, String> n = new TreeMap<>();
        for (String key : data.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (dot < 0) {
                continue;
            }
            String country = key.substring(0, dot);
            String what = key.substring(dot + 1);
            if (what.equals("name")) {
                n.put(country, data.getProperty(key));
                continue;
            }
            try {
                s.put(key, ToneSpec.parse(data.getProperty(key)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tone " + key + ": " + e.getMessage(), e);
            }
        }
        this.specs = Map.copyOf(s);
        this.names = Map.copyOf(n);
    }

    /** The profiles shipped in the bundle. */
    public static Tones builtIn() {
        Properties p = new Properties();
        try (InputStream in = Tones.class.getResourceAsStream("tones.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the bundle's tones.properties cannot be read", e);
        }
        return new Tones(p);
    }

    /** Country codes with a profile, sorted. */
    public TreeSet<String> countries() {
        return new TreeSet<>(names.keySet());
    }

    /** The audio of {@code tone} in {@code country}; an {@link IllegalArgumentException} naming the known ones otherwise. */
    public Rendered audio(Tone tone, String country) {
        String code = country == null ? "" : country.trim().toLowerCase(Locale.ROOT);
        String key = code + "." + tone.name().toLowerCase(Locale.ROOT);
        ToneSpec spec = specs.get(key);
        if (spec == null) {
            throw new IllegalArgumentException(names.containsKey(code)
                    ? "the tone profile '" + code + "' has no " + tone + " tone"
                    : "no tone profile for country '" + country + "'; known: " + String.join(", ", countries()));
        }
        return rendered.computeIfAbsent(key, k -> new Rendered(spec.once().isEmpty() ? null : ToneSpec.render(spec.once()),
                spec.repeat().isEmpty() ? null : ToneSpec.render(spec.repeat())));
    }
}
