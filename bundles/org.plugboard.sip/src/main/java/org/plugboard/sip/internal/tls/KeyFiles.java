package org.plugboard.sip.internal.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link Credentials} from what certificate tools write: a PEM certificate chain and a PEM private key
 * (PKCS#8 {@code BEGIN PRIVATE KEY}, or PKCS#1 {@code BEGIN RSA PRIVATE KEY} as certbot and older openssl write),
 * or a PKCS12 keystore. Checks that the key belongs to the certificate, so a renewal caught between writing the
 * two files is refused (and retried later) instead of served. Every failure names the file and the fix.
 */
public final class KeyFiles {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private KeyFiles() {
    }

    public static Credentials fromPem(Path certificate, Path privateKey) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Block b : blocks(certificate)) {
            if (b.type().equals("CERTIFICATE")) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(certificate + " holds no '-----BEGIN CERTIFICATE-----' block: give the PEM certificate "
                    + "(leaf first, then intermediates) in tls.certificate");
        }
        PrivateKey key = null;
        for (Block b : blocks(privateKey)) {
            key = switch (b.type()) {
                case "PRIVATE KEY" -> pkcs8(b.der(), chain.get(0).getPublicKey().getAlgorithm());
                case "RSA PRIVATE KEY" -> pkcs8(Pkcs1.toPkcs8(b.der()), "RSA");
                case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException(privateKey + " is encrypted: write it without a "
                        + "pass phrase (openssl pkcs8 -topk8 -nocrypt) and make it readable by the PBX's user only");
                default -> key;
            };
            if (key != null) {
                break;
            }
        }
        if (key == null) {
            throw new GeneralSecurityException(privateKey + " holds no PEM private key: give a '-----BEGIN PRIVATE KEY-----' file in "
                    + "tls.private.key (convert others with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
        }
        return matched(new Credentials(key, chain.toArray(new X509Certificate[0])), certificate + " and " + privateKey);
    }

    public static Credentials fromPkcs12(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new GeneralSecurityException(keystore + " cannot be opened (" + e.getMessage() + "): check tls.keystore.password", e);
        }
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                Key key = ks.getKey(alias, password);
                Certificate[] chain = ks.getCertificateChain(alias);
                if (key instanceof PrivateKey pk && chain != null && chain.length > 0) {
                    X509Certificate[] x509 = new X509Certificate[chain.length];
                    for (int i = 0; i < chain.length; i++) {
                        x509[i] = (X509Certificate) chain[i];
                    }
                    return matched(new Credentials(pk, x509), keystore.toString());
                }
            }
        }
        throw new GeneralSecurityException(keystore + " holds no private key with its certificate chain");
    }

    private static PrivateKey pkcs8(byte[] der, String algorithm) throws GeneralSecurityException {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Signs and verifies a probe: the one check that works for every key type. */
    private static Credentials matched(Credentials c, String where) throws GeneralSecurityException {
        String alg = c.keyType().equals("EC") ? "SHA256withECDSA" : "SHA256with" + c.keyType();
        byte[] probe = "plugboard".getBytes(StandardCharsets.US_ASCII);
        Signature sign = Signature.getInstance(alg);
        sign.initSign(c.key());
        sign.update(probe);
        byte[] sig = sign.sign();
        Signature verify = Signature.getInstance(alg);
        verify.initVerify(c.leaf().getPublicKey());
        verify.update(probe);
        if (!verify.verify(sig)) {
            throw new GeneralSecurityException("the private key does not belong to the certificate in " + where
                    + " (a renewal half written? both files must be of the same renewal)");
        }
        return c;
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).trim())));
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException(file + ": a '" + m.group(1) + "' block is not valid Base64 (" + e.getMessage() + ")");
            }
        }
        return blocks;
    }
}
