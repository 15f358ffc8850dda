package org.plugboard.api.media;

/** Ports of an engine's pool: {@code total} in the range, {@code free} now. -1 where the engine does not tell. */
public record PortUsage(int total, int free) {
    public static final PortUsage UNKNOWN = new PortUsage(-1, -1);
}
