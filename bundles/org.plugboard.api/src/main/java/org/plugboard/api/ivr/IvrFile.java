package org.plugboard.api.ivr;

import java.time.Instant;

/**
 * One IVR file: its name (the file name without {@code .xml}), size and last change, whether it is valid and, when
 * not, why ({@code problem}, with line and column when the fault is at a place in the file, else 0).
 */
public record IvrFile(String name, long size, Instant modified, boolean valid, String problem, int line, int column) {
}
