package org.plugboard.recording.internal;

/**
 * The mode that applies to a call, and where it comes from ({@code extension 1001}, {@code group 600},
 * {@code trunk carrier}, {@code site default}), for notes and logs.
 */
public record Resolution(Mode mode, String source) {
}
