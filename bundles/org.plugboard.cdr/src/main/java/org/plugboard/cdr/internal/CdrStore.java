package org.plugboard.cdr.internal;

import java.util.List;

import org.plugboard.api.cdr.CallDetailRecord;

/** Read side of the CDR table, for the console. Internal: registered by {@link JdbcCdrSink}, not exported. */
public interface CdrStore {
    /** Matching records, newest start first. */
    List<CallDetailRecord> find(CdrQuery query);

    /**
     * Records whose short call id equals {@code refOrCallId}, or else whose SIP Call-ID does, newest first (a Call-ID
     * chosen by a phone is not guaranteed unique over time).
     */
    List<CallDetailRecord> findById(String refOrCallId);
}
