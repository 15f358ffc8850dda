package org.plugboard.api.media;

/**
 * What {@link MediaEndpoint#collect} gathered. Since 1.2.
 *
 * @param digits     the digits, without the terminator (may be empty)
 * @param terminator the terminator that ended the collection, or empty
 * @param ending     why it ended
 */
public record Digits(String digits, String terminator, Ending ending) {
    /** Every digit an RFC 4733 event can carry (events 0-15). */
    public static final String ALL = "0123456789*#ABCD";

    public enum Ending {
        /** {@code maxDigits} were collected. */
        MAX_DIGITS,
        /** A terminator was pressed. */
        TERMINATOR,
        /** No digit came within the first-digit timeout. */
        NO_INPUT,
        /** Some digits came, then none within the inter-digit timeout. */
        INTER_DIGIT_TIMEOUT
    }

    /** True when every character of {@code digits} is one of {@link #ALL}. */
    public static boolean valid(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (ALL.indexOf(digits.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
