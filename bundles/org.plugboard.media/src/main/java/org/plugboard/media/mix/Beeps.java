package org.plugboard.media.mix;

import org.plugboard.api.media.Beep;
import org.plugboard.media.audio.Audio;
import org.plugboard.media.audio.ToneSpec;

/**
 * The beeps as linear samples, rendered once by the engine's tone code ({@link ToneSpec}, -13 dBm0) and shared by
 * every room and call: JOIN rises (600 then 900 Hz), LEAVE falls (900 then 600 Hz), WARNING is three short 1400 Hz
 * beeps.
 */
final class Beeps {
    static final String JOIN = "600/150,0/50,900/150";
    static final String LEAVE = "900/150,0/50,600/150";
    static final String WARNING = "1400/150,0/150,1400/150,0/150,1400/150";

    private static final short[][] RENDERED = {render(JOIN), render(LEAVE), render(WARNING)};

    private Beeps() {
    }

    /** Shared: never write into it. */
    static short[] samples(Beep beep) {
        return RENDERED[beep.ordinal()];
    }

    private static short[] render(String notation) {
        Audio audio = ToneSpec.render(ToneSpec.parse(notation).repeat());
        short[] s = new short[audio.samples()];
        for (int i = 0; i < s.length; i++) {
            s[i] = audio.linear(i);
        }
        return s;
    }
}
