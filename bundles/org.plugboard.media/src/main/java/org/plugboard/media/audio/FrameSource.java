package org.plugboard.media.audio;

import org.plugboard.api.media.AudioEncoding;

/**
 * Audio cut into RTP frames in a leg's law: a part played once and a part repeated, up to a number of samples. The
 * last frame is padded with silence. Not thread-safe: one leg's event loop uses it.
 */
public final class FrameSource {
    private final Audio once;
    private final Audio repeat;
    private final long limit;
    private long played;
    private int position;
    private boolean inRepeat;

    /**
     * @param once   played first; may be null
     * @param repeat played after {@code once}, again and again; may be null
     * @param limit  samples to play at most ({@link Long#MAX_VALUE}: until the audio ends)
     */
    public FrameSource(Audio once, Audio repeat, long limit) {
        if (once == null && repeat == null) {
            throw new IllegalArgumentException("nothing to play");
        }
        this.once = once;
        this.repeat = repeat;
        this.limit = limit;
        this.inRepeat = once == null;
    }

    /** A prompt, played once. */
    public static FrameSource of(Audio prompt) {
        return new FrameSource(prompt, null, Long.MAX_VALUE);
    }

    /** A tone for {@code millis}, or (millis &lt;= 0) once through its cadence. */
    public static FrameSource of(Tones.Rendered tone, long millis) {
        long limit = millis > 0 ? millis * Audio.RATE / 1000
                : (tone.once() == null ? 0 : tone.once().samples()) + (tone.repeat() == null ? 0 : tone.repeat().samples());
        return new FrameSource(tone.once(), tone.repeat(), limit);
    }

    /**
     * Fills {@code frame} with the next samples in {@code law}, silence after the end.
     *
     * @return false when nothing was left to play (the frame is not to be sent)
     */
    public boolean next(byte[] frame, AudioEncoding law) {
        if (finished()) {
            return false;
        }
        int i = 0;
        while (i < frame.length && !finished()) {
            Audio current = inRepeat ? repeat : once;
            frame[i++] = current.codeIn(law, position++);
            played++;
            if (position == current.samples()) {
                position = 0;
                if (!inRepeat) {
                    inRepeat = true;
                }
            }
        }
        byte silence = G711.silence(law);
        while (i < frame.length) {
            frame[i++] = silence;
        }
        return true;
    }

    /** True when the limit is reached or the audio ended. */
    public boolean finished() {
        return played >= limit || inRepeat && repeat == null;
    }

    /**
     * The source as JDK and API values, for the next version of the bundle (a prompt playing across an update goes
     * on where it was): the audio of both parts, the limit and the position.
     */
    public Object[] save() {
        return new Object[] {once == null ? null : once.encoding(), once == null ? null : once.data(),
            repeat == null ? null : repeat.encoding(), repeat == null ? null : repeat.data(), limit, played, position, inRepeat};
    }

    public static FrameSource restore(Object[] s) {
        Audio once = s[0] == null ? null : new Audio((AudioEncoding) s[0], (byte[]) s[1]);
        Audio repeat = s[2] == null ? null : new Audio((AudioEncoding) s[2], (byte[]) s[3]);
        FrameSource f = new FrameSource(once, repeat, (Long) s[4]);
        f.played = (Long) s[5];
        f.position = (Integer) s[6];
        f.inRepeat = (Boolean) s[7];
        return f;
    }

    /** Samples played so far. */
    public long played() {
        return played;
    }
}
