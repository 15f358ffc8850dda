package org.plugboard.api.cdr;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads stored CDRs (the REST API, reports). Blocks on the store: never call it on a call's strand. Since cdr 1.4.
 */
@ProviderType
public interface CdrSearch {
    /**
     * The matching records, newest start first, the page {@code filter} names. Throws {@link IllegalStateException}
     * naming the cause when the store cannot be read (database down).
     */
    List<CallDetailRecord> find(CdrFilter filter);

    /**
     * The records of one call, newest first: those whose short call id ({@link CallDetailRecord#id}) equals
     * {@code refOrCallId}, or else those whose caller leg's SIP Call-ID does (a phone may reuse a Call-ID over time).
     * Empty when none. Throws {@link IllegalStateException} naming the cause when the store cannot be read.
     *
     * @since 1.5
     */
    List<CallDetailRecord> findCall(String refOrCallId);
}
