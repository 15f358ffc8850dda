package org.plugboard.voicemail.internal;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Which dialled numbers voicemail answers, and with what parameters: the own-box number (the caller's mailbox), the
 * any-box number, and the deposit prefixes followed by an extension. Pure: the router and tests share it.
 */
final class Numbers {
    static final String MODE = "mode";
    static final String BOX = "box";
    static final String REASON = "reason";
    static final String LOGIN = "login";
    static final String DEPOSIT = "deposit";
    static final String BUSY = "busy";
    static final String UNAVAILABLE = "unavailable";

    private final String own;
    private final String any;
    private final String deposit;
    private final String depositBusy;
    private final String language;

    Numbers(String own, String any, String deposit, String depositBusy, String language) {
        this.own = own;
        this.any = any;
        this.deposit = deposit;
        this.depositBusy = depositBusy;
        this.language = language;
    }

    Numbers(VoicemailConfig c) {
        this(c.own_number(), c.any_number(), c.deposit_prefix(), c.deposit_busy_prefix(), c.language());
    }

    /** @return the application's parameters, or null when the number is not voicemail's */
    Map<String, String> parameters(String dialled, String caller, Predicate<String> isExtension) {
        if (dialled == null || dialled.isEmpty()) {
            return null;
        }
        if (dialled.equals(own)) {
            return Map.of(MODE, LOGIN, BOX, isExtension.test(caller) ? caller : "", "language", language);
        }
        if (dialled.equals(any)) {
            return Map.of(MODE, LOGIN, BOX, "", "language", language);
        }
        // the longer prefix first, so one that begins with the other still works
        String first = depositBusy.length() >= deposit.length() ? depositBusy : deposit;
        String second = first == depositBusy ? deposit : depositBusy;
        for (String prefix : new String[] {first, second}) {
            if (!prefix.isEmpty() && dialled.length() > prefix.length() && dialled.startsWith(prefix)) {
                String box = dialled.substring(prefix.length());
                if (isExtension.test(box)) {
                    return Map.of(MODE, DEPOSIT, BOX, box, REASON, prefix == depositBusy ? BUSY : UNAVAILABLE,
                            "language", language);
                }
            }
        }
        return null;
    }
}
