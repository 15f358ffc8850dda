package org.plugboard.rest.internal;

/** Checks a user name and password; the real one is {@link JaasAuthenticator}. */
@FunctionalInterface
public interface Authenticator {
    /** The caller with its roles, or null when the credentials are wrong. */
    Caller login(String user, String password);
}
