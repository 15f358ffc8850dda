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
 * It also rejects requests that lack a header every request needs; the stack then answers
 * {@code 400 Bad Request (<reason>)} when it can still read Via, CSeq, Call-ID, From and To, and drops the
 * message otherwise. Every rejection is counted.
 */
final class GuardedParserFactory implements MessageParserFactory {
    private final SipStats stats;

    GuardedParserFactory(SipStats stats) {
        this.stats = stats;
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        StringMsgParser delegate = new StringMsgParser();
        return (bytes, readBody, strict, listener) -> parse(delegate, bytes, readBody, strict, listener);
    }

    private SIPMessage parse(StringMsgParser delegate, byte[] bytes, boolean readBody, boolean strict,
            ParseExceptionListener listener) throws ParseException {
        SIPMessage message;
        try {
            message = delegate.parseSIPMessage(bytes, readBody, strict, listener);
        } catch (ParseException e) {
            stats.unparseable.increment();
            throw e;
        } catch (Throwable t) { // StackOverflowError and RuntimeExceptions from the RI's lexers
            stats.unparseable.increment();
            throw new ParseException("Unparseable message", 0);
        }
        if (message instanceof SIPRequest request) {
            String missing = missingHeader(request);
            if (missing != null) {
                stats.unparseable.increment();
                throw new ParseException("Missing or malformed " + missing + " header", 0);
            }
        }
        return message;
    }

    private static String missingHeader(SIPRequest r) {
        if (r.getTopmostVia() == null) {
            return "Via";
        }
        if (r.getCSeq() == null) {
            return "CSeq";
        }
        if (r.getCallId() == null) {
            return "Call-ID";
        }
        if (r.getFrom() == null) {
            return "From";
        }
        if (r.getTo() == null) {
            return "To";
        }
        if (r.getRequestLine() == null || r.getRequestURI() == null) {
            return "request line";
        }
        return null;
    }
}
