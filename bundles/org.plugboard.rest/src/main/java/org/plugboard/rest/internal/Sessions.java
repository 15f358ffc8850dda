package org.plugboard.rest.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The web page's login sessions: a random 128-bit token per login, mapped to the caller it logged in as. A session
 * ends after {@code idleMillis} without a request, on logout, or when a newer login needs its place (at most
 * {@code max} sessions; the least recently used goes), so memory stays bounded whatever clients do. Roles are the
 * ones the realm gave at login: a role change applies at the next login.
 */
public final class Sessions {
    /** The cookie that carries the token; Path=/api so no other context ever sees it. */
    public static final String COOKIE = "PBXSESSION";

    private record Session(Caller caller, long lastUsed) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile long idleMillis;
    private volatile int max;

    public Sessions(long idleMillis, int max, LongSupplier clock) {
        this.clock = clock;
        limits(idleMillis, max);
    }

    /** New limits apply to the sessions there are (a configuration change). */
    public void limits(long idleMillis, int max) {
        this.idleMillis = Math.max(1000, idleMillis);
        this.max = Math.max(1, max);
    }

    /** A new session for a caller who has just logged in; its token. */
    public synchronized String open(Caller caller) {
        long now = clock.getAsLong();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= max) {
            sessions.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().lastUsed()))
                    .ifPresent(e -> sessions.remove(e.getKey()));
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(caller, now));
        return token;
    }

    /** The caller of a live session, its idle time restarted; null when unknown or expired. */
    public Caller use(String token) {
        if (token == null) {
            return null;
        }
        long now = clock.getAsLong();
        Session s = sessions.computeIfPresent(token, (t, old) -> expired(old, now) ? null : new Session(old.caller(), now));
        return s == null ? null : s.caller();
    }

    public void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    public int size() {
        return sessions.size();
    }

    private boolean expired(Session s, long now) {
        return now - s.lastUsed() >= idleMillis;
    }

    /** The token in a {@code Cookie} header value, or null. */
    public static String token(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                String v = p.substring(COOKIE.length() + 1).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The Set-Cookie value that hands a token to the browser (or, with null, removes it). */
    public static String setCookie(String token, boolean secure) {
        String v = COOKIE + "=" + (token == null ? "" : token) + "; Path=/api; HttpOnly; SameSite=Strict";
        if (token == null) {
            v += "; Max-Age=0";
        }
        return secure ? v + "; Secure" : v;
    }
}
