package org.plugboard.api.cdr;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every CDR. Called off the call strands, one record at a time per sink, each sink on a thread of its own.
 * A sink with {@link #DURABLE}{@code =true} stores records for good (database, files): while none is registered (a
 * bundle update in progress) the B2BUA keeps records back and hands them over when one appears, so none is lost.
 * <p>
 * The B2BUA writes the records waiting for a sink one by one, then calls {@link #flush}; a record counts as stored
 * once both returned. A failed call is retried (same record, or the flush) until it works.
 */
@ConsumerType
public interface CdrSink {
    /** Service property (Boolean): this sink keeps records durably. */
    String DURABLE = "plugboard.cdr.durable";

    /** Stores the record; may block briefly (a database write). Exceptions are logged and the record retried. */
    void write(CallDetailRecord record) throws Exception;

    /**
     * Makes every record written so far durable, for a sink that can store several for the cost of one (a file forced
     * to the disk once per run of writes: group commit). The default does nothing: {@link #write} alone stores.
     * Exceptions are logged and the flush retried; a sink must then still have every record written since its last
     * successful flush.
     *
     * @since 1.1
     */
    default void flush() throws Exception {
    }
}
