package org.plugboard.api.location;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Current registrations. Bindings survive a restart of the PBX; expired ones are never returned. */
@ProviderType
public interface LocationService {
    /** Live bindings of one extension, newest first. */
    List<Binding> lookup(String extension);

    /** Every live binding, ordered by extension. */
    List<Binding> all();
}
