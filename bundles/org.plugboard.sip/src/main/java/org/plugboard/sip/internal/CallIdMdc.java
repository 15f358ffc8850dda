package org.plugboard.sip.internal;

import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;

import org.slf4j.MDC;

/**
 * The Call-ID in the log MDC ({@value #KEY}, the key the calls bundle uses on its strands) while a message is with
 * a handler or the rewriters. Closing restores what was there before: a strand that sends through us keeps its own.
 */
final class CallIdMdc implements AutoCloseable {
    static final String KEY = "sip.callId";

    private final String previous;

    private CallIdMdc(String previous) {
        this.previous = previous;
    }

    static CallIdMdc of(Message message) {
        String previous = MDC.get(KEY);
        CallIdHeader id = message == null ? null : (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        if (id != null) {
            MDC.put(KEY, id.getCallId());
        }
        return new CallIdMdc(previous);
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
