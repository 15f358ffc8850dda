package org.plugboard.rest.internal;

import java.util.List;

import org.plugboard.api.cdr.CallDetailRecord;

/** CDRs as RFC 4180 CSV with a header line: the columns of {@link Views.Cdr}. */
final class CdrCsv {
    static final String HEADER = "id,callId,caller,callee,finalCallee,answeredBy,start,ringing,answer,end,"
            + "billableSeconds,disposition,sipStatus,q850Cause,reason,tag,linkedCall,notes,legCallIds";

    private CdrCsv() {
    }

    static String write(List<CallDetailRecord> records) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        for (CallDetailRecord r : records) {
            Views.Cdr c = Views.cdr(r);
            Object[] row = {c.id(), c.callId(), c.caller(), c.callee(), c.finalCallee(), c.answeredBy(), c.start(),
                c.ringing(), c.answer(), c.end(), c.billableSeconds(), c.disposition(), c.sipStatus(), c.q850Cause(),
                c.reason(), c.tag(), c.linkedCall(), String.join(" | ", c.notes()), String.join(" ", c.legCallIds())};
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(field(row[i]));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    /**
     * Quotes a field holding a separator, quote or line break, doubling quotes. A leading = + - @ is prefixed with
     * a quote character so a spreadsheet never runs a caller-chosen name as a formula (CSV injection).
     */
    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!s.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
