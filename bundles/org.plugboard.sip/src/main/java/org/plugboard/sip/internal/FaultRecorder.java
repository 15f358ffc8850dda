package org.plugboard.sip.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;

/**
 * The parser's listener for headers that do not parse, instead of the RI's channel (which logs each at ERROR with
 * the whole message: a sender would choose what we log). A mandatory header (From, To, Call-ID, CSeq,
 * Content-Length) is left out and remembered, so that {@link RequestFault} can answer 400 naming it; any other
 * header is kept as unparsed (the dispatcher answers 400 naming it); a bad Via, request line or status line
 * ends the parse, as in the RI.
 */
final class FaultRecorder implements ParseExceptionListener {
    private static final Map<Class<?>, String> MANDATORY = Map.of(From.class, "From", To.class, "To", CallID.class, "Call-ID",
            CSeq.class, "CSeq", ContentLength.class, "Content-Length");
    private static final List<String> SINGLETONS = List.of("From", "To", "Call-ID", "CSeq", "Content-Length");
    // one per parsed message: nothing allocated for a message without faults
    private List<String> bad = List.of();
    private List<String> rawLines = List.of();
    private int seen; // bits of SINGLETONS
    private boolean duplicates;

    @Override
    @SuppressWarnings("rawtypes")
    public void handleException(ParseException ex, SIPMessage message, Class headerClass, String header, String raw)
            throws ParseException {
        String name = headerClass == null ? null : MANDATORY.get(headerClass);
        if (name != null) {
            addBad(name);
            if (!ContentLength.class.equals(headerClass)) { // the answer has its own
                if (rawLines.isEmpty()) {
                    rawLines = new ArrayList<>(1);
                }
                rawLines.add(header.replaceAll("[\\r\\n]+[ \\t]*", " ")); // folded lines joined
            }
        } else if (Via.class.equals(headerClass) || RequestLine.class.equals(headerClass) || StatusLine.class.equals(headerClass)) {
            throw ex;
        } else if (message != null) {
            message.addUnparsed(header);
        }
    }

    /** True the first time a header of this name (one of From, To, Call-ID, CSeq, Content-Length) is seen. */
    boolean firstOf(String name) {
        int bit = 1 << SINGLETONS.indexOf(name);
        boolean first = (seen & bit) == 0;
        seen |= bit;
        return first;
    }

    private void addBad(String name) {
        if (bad.isEmpty()) {
            bad = new ArrayList<>(1);
        }
        bad.add(name);
    }

    /** A mandatory header given twice: the RI would silently keep the last one. */
    void duplicate(String name) {
        addBad(name);
        duplicates = true;
    }

    /** The reason phrase for the first fault recorded. */
    String reason() {
        return (duplicates ? "Duplicate or malformed " : "Malformed ") + bad.get(0) + " header";
    }

    List<String> badHeaders() {
        return bad;
    }

    /** The header lines of {@link #badHeaders()} as the sender wrote them: an answer echoes them. */
    List<String> rawLines() {
        return rawLines;
    }
}
