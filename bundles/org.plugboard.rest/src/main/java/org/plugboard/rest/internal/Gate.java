package org.plugboard.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who sends a request: HTTP Basic credentials, or the web page's session cookie ({@link Sessions}); and the role
 * rule: reads need viewer (or admin), changes need admin, and a change made with the cookie must carry
 * {@code X-Requested-With: plugboard-web} (a page of another site cannot send that header without CORS, so it
 * cannot ride on the cookie). Failed logins are counted and logged at most once a minute, so a password guesser
 * cannot flood the log.
 */
public final class Gate {
    private static final Logger LOG = LoggerFactory.getLogger(Gate.class);
    static final long LOG_INTERVAL_MS = 60_000;

    /** The header and value a change made with the session cookie needs (the CSRF guard). */
    public static final String CSRF_HEADER = "X-Requested-With";
    public static final String CSRF_VALUE = "plugboard-web";

    /** An authenticated caller and how it proved who it is. */
    public record Identity(Caller caller, boolean cookie) {
    }

    private final Authenticator authenticator;
    private final Sessions sessions;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong();

    public Gate(Authenticator authenticator) {
        this(authenticator, null);
    }

    /** With {@code sessions} null the session cookie is not accepted. */
    public Gate(Authenticator authenticator, Sessions sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    public Sessions sessions() {
        return sessions;
    }

    /**
     * The caller of a request: its Basic credentials when it sends an {@code Authorization} header, else its session
     * cookie's token; 401 when neither is there or valid.
     */
    public Identity identify(String authorization, String sessionToken, String remote) {
        if (authorization != null || sessionToken == null || sessions == null) {
            return new Identity(authenticate(authorization, remote), false);
        }
        Caller caller = sessions.use(sessionToken);
        if (caller == null) {
            throw new ApiException(Problem.unauthorized("the login session has ended or is unknown")
                    .fix("log in again: POST /api/session {\"user\": ..., \"password\": ...}"));
        }
        return new Identity(caller, true);
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
        return login(decoded.substring(0, colon), decoded.substring(colon + 1), remote);
    }

    /** Checks a user name and password (Basic or the login form); a wrong pair is a counted failure and 401. */
    public Caller login(String user, String password, String remote) {
        Caller caller = authenticator.login(user, password);
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

    /** 403 {@code csrf} when a change rides on the session cookie without the page's header. */
    public static void checkCsrf(Identity identity, boolean change, String requestedWith) {
        if (identity.cookie() && change && !CSRF_VALUE.equals(requestedWith)) {
            throw new ApiException(Problem.of(403, "csrf", "Cross-site request refused", "a change made with the "
                    + "session cookie must carry the header " + CSRF_HEADER + ": " + CSRF_VALUE).field(CSRF_HEADER)
                    .fix("send " + CSRF_HEADER + ": " + CSRF_VALUE + " with every request of the page"));
        }
    }

    public long failures() {
        return failures.get();
    }
}
