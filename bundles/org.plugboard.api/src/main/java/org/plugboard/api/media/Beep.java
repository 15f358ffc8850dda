package org.plugboard.api.media;

/** Short signals the engine mixes into a conference or a call (not country tones: see {@link Tone}). Since 1.4. */
public enum Beep {
    /** Someone joined a conference: a rising two-tone beep. */
    JOIN,
    /** Someone left a conference: a falling two-tone beep. */
    LEAVE,
    /** A third party (an operator) joined a call, or the call is recorded: three short 1400 Hz beeps. */
    WARNING
}
