package org.plugboard.voicemail.email.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks an email address as the console takes it: one plain address, no display name. */
final class Addresses {
    private static final int MAX_LENGTH = 254; // RFC 5321 path limit

    private Addresses() {
    }

    /** @return what is wrong with {@code address}, or null when it is one plain address */
    static String problem(String address) {
        if (address == null || address.isBlank()) {
            return "the address is empty";
        }
        String a = address.trim();
        if (a.length() > MAX_LENGTH) {
            return "'" + a + "' is longer than " + MAX_LENGTH + " characters";
        }
        if (a.contains(",") || a.contains(";") || a.chars().anyMatch(Character::isWhitespace)) {
            return "'" + a + "' is more than one address or contains blanks: give one address";
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return "'" + a + "' has no user@domain form";
        }
        try {
            InternetAddress parsed = new InternetAddress(a, true);
            parsed.validate();
            if (parsed.getPersonal() != null || !parsed.getAddress().equals(a)) {
                return "'" + a + "' carries a display name or brackets: give the bare address";
            }
        } catch (AddressException e) {
            return "'" + a + "' is not a valid email address (" + e.getMessage() + ")";
        }
        return null;
    }
}
