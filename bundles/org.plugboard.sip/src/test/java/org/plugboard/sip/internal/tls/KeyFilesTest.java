package org.plugboard.sip.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.Test;

class KeyFilesTest {
    static Path res(String name) throws Exception {
        return Path.of(KeyFilesTest.class.getResource("/tls/" + name).toURI());
    }

    @Test
    void readsPkcs8RsaPkcs1RsaEcAndPkcs12() throws Exception {
        assertEquals("A", KeyFiles.fromPem(res("a.crt"), res("a.key")).serial());
        Credentials rsa1 = KeyFiles.fromPem(res("rsa1.crt"), res("rsa1.key"));
        assertEquals("D", rsa1.serial());
        assertEquals("RSA", rsa1.keyType());
        Credentials ec = KeyFiles.fromPem(res("ec.crt"), res("ec.key"));
        assertEquals("EC", ec.keyType());
        assertEquals("C", ec.serial());
        Credentials p12 = KeyFiles.fromPkcs12(res("a.p12"), "secret".toCharArray());
        assertEquals(KeyFiles.fromPem(res("a.crt"), res("a.key")).fingerprint(), p12.fingerprint());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> KeyFiles.fromPem(res("a.crt"), res("b.key")));
        assertTrue(e.getMessage().contains("does not belong") && e.getMessage().contains("a.crt"), e.getMessage());
    }

    @Test
    void swappedFilesAndWrongPasswordsNameTheFix() throws Exception {
        GeneralSecurityException noCert = assertThrows(GeneralSecurityException.class, () -> KeyFiles.fromPem(res("a.key"), res("a.key")));
        assertTrue(noCert.getMessage().contains("tls.certificate"), noCert.getMessage());
        GeneralSecurityException noKey = assertThrows(GeneralSecurityException.class, () -> KeyFiles.fromPem(res("a.crt"), res("a.crt")));
        assertTrue(noKey.getMessage().contains("tls.private.key"), noKey.getMessage());
        GeneralSecurityException pw = assertThrows(GeneralSecurityException.class,
                () -> KeyFiles.fromPkcs12(res("a.p12"), "wrong".toCharArray()));
        assertTrue(pw.getMessage().contains("tls.keystore.password"), pw.getMessage());
    }

    @Test
    void settingsSayWhyTlsIsOff() {
        assertTrue(TlsSettings.of(5061, "", "", "", "", "", 60).offReason().contains("no certificate configured"));
        assertTrue(TlsSettings.of(0, "a.crt", "a.key", "", "", "", 60).offReason().contains("tls.port is 0"));
        assertTrue(TlsSettings.of(5061, "a.crt", "", "", "", "", 60).offReason().contains("tls.private.key is missing"));
        assertTrue(TlsSettings.of(5061, "a.crt", "a.key", "k.p12", "", "", 60).offReason().contains("keep one"));
        assertEquals(null, TlsSettings.of(5061, "a.crt", "a.key", "", "", "", 60).offReason());
    }
}
