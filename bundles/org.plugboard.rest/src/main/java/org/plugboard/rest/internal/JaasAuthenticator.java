package org.plugboard.rest.internal;

import java.security.Principal;
import java.util.HashSet;
import java.util.Set;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs in against a Karaf JAAS realm ({@code karaf}: etc/users.properties by default). Roles are the names of the
 * subject's role principals; Karaf expands a user's groups ({@code _g_:admingroup}) into them.
 */
final class JaasAuthenticator implements Authenticator {
    private final String realm;

    JaasAuthenticator(String realm) {
        this.realm = realm;
    }

    @Override
    public Caller login(String user, String password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader old = thread.getContextClassLoader();
        // Karaf's ProxyLoginModule is on the JVM's class path (lib/boot): LoginContext finds it through the system
        // class loader when the context loader is null, not through the HTTP thread's web-context loader
        thread.setContextClassLoader(null);
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (javax.security.auth.callback.Callback c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(user);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            context.login();
            Set<String> roles = new HashSet<>();
            for (Principal p : subject.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
            context.logout();
            return new Caller(user, roles);
        } catch (LoginException e) {
            return null;
        } finally {
            thread.setContextClassLoader(old);
        }
    }
}
