package org.plugboard.calls.internal;

/** How many finished calls' records wait for a durable CDR sink: the CDR queue depth for /metrics. Not exported. */
public interface CdrBacklog {
    int cdrBacklog();
}
