package org.plugboard.sip.internal;

import java.text.ParseException;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Wraps the RI's parser so that no input can escape as anything but a {@link ParseException}: a parser bug
 * (StackOverflowError on deep nesting, a RuntimeException on odd bytes) must not kill a stack thread.
 * A request that lacks a Via or a request line, and any response that lacks a mandatory header, is rejected
 * (counted; the RI answers {@code 400 Bad Request (<reason>)} when it can still read the headers it copies). A
 * request with any other fault that can be answered ({@link RequestFault}) goes on marked, and the valve answers it.
 */
final class GuardedParserFactory implements MessageParserFactory {
    private final SipStats stats;

    GuardedParserFactory(SipStats stats) {
        this.stats = stats;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        StringMsgParser delegate = new SingletonCheckingParser();
        return (bytes, readBody, strict, listener) -> parse(delegate, bytes, readBody, strict, listener);
    }

    private SIPMessage parse(StringMsgParser delegate, byte[] bytes, boolean readBody, boolean strict,
            ParseExceptionListener channel) throws ParseException {
        FaultRecorder faults = new FaultRecorder(); // not the channel: it logs every bad header at ERROR
        SIPMessage message;
        try {
            message = delegate.parseSIPMessage(bytes, readBody, strict, faults);
        } catch (ParseException e) {
            stats.unparseable.increment();
            throw e;
        } catch (Throwable t) { // StackOverflowError and RuntimeExceptions from the RI's lexers
            stats.unparseable.increment();
            throw new ParseException("Unparseable message", 0);
        }
        String missing = unanswerable(message, faults);
        if (missing != null) {
            stats.unparseable.increment();
            throw new ParseException(missing, 0);
        }
        if (message instanceof SIPRequest request) {
            try {
                RequestFault fault = RequestFault.find(request, faults, version(bytes));
                if (fault != null) {
                    request.setApplicationData(fault); // the valve answers it
                }
            } catch (Exception e) { // a placeholder the RI refused
                stats.unparseable.increment();
                throw new ParseException("Unparseable message", 0);
            }
        }
        return message;
    }

    /** The RI's parser, which also notes a From, To, Call-ID, CSeq or Content-Length given twice. */
    private static final class SingletonCheckingParser extends StringMsgParser {
        private static final java.util.Map<String, String> SINGLE = java.util.Map.of("from", "From", "f", "From", "to", "To",
                "t", "To", "call-id", "Call-ID", "i", "Call-ID", "cseq", "CSeq", "content-length", "Content-Length", "l",
                "Content-Length");

        @Override
        protected void processHeader(String header, SIPMessage message, ParseExceptionListener listener, byte[] raw)
                throws ParseException {
            int colon = header.indexOf(':');
            String name = colon < 0 ? null : SINGLE.get(header.substring(0, colon).trim().toLowerCase());
            if (name != null && listener instanceof FaultRecorder faults && !faults.firstOf(name)) {
                faults.duplicate(name);
                return;
            }
            super.processHeader(header, message, listener, raw);
        }
    }

    /** The last word of the first line: the request's SIP version as written. */
    private static String version(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String first = new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8).trim();
        return first.substring(first.lastIndexOf(' ') + 1);
    }

    /** Why nobody can be answered for {@code m} (no Via, no request line; any fault in a response), or null. */
    private static String unanswerable(SIPMessage m, FaultRecorder faults) {
        if (m.getTopmostVia() == null) {
            return "Missing Via header";
        }
        if (m instanceof SIPRequest r) {
            return r.getRequestLine() == null || r.getRequestURI() == null ? "Missing request line" : null;
        }
        if (!faults.badHeaders().isEmpty()) {
            return faults.reason();
        }
        return m.getFrom() == null || m.getTo() == null || m.getCallId() == null || m.getCSeq() == null
                ? "Response without From, To, Call-ID or CSeq" : null;
    }
}
