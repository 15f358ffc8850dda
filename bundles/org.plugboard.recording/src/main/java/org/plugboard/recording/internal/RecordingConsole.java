package org.plugboard.recording.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What the {@code pbx:rec-*} commands do, without Karaf: they parse and print, this checks and acts. Bad input throws
 * {@link IllegalArgumentException} naming the problem and the fix.
 */
public final class RecordingConsole {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 10_000;

    private final PolicyRegistry policies;
    private final Recordings recordings;

    public RecordingConsole(PolicyRegistry policies, Recordings recordings) {
        this.policies = policies;
        this.recordings = recordings;
    }

    public CompletionStage<Policy> setPolicy(String scope, String name, String mode) {
        Scope s = Scope.parse(scope);
        Mode m = Mode.parse(mode);
        if (s != Scope.SITE && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("which " + s.word() + "? e.g. pbx:rec-policy-set " + s.word() + " "
                    + example(s) + " " + m.word());
        }
        return policies.set(new Policy(s, name, m));
    }

    public CompletionStage<Boolean> removePolicy(String scope, String name) {
        Scope s = Scope.parse(scope);
        if (s != Scope.SITE && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("which " + s.word() + "? e.g. pbx:rec-policy-remove " + s.word() + " " + example(s));
        }
        return policies.remove(s, s == Scope.SITE ? Policy.SITE_NAME : Policy.checkName(name));
    }

    /** Rows scope, name, mode; the configured default last. */
    public List<List<String>> policyRows() {
        Policies p = policies.policies();
        List<List<String>> rows = new ArrayList<>();
        for (Policy x : p.all()) {
            rows.add(List.of(x.scope().word(), x.name(), x.mode().word()));
        }
        rows.add(List.of("default", "(configuration)", p.configuredDefault().word()));
        return rows;
    }

    public List<RecordingRow> list(String caller, String callee, Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit " + n + ": give 1 to " + MAX_LIMIT + ", e.g. --limit 20");
        }
        return recordings.list(blankToNull(caller), blankToNull(callee), n);
    }

    public List<RecordingRow> show(String idOrCallId) {
        if (idOrCallId == null || idOrCallId.isBlank()) {
            throw new IllegalArgumentException("give a recording id or a CDR call id; pbx:rec-list shows both");
        }
        List<RecordingRow> rows = recordings.find(idOrCallId.trim());
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no recording with id or call id '" + idOrCallId.trim() + "'; pbx:rec-list shows them");
        }
        return rows;
    }

    public CompletionStage<Boolean> delete(String id) {
        long n;
        try {
            n = Long.parseLong(id.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("'" + id + "' is no recording id (a number); pbx:rec-list shows them");
        }
        return recordings.delete(n);
    }

    /** One line per field, for {@code pbx:rec-show}. */
    public static List<String> describe(RecordingRow r) {
        List<String> out = new ArrayList<>();
        out.add("Recording " + r.id() + " of call " + r.callId() + " (pbx:cdr-show " + r.callId() + ")");
        out.add("  caller:  " + r.caller());
        out.add("  callee:  " + r.callee());
        out.add("  file:    " + r.file());
        out.add("  layout:  " + r.layout());
        out.add("  started: " + r.started());
        out.add("  ended:   " + (r.open() ? "(running, or the PBX stopped: completed at its next start)" : r.ended()));
        out.add("  length:  " + length(r.length()));
        out.add("  ending:  " + (r.ending() == null ? "-" : r.ending()));
        if (r.failure() != null) {
            out.add("  failure: " + r.failure());
        }
        out.add("  bytes:   " + (r.bytes() == null ? "-" : r.bytes()));
        return out;
    }

    public static String length(Duration d) {
        if (d == null) {
            return "-";
        }
        long s = d.toSeconds();
        return String.format("%d:%02d:%02d.%d", s / 3600, s / 60 % 60, s % 60, d.toMillisPart() / 100);
    }

    private static String example(Scope s) {
        return switch (s) {
            case EXTENSION -> "1001";
            case GROUP -> "600";
            case LINE -> "carrier1";
            case TRUNK -> "sbc";
            case SITE -> "";
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
