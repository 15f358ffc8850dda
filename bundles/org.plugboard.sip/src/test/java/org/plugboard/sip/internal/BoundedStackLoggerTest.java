package org.plugboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;

/** The RI's errors, as its classes log them, after our stack started: bounded per kind, each line cut short. */
class BoundedStackLoggerTest {
    private static final class ProbeFailure extends IOException {
        ProbeFailure() {
            super("Message too long");
        }
    }

    @Test
    void aSenderCannotMultiplyTheStacksErrorLines() throws Exception {
        List<LogRecord> lines = new ArrayList<>();
        Logger jul = Logger.getLogger(BoundedStackLogger.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try (LoopbackStack stack = new LoopbackStack()) {
            stack.lifecycle.start(LoopbackStack.udpConfig(15093));
            StackLogger ri = CommonLogger.getLogger("gov.nist.javax.sip.stack.UDPMessageChannel"); // as the RI's classes do
            for (int i = 0; i < 100; i++) {
                ri.logException(new ProbeFailure()); // its own class, so no other test logged this kind before
                ri.logError("BAD MESSAGE! " + "x".repeat(10_000) + "\r\nVia: attacker");
            }
        } finally {
            jul.removeHandler(h);
        }
        List<String> texts = lines.stream().map(LogRecord::getMessage).toList();
        assertEquals(1, texts.stream().filter(t -> t.contains("ProbeFailure")).count(), "one line per kind per minute: " + texts);
        assertTrue(texts.stream().filter(t -> t.contains("BAD MESSAGE")).count() <= 1, "one line per kind per minute: " + texts);
        for (LogRecord r : lines) {
            String text = r.getMessage();
            assertTrue(text.length() < 400 && !text.contains("\n"), text);
        }
    }
}
