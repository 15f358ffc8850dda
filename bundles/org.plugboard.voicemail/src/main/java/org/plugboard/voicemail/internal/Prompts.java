package org.plugboard.voicemail.internal;

import java.util.ArrayList;
import java.util.List;

/** Prompt names (files in etc/prompts/<language>/) and the sequences built from them. */
final class Prompts {
    static final String ENTER_MAILBOX = "enter-mailbox";
    static final String ENTER_PIN = "enter-pin";
    static final String INVALID = "invalid";
    static final String GOODBYE = "goodbye";
    static final String NOT_AVAILABLE = "not-available";
    static final String IS_BUSY = "is-busy";
    static final String LEAVE_MESSAGE = "leave-message";
    static final String MESSAGE_SAVED = "message-saved";
    static final String MAILBOX_FULL = "mailbox-full";
    static final String NO_PIN = "vm-no-pin";
    static final String YOU_HAVE = "you-have";
    static final String NEW_MESSAGES = "new-messages";
    static final String SAVED_MESSAGES = "vm-saved-messages";
    static final String NO_MESSAGES = "no-messages";
    static final String MAIN_MENU = "vm-main-menu";
    static final String MESSAGE_MENU = "vm-message-menu";
    static final String NO_MORE = "vm-no-more-messages";
    static final String DELETED = "vm-message-deleted";
    static final String KEPT = "vm-message-kept";
    static final String GREETING_MENU = "vm-greeting-menu";
    static final String RECORD_GREETING = "vm-record-greeting";
    static final String GREETING_SAVED = "vm-greeting-saved";
    static final String NEW_PIN = "vm-new-pin";
    static final String PIN_CHANGED = "vm-pin-changed";

    private Prompts() {
    }

    /** One prompt per digit, e.g. 1001: digit-1 digit-0 digit-0 digit-1 (other characters are skipped). */
    static List<String> digits(String number) {
        List<String> out = new ArrayList<>();
        for (char c : number.toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.add("digit-" + c);
            }
        }
        return out;
    }

    /** "You have 3 new messages and 2 saved messages" / "You have no new messages". */
    static List<String> envelope(Mailboxes.Counts counts) {
        List<String> out = new ArrayList<>();
        if (counts.fresh() == 0) {
            out.add(NO_MESSAGES);
        } else {
            out.add(YOU_HAVE);
            out.addAll(digits(Integer.toString(counts.fresh())));
            out.add(NEW_MESSAGES);
        }
        if (counts.saved() > 0) {
            out.add(YOU_HAVE);
            out.addAll(digits(Integer.toString(counts.saved())));
            out.add(SAVED_MESSAGES);
        }
        return out;
    }
}
