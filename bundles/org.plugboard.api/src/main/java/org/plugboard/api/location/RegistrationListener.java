package org.plugboard.api.location;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a binding comes or goes (whiteboard: register a service of this type). A refresh of a binding (same
 * extension and contact) is neither. A binding that lapses is told as removed within a second of its expiry.
 * Called on the registrar's threads (a SIP thread, its timer): return at once and never block.
 */
@ConsumerType
public interface RegistrationListener {
    /** A contact was registered that was not registered before. */
    default void added(Binding binding) {
    }

    /** A contact was unregistered ({@code Expires: 0}, {@code Contact: *}, replaced by another device) or expired. */
    default void removed(Binding binding) {
    }
}
