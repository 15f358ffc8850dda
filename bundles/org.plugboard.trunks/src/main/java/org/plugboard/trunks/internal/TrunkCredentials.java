package org.plugboard.trunks.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.security.SipCredentials;

/** A trunk's user name and password for a peer that challenges our INVITEs; nothing for trunks without a user name. */
@Component(service = SipCredentials.class)
public class TrunkCredentials implements SipCredentials {
    private final TrunkRegistry registry;

    @Activate
    public TrunkCredentials(@Reference TrunkRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Credentials> credentials(String profile) {
        if (profile == null || !profile.startsWith(TrunkSettings.PROFILE_PREFIX)) {
            return Optional.empty();
        }
        return registry.settings(profile.substring(TrunkSettings.PROFILE_PREFIX.length()))
                .filter(s -> !s.username().isEmpty())
                .map(s -> new Credentials(s.username(), s.password()));
    }
}
