package org.plugboard.sip.internal.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The key manager the stack's SSLContext is built with once: it answers every handshake with the key pair
 * installed last. So a renewed certificate is served from the next handshake on, while connections already
 * established keep the session they negotiated (TLS never asks a key manager again for them): no restart, no
 * dropped call.
 *
 * <p>The JSSE asks for an alias first and for its key and chain afterwards; a swap between those calls must not
 * pair the new key with the old chain. So each installed pair gets its own alias ({@code plugboard-<n>}) and the
 * last few stay resolvable.
 */
public final class SwappableKeyManager extends X509ExtendedKeyManager {
    private static final int KEPT = 4; // pairs still resolvable by alias after being replaced

    private record Generation(String alias, Credentials credentials) {
    }

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Generation> recent = new ConcurrentHashMap<>();
    private volatile Generation current;

    /** Serves {@code next} from the next handshake on. */
    public void install(Credentials next) {
        long n = sequence.incrementAndGet();
        Generation g = new Generation("plugboard-" + n, next);
        recent.put(g.alias(), g);
        recent.remove("plugboard-" + (n - KEPT));
        current = g;
    }

    /** The pair handshakes get now, or null before the first {@link #install}. */
    public Credentials current() {
        Generation g = current;
        return g == null ? null : g.credentials();
    }

    private String alias(String... keyTypes) {
        Generation g = current;
        if (g == null) {
            return null;
        }
        for (String type : keyTypes) {
            // the JSSE asks with "RSA", "EC", "RSASSA-PSS" or, for TLS 1.2 suites, "EC_EC", "RSA"...
            if (type != null && (type.equals(g.credentials().keyType()) || type.startsWith(g.credentials().keyType() + "_")
                    || type.equals("RSASSA-PSS") && g.credentials().keyType().equals("RSA"))) {
                return g.alias();
            }
        }
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    /** Our certificate also identifies us as a client (a trunk that asks for mutual TLS). */
    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return alias(keyTypes);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return alias(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String a = alias(keyType);
        return a == null ? null : new String[] {a};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation g = alias == null ? null : recent.get(alias);
        return g == null ? null : g.credentials().chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation g = alias == null ? null : recent.get(alias);
        return g == null ? null : g.credentials().key();
    }
}
