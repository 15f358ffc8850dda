package org.plugboard.api.security;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Credentials the PBX presents when a provider challenges a request it sends on a line or trunk (the B2BUA's
 * INVITE answered 401/407). Implemented by the bundles that own the profiles (lines, later trunks); the B2BUA asks
 * every such service and takes the first answer.
 */
@ConsumerType
public interface SipCredentials {
    /**
     * @param profile the profile of the request, e.g. {@code line:carrier1}
     * @return the credentials for it, or empty when this service does not know the profile
     */
    Optional<Credentials> credentials(String profile);

    /**
     * @param username the authorization ID as the account registers with it (digest user name)
     * @param password the plain password
     */
    record Credentials(String username, String password) {
        public Credentials {
            if (username == null || username.isEmpty()) {
                throw new IllegalArgumentException("credentials without a user name");
            }
            password = password == null ? "" : password;
        }

        @Override
        public String toString() { // never the password in a log
            return "Credentials[" + username + "]";
        }
    }
}
