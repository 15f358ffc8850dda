package org.plugboard.sip.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configured key material into the {@link SwappableKeyManager}, and again whenever the files change on
 * disk (a certbot or ACME renewal): {@link #check()} compares each file's time and size with what was loaded last.
 * A renewal that does not load (half written, key and certificate of different renewals) keeps the pair being
 * served and is logged once per state of the files; the next change is tried again.
 */
final class CertificateReloader {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final TlsSettings settings;
    private final SwappableKeyManager keys;
    private List<String> loadedStamp = List.of();
    private List<String> failedStamp = List.of();
    private volatile String failure;

    CertificateReloader(TlsSettings settings, SwappableKeyManager keys) {
        this.settings = settings;
        this.keys = keys;
    }

    /** The first load: a failure is thrown (TLS cannot start without a certificate). */
    synchronized Credentials loadNow() throws IOException, GeneralSecurityException {
        List<String> stamp = stamp();
        Credentials c = load();
        keys.install(c);
        loadedStamp = stamp;
        return c;
    }

    /** @return true when a renewed pair was installed */
    synchronized boolean check() {
        List<String> stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            stamp = List.of("unreadable: " + e);
        }
        if (stamp.equals(loadedStamp) || stamp.equals(failedStamp)) {
            return false;
        }
        Credentials before = keys.current();
        try {
            Credentials c = load();
            keys.install(c);
            loadedStamp = stamp;
            failedStamp = List.of();
            failure = null;
            LOG.info("SIP TLS certificate renewed from {}: new connections get {} (was {}); established connections keep theirs",
                    List.of(settings.watched()), c.describe(), before == null ? "none" : before.describe());
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            failedStamp = stamp;
            failure = "renewed key files " + List.of(settings.watched()) + " cannot be loaded (" + e.getMessage() + "); still serving "
                    + (before == null ? "nothing" : before.describe());
            LOG.warn("SIP TLS certificate files {} changed but cannot be loaded ({}); still serving {}. Fix the files: the next "
                    + "change is loaded (pbx:config-check lists this until then)", List.of(settings.watched()), e.getMessage(),
                    before == null ? "nothing" : before.describe());
            return false;
        }
    }

    /** Why the files on disk are not the ones served, or null. */
    String failure() {
        return failure;
    }

    private Credentials load() throws IOException, GeneralSecurityException {
        if (settings.keystore() != null) {
            return KeyFiles.fromPkcs12(settings.keystore(), settings.password().toCharArray());
        }
        return KeyFiles.fromPem(settings.certificate(), settings.privateKey());
    }

    private List<String> stamp() throws IOException {
        List<String> stamp = new ArrayList<>();
        for (Path p : settings.watched()) {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            stamp.add(p + "@" + a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey());
        }
        return stamp;
    }
}
