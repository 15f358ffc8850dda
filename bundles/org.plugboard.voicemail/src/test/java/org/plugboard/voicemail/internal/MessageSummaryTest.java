package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MessageSummaryTest {
    @Test
    void rfc3842Body() {
        assertEquals("Messages-Waiting: yes\r\nMessage-Account: sip:1001@pbx\r\nVoice-Message: 2/1\r\n",
                new String(MessageSummary.render("sip:1001@pbx", new Mailboxes.Counts(2, 1)), StandardCharsets.US_ASCII));
        assertEquals("Messages-Waiting: no\r\nVoice-Message: 0/3\r\n",
                new String(MessageSummary.render(null, new Mailboxes.Counts(0, 3)), StandardCharsets.US_ASCII));
    }
}
