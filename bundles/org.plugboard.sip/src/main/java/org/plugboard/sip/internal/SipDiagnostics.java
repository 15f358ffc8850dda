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

    /** One line: the admission limits of new requests and what they refused ({@code pbx:sip-stats}). */
    String admissionStatus();

    /** The receive-path lag (oldest queued UDP datagram) seen by the last judged new request, ms. */
    long receiveLagMillis();

    /** Switches the trace now, without touching the stored configuration. */
    void setTrace(boolean on);

    /** The message tap: counts by method and status, trace filter and ring, pcap and HEP (capture package). */
    SipCapture capture();
    /** One line: the TLS port and the certificate new connections get, or why TLS is off ({@code pbx:sip-tls}). */
    String tlsStatus();

    /** A TLS configuration not applied as asked (key files that do not load), or null; see {@code SipTls#problem}. */
    String tlsProblem();

    /** Checks the TLS key files for a renewal now. @return true when a renewed certificate was installed */
    boolean tlsCheckRenewal();
}
