package org.plugboard.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication and the role rule: reads need viewer (or admin), changes need admin. Failed logins are
 * counted and logged at most once a minute, so a password guesser cannot flood the log.
 */
public final class Gate {
    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);
    static final long LOG_INTERVAL_MS = 60_000;

    private final Authenticator authenticator;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong();

    public Gate(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The caller of an {@code Authorization} header value; 401 when absent or wrong. */
    public Caller authenticate(String authorization, String remote) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ApiException(Problem.unauthorized("no HTTP Basic credentials"));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(Problem.unauthorized("the Basic credentials are not Base64"));
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new ApiException(Problem.unauthorized("the Basic credentials are not user:password"));
        }
        String user = decoded.substring(0, colon);
        Caller caller = authenticator.login(user, decoded.substring(colon + 1));
        if (caller == null) {
            long n = failures.incrementAndGet();
            long now = System.currentTimeMillis();
            long last = lastLog.get();
            if (now - last >= LOG_INTERVAL_MS && lastLog.compareAndSet(last, now)) {
                LOG.warn("REST login failed for user '{}' from {} ({} failed login(s) since start)", Api.oneLine(user, 64),
                        remote, n);
            }
            throw new ApiException(Problem.unauthorized("wrong user name or password"));
        }
        return caller;
    }

    /** 403 unless the caller holds the role the request needs. */
    public static void authorize(Caller caller, boolean change) {
        if (change ? !caller.mayChange() : !caller.mayRead()) {
            throw new ApiException(Problem.forbidden(caller.name(), change ? Caller.ADMIN : Caller.VIEWER));
        }
    }

    public long failures() {
        return failures.get();
    }
}
