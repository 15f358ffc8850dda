package org.plugboard.api.cdr;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every CDR. Called off the call strands, one record at a time per sink. A sink with
 * {@link #DURABLE}{@code =true} stores records for good (database, files): while none is registered (a bundle
 * update in progress) the B2BUA keeps records back and hands them over when one appears, so none is lost.
 */
@ConsumerType
public interface CdrSink {
    /** Service property (Boolean): this sink keeps records durably. */
    String DURABLE = "plugboard.cdr.durable";

    /** Stores the record; may block briefly (a database write). Exceptions are logged and the record retried. */
    void write(CallDetailRecord record) throws Exception;
}
