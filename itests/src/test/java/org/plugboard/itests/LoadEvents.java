package org.plugboard.itests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.plugboard.api.calls.CallTag;
import org.plugboard.api.calls.Disposition;
import org.plugboard.api.cdr.CallDetailRecord;

/**
 * What went wrong during a SIPp load, each thing with the span in which its cause lies, so it can be charged to every
 * step of a test that ran in that span: the load scenarios' log lines (sipp/load/, tab-separated after SIPp's
 * [timestamp]), the first lines of SIPp's error files, and the PBX's CDRs of the load's calls. A refused call's span
 * is the moment it was refused; a dropped call's span is its life, from its answer to the moment it was seen to fail
 * (a step that lost it ran while it was up, though its BYE may only get its 481 several steps later).
 */
final class LoadEvents {
    /**
     * One thing seen at {@code epoch}, caused at or after {@code since}: {@code side} is caller, callee or pbx;
     * {@code failure} false for what is only reported.
     */
    record Event(double since, double epoch, String side, String what, boolean failure) {
        Event(double epoch, String side, String what, boolean failure) {
            this(epoch, epoch, side, what, failure);
        }
    }

    /** How long a call of the load is held (s): the span of an answered call whose end was never seen. */
    private final double hold;

    /**
     * An entry of SIPp's error file: "2026-12-06<TAB>04:04:49.190843<TAB>1796529889.190843: message", up to the next
     * entry (SIPp 3.6.1 writes most of them without a line break between).
     */
    private static final Pattern ERROR_ENTRY = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d\\t[\\d:.]+\\t(\\d+\\.\\d+): (.*?)(?=\\d{4}-\\d\\d-\\d\\d\\t[\\d:.]+\\t\\d+\\.\\d+: |$)",
            Pattern.DOTALL);
    private static final Pattern EXPECTING = Pattern.compile("while expecting '([^']*)'");
    private static final Pattern RECEIVED = Pattern.compile("received '(SIP/2.0 \\d{3}[^\\r\\n']{0,40}|[A-Z]+ )");

    final List<Event> events = new ArrayList<>();
    /** Call-IDs of the caller's calls that got their 200, and those whose BYE got its 200 (or were dropped). */
    final Map<String, Double> answered = new java.util.HashMap<>();
    final Set<String> ended = new java.util.HashSet<>();
    /** When the caller first saw each of its failed calls fail: the PBX's record of that call is charged there. */
    private final Map<String, Double> callerFailedAt = new java.util.HashMap<>();
    int calleeDone;

    LoadEvents(double holdSeconds) {
        this.hold = holdSeconds;
    }

    /** The caller's -trace_logs lines: ANSWERED, DONE, REFUSED, DROPPED, RECHALLENGED (see uac-load.xml). */
    void callerLog(String log) {
        for (String line : log.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                continue;
            }
            double at = Double.parseDouble(f[2]);
            String what = String.join(" ", List.of(f).subList(5, f.length)).trim();
            switch (f[3]) {
                case "ANSWERED" -> answered.put(f[4], at);
                case "DONE" -> ended.add(f[4]);
                case "REFUSED" -> {
                    callerFailedAt.putIfAbsent(f[4], at);
                    events.add(new Event(at, "caller", "refused " + what, true));
                }
                case "RECHALLENGED" -> events.add(new Event(at, "caller", "re-challenged (" + what + "), retried", false));
                case "DROPPED" -> {
                    ended.add(f[4]);
                    callerFailedAt.putIfAbsent(f[4], at);
                    events.add(new Event(answered.getOrDefault(f[4], at), at, "caller", "dropped (" + what + ")", true));
                }
                default -> {
                }
            }
        }
    }

    /** The callee's -trace_logs lines: DONE, STRAY (see uas-load.xml); a stray request is reported, not failed. */
    void calleeLog(String log) {
        for (String line : log.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length >= 5 && f[3].equals("DONE")) {
                calleeDone++;
            } else if (f.length >= 6 && f[3].equals("STRAY")) {
                events.add(new Event(Double.parseDouble(f[2]), "callee", "stray " + f[5] + " (no such call here)", false));
            }
        }
    }

    /**
     * SIPp's -trace_err file: a call it failed (unexpected message, retransmission or receive timeout). Messages for
     * calls it no longer knows (a late retransmission) are reported, not failed. A timeout's cause lies up to a
     * call's hold plus SIPp's longest wait (the callee's receive timeout, hold + 30 s; a retransmission timeout, 32 s)
     * before it: its span reaches back that far.
     */
    void sippErrors(String side, String errors) {
        Matcher m = ERROR_ENTRY.matcher(errors);
        while (m.find()) {
            String msg = m.group(2).trim();
            if (msg.contains("jumping to label")) {
                continue; // a recv timeout with ontimeout: the scenario's own way on (the caller's hold), no error
            }
            // a message for a call SIPp already failed or ended: the failure (if any) was counted when it happened
            boolean stray = msg.contains("can't be mapped to a known SIPp call") || msg.startsWith("Discarding")
                    || msg.startsWith("Dead call");
            // SIPp's own main loop was late (the test machine starved SIPp, not the PBX): a call that suffered from
            // it fails on its own (timeout, retransmission, CDR), so the warning is reported, not counted
            boolean sippStarved = msg.contains("watchdog timer");
            String gist = msg.replaceAll("(?s)'.*", "").replaceAll("Call-I[Dd]: *\\S+,? *", "").trim();
            Matcher expecting = EXPECTING.matcher(msg);
            Matcher received = RECEIVED.matcher(msg);
            gist += (expecting.find() ? " expecting " + expecting.group(1) : "") + (received.find() ? ", got " + received.group(1).trim() : "");
            double at = Double.parseDouble(m.group(1));
            double since = msg.toLowerCase(java.util.Locale.ROOT).contains("timeout") ? at - hold - 32 : at;
            events.add(new Event(since, at, side, "SIPp: " + gist, !stray && !sippStarved));
        }
    }

    /**
     * CDRs of the load's calls: anything but an answered call the caller hung up is a failure, charged to the time the
     * caller saw that call fail if it did (a call whose BYE got 405 is released by the PBX much later), else its end.
     */
    void cdrs(Collection<CallDetailRecord> records, String callIdPart) {
        for (CallDetailRecord r : records) {
            if (!r.callId().contains(callIdPart)) {
                continue;
            }
            if (r.disposition() != Disposition.ANSWERED || r.tag() != CallTag.CALLER_BYE) {
                double at = callerFailedAt.getOrDefault(r.callId(), epoch(r.end() != null ? r.end() : r.start()));
                events.add(new Event(Math.min(at, epoch(r.start())), at, "pbx", "CDR " + r.disposition() + " "
                        + r.tag() + " " + r.sipStatus() + (r.reason() == null ? "" : " " + r.reason()), true));
            }
        }
    }

    /** Answered calls the caller never saw end (no DONE, no DROPPED): SIPp failed or stopped them. */
    void unended() {
        answered.forEach((callId, at) -> {
            if (!ended.contains(callId)) {
                events.add(new Event(at, at + hold + 2, "caller", "answered, never ended", true));
            }
        });
    }

    /** Answered calls with no CDR at all (lost by the PBX), each charged to the time it was answered. */
    void missingCdrs(Set<String> withCdr) {
        answered.forEach((callId, at) -> {
            if (!withCdr.contains(callId)) {
                events.add(new Event(at, at + hold + 2, "pbx", "no CDR for an answered call", true));
            }
        });
    }

    /** The events whose span meets [from, to), grouped "side: what" -> count. */
    Map<String, Long> between(double from, double to, boolean failures) {
        return events.stream().filter(e -> e.epoch() >= from && e.since() < to && e.failure() == failures)
                .collect(Collectors.groupingBy(e -> e.side() + ": " + e.what(), TreeMap::new, Collectors.counting()));
    }

    static double epoch(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
