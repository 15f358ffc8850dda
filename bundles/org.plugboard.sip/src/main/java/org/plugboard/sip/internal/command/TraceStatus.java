package org.plugboard.sip.internal.command;

import java.io.PrintStream;
import java.nio.file.Path;

import org.plugboard.sip.internal.SipDiagnostics;
import org.plugboard.sip.internal.capture.HepExporter;
import org.plugboard.sip.internal.capture.PcapFile;
import org.plugboard.sip.internal.capture.SipCapture;

/** What {@code pbx:sip-trace} says about the trace, the pcap file and the HEP export, and where the files are. */
final class TraceStatus {
    private TraceStatus() {
    }

    static Path dataDir() {
        String data = System.getProperty("karaf.data");
        return data == null ? Path.of(".").toAbsolutePath() : Path.of(data);
    }

    /** Where etc/org.ops4j.pax.logging.cfg, as shipped, writes the trace category. */
    static Path traceFile() {
        return dataDir().resolve("log").resolve("sip-trace.log");
    }

    static void print(SipDiagnostics sip, PrintStream out) {
        SipCapture c = sip.capture();
        out.println("Trace: " + (c.traceOn() ? "on, " + c.filter() + ", to " + traceFile() + " ('pbx:sip-trace show' prints "
                + "the last messages)" : "off ('pbx:sip-trace on' to start)"));
        PcapFile p = c.pcap();
        out.println("Pcap:  " + (p == null ? "off ('pbx:sip-trace pcap FILE' to start)"
                : p.path() + ", " + p.written() + " messages written, " + p.dropped() + " dropped"));
        HepExporter h = c.hep();
        out.println("HEP:   " + (h == null ? "off (collector in etc/org.plugboard.sip.hep.cfg)"
                : "to " + h.collector() + " capture id " + h.captureId() + ", " + h.sent() + " sent, "
                        + (h.dropped() + h.failed()) + " dropped"));
    }
}
