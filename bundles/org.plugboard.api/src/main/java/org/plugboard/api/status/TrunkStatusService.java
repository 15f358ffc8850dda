package org.plugboard.api.status;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The configured SIP trunks and their calls. Never blocks. */
@ProviderType
public interface TrunkStatusService {
    /** Every running trunk, ordered by name. */
    List<TrunkStatus> trunks();

    Optional<TrunkStatus> trunk(String name);
}
