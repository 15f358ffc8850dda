package org.plugboard.registrar.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.plugboard.api.security.AuthFailureGuard;
import org.plugboard.api.security.Ban;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentications per source address in a sliding window; at the limit the address is banned
 * (the SIP layer drops everything from it) for the ban time. Allow-listed addresses are never banned.
 */
@Component(service = AuthFailureGuard.class, configurationPid = "org.plugboard.registrar")
public class FailureGuard implements AuthFailureGuard {
    private static final Logger LOG = LoggerFactory.getLogger(FailureGuard.class);
    private static final int MAX_TRACKED = 100_000; // bounds memory under a spray of spoofed sources

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Ban> bans = new ConcurrentHashMap<>();
    private volatile int limit;
    private volatile long windowSeconds;
    private volatile long banSeconds;
    private volatile Set<String> allow;

    @Activate
    public FailureGuard(RegistrarConfig config) {
        this(config, Clock.systemUTC());
    }

    FailureGuard(RegistrarConfig config, Clock clock) {
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(RegistrarConfig config) {
        limit = config.ban_failures();
        windowSeconds = config.ban_window();
        banSeconds = config.ban_time();
        Set<String> a = ConcurrentHashMap.newKeySet();
        for (String s : ConfigLists.items(config.ban_allow())) {
            try {
                a.add(InetAddress.getByName(s).getHostAddress());
            } catch (Exception e) {
                LOG.warn("Ignoring allow-list entry '{}': not an IP address", s);
            }
        }
        allow = a;
        LOG.info("Auth failure guard: ban after {} failures in {} s for {} s, never ban {}", limit, windowSeconds, banSeconds, a);
    }

    @Override
    public boolean isBanned(InetAddress source) {
        if (bans.isEmpty()) {
            return false;
        }
        String key = source.getHostAddress();
        Ban ban = bans.get(key);
        if (ban == null) {
            return false;
        }
        if (clock.instant().isAfter(ban.until())) {
            bans.remove(key, ban);
            return false;
        }
        return true;
    }

    @Override
    public void recordFailure(InetAddress source) {
        String key = source.getHostAddress();
        if (limit <= 0 || allow.contains(key)) {
            return;
        }
        if (failures.size() >= MAX_TRACKED) {
            forgetOld();
        }
        Instant now = clock.instant();
        Instant windowStart = now.minusSeconds(windowSeconds);
        int[] count = {0};
        failures.compute(key, (k, q) -> {
            Deque<Instant> d = q == null ? new ArrayDeque<>() : q;
            d.addLast(now);
            while (!d.isEmpty() && d.peekFirst().isBefore(windowStart)) {
                d.removeFirst();
            }
            count[0] = d.size();
            return d;
        });
        if (count[0] >= limit) {
            failures.remove(key);
            bans.put(key, new Ban(key, now, now.plusSeconds(banSeconds), count[0]));
            LOG.warn("Banned {} for {} s after {} failed authentications in {} s (pbx:ban-lift {} to undo)",
                    key, banSeconds, count[0], windowSeconds, key);
        }
    }

    @Override
    public void recordSuccess(InetAddress source) {
        if (!failures.isEmpty()) {
            failures.remove(source.getHostAddress());
        }
    }

    @Override
    public List<Ban> bans() {
        Instant now = clock.instant();
        bans.values().removeIf(b -> now.isAfter(b.until()));
        List<Ban> out = new ArrayList<>(bans.values());
        out.sort(Comparator.comparing(Ban::since));
        return out;
    }

    @Override
    public boolean lift(String address) {
        String key;
        try {
            key = InetAddress.getByName(address.trim()).getHostAddress();
        } catch (Exception e) {
            return false;
        }
        failures.remove(key);
        return bans.remove(key) != null;
    }

    @Override
    public int liftAll() {
        int n = bans.size();
        bans.clear();
        failures.clear();
        return n;
    }

    private void forgetOld() {
        Instant windowStart = clock.instant().minusSeconds(windowSeconds);
        failures.values().removeIf(d -> d.isEmpty() || d.peekLast().isBefore(windowStart));
    }
}
