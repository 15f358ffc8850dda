package org.plugboard.sip.internal;

import java.util.List;
import java.util.Map;

import org.plugboard.sip.internal.capture.SipCapture;

/** What the console sees of the SIP layer ({@code pbx:sip-stats}, {@code pbx:sip-trace}); private to this bundle. */
public interface SipDiagnostics {
    /** e.g. {@code UDP 127.0.0.1:5060}, one per listening point of the running stack. */
    List<String> listeningPoints();

    /** Counter name to value, in a fixed order. */
    Map<String, Long> counters();

    boolean traceOn();

    /** Switches the trace now, without touching the stored configuration. */
    void setTrace(boolean on);

    /** The message tap: counts by method and status, trace filter and ring, pcap and HEP (capture package). */
    SipCapture capture();
}
