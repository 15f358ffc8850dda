package org.plugboard.voicemail.internal;

import java.nio.charset.StandardCharsets;

/** The RFC 3842 {@code application/simple-message-summary} body. */
final class MessageSummary {
    static final String CONTENT_TYPE = "application/simple-message-summary";

    private MessageSummary() {
    }

    /** @param account the mailbox's URI (Message-Account), or null to leave it out */
    static byte[] render(String account, Mailboxes.Counts counts) {
        StringBuilder b = new StringBuilder();
        b.append("Messages-Waiting: ").append(counts.fresh() > 0 ? "yes" : "no").append("\r\n");
        if (account != null && !account.isBlank()) {
            b.append("Message-Account: ").append(account).append("\r\n");
        }
        b.append("Voice-Message: ").append(counts.fresh()).append('/').append(counts.saved()).append("\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
