package org.plugboard.media.audio;

import java.util.EnumMap;
import java.util.Map;

import org.plugboard.api.media.Beep;

/**
 * The engine's short signals ({@link Beep}) as 16-bit linear audio, rendered once from the tone notation of
 * {@link ToneSpec} at its levels and shared.
 */
public final class Beeps {
    private static final Map<Beep, Audio> RENDERED = new EnumMap<>(Beep.class);

    static {
        RENDERED.put(Beep.JOIN, render("800/100,1200/100"));
        RENDERED.put(Beep.LEAVE, render("1200/100,800/100"));
        // three short 1400 Hz beeps: the usual "this call is recorded / someone listens in" warning
        RENDERED.put(Beep.WARNING, render("1400/100,0/100,1400/100,0/100,1400/100"));
    }

    private Beeps() {
    }

    /** The beep as LINEAR16 audio. */
    public static Audio audio(Beep beep) {
        return RENDERED.get(beep);
    }

    private static Audio render(String notation) {
        return ToneSpec.render(ToneSpec.parse(notation).repeat());
    }
}
