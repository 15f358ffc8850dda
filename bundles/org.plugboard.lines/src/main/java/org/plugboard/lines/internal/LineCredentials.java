package org.plugboard.lines.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.security.SipCredentials;

/**
 * A line's account for challenged requests the B2BUA sends on it (INVITE answered 401/407): the same
 * authorization ID (with the domain when configured) and password the line registers with.
 */
@Component(service = SipCredentials.class)
public class LineCredentials implements SipCredentials {
    private static final String PREFIX = LineSettings.profile("");
    private final LineRegistry registry;

    @Activate
    public LineCredentials(@Reference LineRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Credentials> credentials(String profile) {
        if (profile == null || !profile.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return registry.settings(profile.substring(PREFIX.length()))
                .filter(s -> !s.password().isEmpty()) // an IP-authenticated account has nothing to answer with
                .map(s -> new Credentials(s.authId(), s.password()));
    }
}
