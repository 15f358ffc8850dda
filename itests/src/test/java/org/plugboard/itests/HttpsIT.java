package org.plugboard.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The REST API over HTTPS as the README documents it (etc/org.ops4j.pax.web.cfg: secure.enabled, a PKCS12 keystore,
 * plain HTTP off): the test makes a self-signed key with keytool, the client trusts exactly that certificate, reads
 * /api/extensions and sees the configured certificate; a client that does not trust it is refused, and nothing answers
 * plain HTTP.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpsIT extends PbxTestSupport {
    static final int HTTPS_PORT = 18443;
    static final int HTTP_PORT = 18182;
    static final String ALIAS = "plugboard";
    static final String PASSWORD = "https-it-secret";
    /** Absolute: the container's working folder differs. */
    static final Path KEYSTORE = Path.of("target/https-it/https.p12").toAbsolutePath();

    @Override
    protected Option[] extraOptions() {
        makeKeystore();
        String cfg = "etc/org.ops4j.pax.web.cfg";
        return new Option[] {
            editConfigurationFilePut(cfg, "org.osgi.service.http.enabled", "false"),
            editConfigurationFilePut(cfg, "org.osgi.service.http.port", Integer.toString(HTTP_PORT)),
            editConfigurationFilePut(cfg, "org.osgi.service.http.secure.enabled", "true"),
            editConfigurationFilePut(cfg, "org.osgi.service.http.port.secure", Integer.toString(HTTPS_PORT)),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore", KEYSTORE.toString()),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.password", PASSWORD),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.key.password", PASSWORD),
            editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.key.alias", ALIAS),
            systemProperty("https.it.keystore").value(KEYSTORE.toString()),
        };
    }

    /** A fresh self-signed key for 127.0.0.1 (in the driver's JVM, before the container starts). */
    private static void makeKeystore() {
        try {
            Files.createDirectories(KEYSTORE.getParent());
            Files.deleteIfExists(KEYSTORE);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                    "-dname", "CN=127.0.0.1, O=Plugboard HttpsIT", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", KEYSTORE.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !Files.exists(KEYSTORE)) {
                throw new IllegalStateException("keytool failed: " + out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The test keystore's certificate, read where the driver wrote it. */
    private static Certificate certificate() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("https.it.keystore")))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks.getCertificate(ALIAS);
    }

    /** A client that trusts that one certificate and nothing else. */
    private static HttpClient trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("plugboard-https-it", certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest get(String scheme, int port, String path) {
        return HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("monitor:monitor".getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    @Before
    public void restInstalled() throws Exception {
        if (!features.isInstalled(features.getFeature("pbx-rest"))) {
            features.installFeature("pbx-rest");
        }
        HttpClient client = trusting();
        waitFor("the REST API to answer over HTTPS", 60_000, () -> {
            try {
                return client.send(get("https", HTTPS_PORT, "/api/openapi.json"), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    @Test
    public void extensionsAreReadOverHttpsWithTheConfiguredCertificate() throws Exception {
        HttpResponse<String> r = trusting().send(get("https", HTTPS_PORT, "/api/extensions"), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        assertTrue(r.body(), r.body().contains("\"number\":\"1001\""));
        assertTrue("the response came over TLS", r.sslSession().isPresent());
        List<Certificate> served = List.of(r.sslSession().get().getPeerCertificates());
        assertArrayEquals("the certificate served is the configured keystore's", certificate().getEncoded(),
                served.get(0).getEncoded());
    }

    @Test
    public void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            plain.send(get("https", HTTPS_PORT, "/api/extensions"), HttpResponse.BodyHandlers.ofString());
            fail("a client with the JDK's default trust store accepted the self-signed test certificate");
        } catch (SSLHandshakeException e) {
            // expected: the certificate is the admin's, not a public CA's
        }
    }

    @Test
    public void plainHttpIsOff() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = plain.send(get("http", HTTP_PORT, "/api/extensions"), HttpResponse.BodyHandlers.ofString());
            fail("plain HTTP answered " + r.statusCode() + " although org.osgi.service.http.enabled = false");
        } catch (ConnectException e) {
            // expected: no plain listener
        }
    }
}
