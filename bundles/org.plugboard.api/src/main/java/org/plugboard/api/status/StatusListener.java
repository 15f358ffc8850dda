package org.plugboard.api.status;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a line or a trunk changes (whiteboard: register a service of this type). {@code before} is null when it
 * was added, {@code after} null when it was removed. A line changes when its registration's state, last answer or
 * address does (not when the seconds left tick down); a trunk when it is added, reconfigured or removed (calls coming
 * and going are call events, not trunk changes). Called on the lines' and trunks' own threads: return at once and
 * never block.
 */
@ConsumerType
public interface StatusListener {
    default void lineChanged(LineStatus before, LineStatus after) {
    }

    default void trunkChanged(TrunkStatus before, TrunkStatus after) {
    }
}
