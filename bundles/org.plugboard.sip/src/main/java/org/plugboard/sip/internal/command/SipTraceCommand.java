package org.plugboard.sip.internal.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.plugboard.console.CommandFailure;
import org.plugboard.console.TrailingOptions;
import org.plugboard.sip.internal.SipDiagnostics;
import org.plugboard.sip.internal.capture.PcapFile;
import org.plugboard.sip.internal.capture.SipCapture;
import org.plugboard.sip.internal.capture.TraceFilter;

@Service
@Command(scope = "pbx", name = "sip-trace", description = "SIP message trace and capture (live, until restart): "
        + "'on'/'off' the trace (written to data/log/sip-trace.log, not karaf.log, so log:tail does not show it), "
        + "'show' prints the last traced messages here, 'pcap FILE'/'pcap off' writes a pcap for Wireshark or sngrep. "
        + "-e/-c/-a limit trace and pcap to extensions, Call-IDs or peer addresses. Without argument: the state.")
public class SipTraceCommand implements Action {
    /** The largest pcap file written; beyond, messages are dropped (and counted in /metrics). */
    static final long PCAP_MAX_BYTES = 256L * 1024 * 1024;

    @Reference
    SipDiagnostics sip;

    @Argument(index = 0, name = "action", description = "on, off, show, pcap or status (default)", required = false)
    @Completion(value = StringsCompleter.class, values = {"on", "off", "show", "pcap", "status"})
    String action;

    /** Karaf reads options only before the first argument: what follows it (pcap's file, options) is read here. */
    @Argument(index = 1, name = "file and options", description = "for pcap: the file to write (relative: under data/), or "
            + "off; options may follow", multiValued = true)
    List<String> rest;

    private String file;

    @Option(name = "-e", aliases = "--extension", description = "only messages to or from this extension (From, To or "
            + "Request-URI user); repeatable", multiValued = true)
    List<String> extensions;

    @Option(name = "-c", aliases = "--call-id", description = "only messages of this Call-ID; repeatable", multiValued = true)
    List<String> callIds;

    @Option(name = "-a", aliases = "--address", description = "only messages from or to this peer (IP or IP:port); repeatable",
            multiValued = true)
    List<String> addresses;

    @Option(name = "-n", description = "for show: how many messages (default 20, newest last)")
    int count = 20;

    @Override
    public Object execute() throws Exception {
        SipCapture capture = sip.capture();
        String a = action == null ? "status" : action.toLowerCase();
        readTrailingOptions();
        if (extensions != null || callIds != null || addresses != null) {
            capture.setFilter(new TraceFilter(list(extensions), list(callIds), list(addresses)));
        }
        switch (a) {
            case "on" -> {
                sip.setTrace(true);
                System.out.println("SIP trace is on for " + capture.filter() + ".");
                System.out.println("Messages go to " + TraceStatus.traceFile() + " (log category " + SipCapture.TRACE_CATEGORY
                        + "; log:tail does not show them): watch with 'tail -f' on that file, or run 'pbx:sip-trace show'.");
                System.out.println("Set trace = true in etc/org.plugboard.sip.cfg to keep it on after a restart.");
            }
            case "off" -> {
                sip.setTrace(false);
                capture.setFilter(TraceFilter.ALL);
                System.out.println("SIP trace is off.");
            }
            case "show" -> {
                List<String> recent = capture.recent(Math.max(1, count));
                if (recent.isEmpty()) {
                    System.out.println(capture.traceOn() ? "No message traced yet (filter: " + capture.filter() + ")."
                            : "No message traced: the trace is off. Run 'pbx:sip-trace on' first.");
                }
                recent.forEach(e -> System.out.println(e + "\n"));
            }
            case "pcap" -> pcap(capture);
            case "status" -> TraceStatus.print(sip, System.out);
            default -> throw CommandFailure.of("unknown action '" + action + "': use on, off, show, pcap FILE, pcap off or status");
        }
        return null;
    }

    private void pcap(SipCapture capture) throws Exception {
        if (file == null) {
            throw CommandFailure.of("pcap needs a file name or 'off', e.g. pbx:sip-trace pcap calls.pcap -e 100");
        }
        if ("off".equalsIgnoreCase(file)) {
            PcapFile stopped = capture.stopPcap();
            System.out.println(stopped == null ? "No pcap file was being written."
                    : "Pcap stopped: " + stopped.path() + " (" + stopped.written() + " messages, " + stopped.dropped() + " dropped).");
            return;
        }
        Path path = TraceStatus.dataDir().resolve(file).toAbsolutePath().normalize();
        try {
            capture.startPcap(path, PCAP_MAX_BYTES);
        } catch (IOException e) {
            throw CommandFailure.of("cannot write " + path + ": " + e.getMessage() + ". Choose a writable path.");
        }
        System.out.println("Writing SIP messages (" + capture.filter() + ") to " + path
                + "; stop with 'pbx:sip-trace pcap off'. Open it with wireshark, tshark -r or sngrep -I.");
    }

    private void readTrailingOptions() throws Exception {
        try {
            TrailingOptions.Parsed later = new TrailingOptions()
                    .repeatable("--extension", "an extension, e.g. -e 1001", "-e")
                    .repeatable("--call-id", "a Call-ID, e.g. -c a84b4c76e66710", "-c")
                    .repeatable("--address", "an IP or IP:port, e.g. -a 192.0.2.7", "-a")
                    .value("-n", "a number of messages, e.g. show -n 50")
                    .keepOtherWords().parse(rest);
            if (later.has("--extension") || extensions != null) {
                extensions = later.values("--extension", extensions);
            }
            if (later.has("--call-id") || callIds != null) {
                callIds = later.values("--call-id", callIds);
            }
            if (later.has("--address") || addresses != null) {
                addresses = later.values("--address", addresses);
            }
            count = later.integer("-n", count, "a number of messages, e.g. show -n 50");
            List<String> others = later.others();
            if (others.size() > 1) {
                throw new IllegalArgumentException("unexpected '" + others.get(1) + "': give one file, e.g. pbx:sip-trace pcap "
                        + "calls.pcap -e 1001");
            }
            file = others.isEmpty() ? null : others.get(0);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.of(e.getMessage());
        }
    }

    private static Set<String> list(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
