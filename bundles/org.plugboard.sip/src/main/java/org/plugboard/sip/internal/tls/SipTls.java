package org.plugboard.sip.internal.tls;

import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.core.net.SecurityManagerProvider;

/**
 * SIP over TLS as the stack sees it: the RI builds its SSLContexts once per stack from this provider, and gets
 * the {@link SwappableKeyManager}, so renewals reach new connections without restarting the stack. Decides
 * whether TLS listens at all (and logs why not), and checks the key files for renewals on its own thread.
 */
public final class SipTls implements SecurityManagerProvider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipTls.class);

    /** A served certificate this close to its end is reported by {@link #problem()}. */
    static final java.time.Duration EXPIRY_WARNING = java.time.Duration.ofDays(14);

    private final SwappableKeyManager keys = new SwappableKeyManager();
    private TlsSettings settings = TlsSettings.OFF;
    private volatile TrustManager[] trust = new TrustManager[0];
    private volatile String offReason = "not configured yet";
    private volatile boolean configured;
    private ScheduledExecutorService timer;
    private CertificateReloader reloader;

    /**
     * Applies the TLS configuration. Key files named anew are loaded and served from the next handshake on.
     *
     * @return true when the stack must restart: the TLS port, TLS on/off or the trusted CAs changed
     */
    public synchronized boolean apply(TlsSettings next) {
        int portBefore = port();
        boolean caChanged = !Objects.equals(settings.caCertificates(), next.caCertificates());
        close();
        String why = next.offReason();
        boolean configured = why == null;
        if (configured) {
            try {
                trust = TrustedPeers.of(next.caCertificates());
                reloader = new CertificateReloader(next, keys);
                Credentials c = reloader.loadNow();
                LOG.info("SIP over TLS on port {} with certificate {} ({})", next.port(), c.describe(), next.reloadSeconds() > 0
                        ? "files checked for renewal every " + next.reloadSeconds() + " s" : "tls.reload.interval 0: renewals need pbx:sip-tls --check");
                watch(next.reloadSeconds());
            } catch (Exception e) {
                why = "its key material cannot be loaded: " + e.getMessage();
            }
        }
        settings = next;
        offReason = why;
        this.configured = configured;
        if (why != null && configured) {
            LOG.error("SIP over TLS is off: {}. Fix etc/org.plugboard.sip.cfg or the files; UDP and TCP are not affected", why);
        } else if (why != null) {
            LOG.info("SIP over TLS is off: {}", why);
        }
        return portBefore != port() || caChanged && port() != 0;
    }

    /** The stack could not bind the TLS port (another program has it): TLS is off, and that is a problem to show. */
    public synchronized void cannotListen(String why) {
        offReason = "cannot listen on TLS port " + settings.port() + " (" + why + "); is another SIP server running? "
                + "Change tls.port";
        LOG.error("SIP over TLS is off: {}. UDP and TCP are not affected", offReason);
        close();
    }

    /** The TLS listening port, 0 when TLS is off. */
    public synchronized int port() {
        return offReason == null ? settings.port() : 0;
    }

    /** Why TLS is off, or null when it is on. */
    public String offReason() {
        return offReason;
    }

    /**
     * A TLS configuration that is not applied as asked (key material that does not load, a renewal that does not),
     * or null. A TLS left off on purpose (no certificate named, port 0) is no problem.
     */
    public synchronized String problem() {
        if (configured && offReason != null) {
            return "SIP over TLS is off: " + offReason;
        }
        String failure = reloader == null ? null : reloader.failure();
        if (failure != null) {
            return failure;
        }
        Credentials c = serving();
        if (c != null && c.leaf().getNotAfter().toInstant().isBefore(java.time.Instant.now().plus(EXPIRY_WARNING))) {
            return "the certificate served, " + c.describe() + ", expires within " + EXPIRY_WARNING.toDays()
                    + " days: renew it (the renewed files are picked up without a restart)";
        }
        return null;
    }

    /** The pair new handshakes get, or null. */
    public Credentials serving() {
        return offReason == null ? keys.current() : null;
    }

    /** Looks for a renewal now (the timer does this every {@code tls.reload.interval} s). */
    public synchronized boolean checkForRenewal() {
        return reloader != null && offReason == null && reloader.check();
    }

    private void watch(int seconds) {
        if (seconds <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-sip-tls-renewal");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkForRenewal, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        reloader = null;
    }

    // ---- the RI's SecurityManagerProvider --------------------------------------------------------------------

    @Override
    public void init(Properties properties) {
        // configured through apply(), not through the stack's javax.net.ssl.* properties
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        return new KeyManager[] {keys};
    }

    /** The last TLS peer (provider, trunk) refused for its certificate, with why and the fix; empty when none was. */
    public String lastRefusedPeer() {
        return TrustedPeers.lastRefusal(trust);
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return trust;
    }
}
