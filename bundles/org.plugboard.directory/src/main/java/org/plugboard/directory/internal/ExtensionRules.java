package org.plugboard.directory.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.plugboard.api.directory.DigestAlgorithm;
import org.plugboard.api.directory.DirectoryException;

/** What a valid extension number, password, name and device limit are, with errors that name the fix. */
final class ExtensionRules {
    static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,20}");
    private static final int MAX_NAME = 128;

    private final String realm;
    private final int minPasswordLength;

    ExtensionRules(String realm, int minPasswordLength) {
        this.realm = realm;
        this.minPasswordLength = minPasswordLength;
    }

    static void checkNumber(String number) {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new DirectoryException("'" + number + "' is not a valid extension number: use 1 to 20 digits, optionally after a +.");
        }
    }

    void checkPassword(String number, String password) {
        if (password == null || password.length() < minPasswordLength) {
            throw new DirectoryException("The password of " + number + " is too short: use at least " + minPasswordLength + " characters.");
        }
        if (password.equals(number)) {
            throw new DirectoryException("The password of " + number + " must not be the extension number itself.");
        }
    }

    /** @return the name to store: the number if none is given, else the trimmed name */
    static String checkName(String displayName, String number) {
        String name = displayName == null || displayName.isBlank() ? number : displayName.trim();
        if (name.length() > MAX_NAME || name.chars().anyMatch(ch -> ch < 0x20 || ch == '"')) {
            throw new DirectoryException("The name of " + number + " must be at most " + MAX_NAME
                    + " characters without quotes or control characters.");
        }
        return name;
    }

    static void checkMaxDevices(int maxDevices) {
        if (maxDevices < 1 || maxDevices > 100) {
            throw new DirectoryException("Device limit " + maxDevices + " is out of range: give 1 (single device) to 100.");
        }
    }

    /** The HA1 for every algorithm; the password itself goes no further than this. */
    Map<DigestAlgorithm, String> ha1(String number, String password) {
        Map<DigestAlgorithm, String> out = new EnumMap<>(DigestAlgorithm.class);
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            out.put(a, Ha1.of(a, number, realm, password));
        }
        return out;
    }
}
