package org.plugboard.api.status;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The configured external lines and their registration state. Never blocks. */
@ProviderType
public interface LineStatusService {
    /** Every running line, ordered by name. */
    List<LineStatus> lines();

    Optional<LineStatus> line(String name);
}
