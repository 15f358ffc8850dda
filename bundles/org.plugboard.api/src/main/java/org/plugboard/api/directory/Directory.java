package org.plugboard.api.directory;

import java.io.Reader;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Extensions and their credentials. Passwords go in and never come out: the directory keeps only HA1 digests
 * for its realm. Failures throw {@link DirectoryException} with a message fit for an admin.
 */
@ProviderType
public interface Directory {
    /** The digest realm every stored HA1 belongs to. */
    String realm();

    Optional<Extension> find(String number);

    /** All extensions, ordered by number. */
    List<Extension> list();

    int count();

    Extension add(String number, String displayName, String password);

    /** @return false if there was no such extension */
    boolean remove(String number);

    void setPassword(String number, String password);

    void setDisplayName(String number, String displayName);

    /** 1 revokes multi-device registration; more grants it for up to that many contacts. */
    void setMaxDevices(String number, int maxDevices);

    /** HA1 = H(number:realm:password) for the realm, if the extension exists. */
    Optional<String> ha1(String number, DigestAlgorithm algorithm);

    /**
     * Imports lines {@code number;password;name} (name optional, {@code #} starts a comment). Existing
     * extensions get the new password and name. One transaction: valid lines are kept, bad lines are listed.
     */
    ImportResult importCsv(Reader csv);
}
