package org.plugboard.ivr.internal;

import java.nio.file.Path;
import java.util.List;

/** An IVR as indented text for {@code pbx:ivr-show}. */
final class IvrText {
    private final StringBuilder out = new StringBuilder();

    private IvrText() {
    }

    static String of(Ivr ivr, Path file) {
        IvrText t = new IvrText();
        t.line(0, "IVR '" + ivr.name() + "' version " + ivr.version() + ", number " + ivr.number() + ", language "
                + (ivr.language() == null ? "(default)" : ivr.language()) + ", starts in '" + ivr.start() + "', from " + file);
        for (Hours h : ivr.hours().values()) {
            t.line(0, "hours " + h.name() + " (" + h.zone() + ")");
            h.open().forEach(r -> t.line(1, "open " + r.days() + " " + r.from() + "-" + (r.to() == null ? "24:00" : r.to())));
            h.holidays().stream().sorted().forEach(d -> t.line(1, "holiday " + d));
        }
        ivr.menus().values().stream().sorted((a, b) -> a.name().equals(ivr.start()) ? -1 : b.name().equals(ivr.start()) ? 1
                : a.name().compareTo(b.name())).forEach(m -> {
                    t.line(0, "menu " + m.name());
                    t.steps(1, m.steps());
                });
        return t.out.toString();
    }

    private void steps(int depth, List<Step> steps) {
        for (Step s : steps) {
            if (s instanceof Step.Play p) {
                line(depth, "play " + p.prompt() + (p.bargeIn() ? "" : " (no barge-in)"));
            } else if (s instanceof Step.Collect c) {
                line(depth, "collect " + c.var() + ": up to " + c.max() + " digit(s)" + (c.terminator().isEmpty() ? "" : " ending " + c.terminator())
                        + ", " + c.firstTimeout().toSeconds() + "s/" + c.interTimeout().toSeconds() + "s, " + c.retries() + " retries"
                        + (c.prompt() == null ? "" : ", prompt " + c.prompt()) + ", invalid " + c.invalid() + ", no input " + c.noInput());
                choices(depth + 1, c.choices(), c.otherwise());
            } else if (s instanceof Step.Branch b) {
                line(depth, "branch on " + b.var());
                choices(depth + 1, b.choices(), b.otherwise());
            } else if (s instanceof Step.Time t) {
                line(depth, "time " + t.hours());
                line(depth + 1, "open:");
                steps(depth + 2, t.open());
                line(depth + 1, "closed:");
                steps(depth + 2, t.closed());
                if (t.holiday() != null) {
                    line(depth + 1, "holiday:");
                    steps(depth + 2, t.holiday());
                }
            } else if (s instanceof Step.SetVar v) {
                line(depth, "set " + v.var() + " = " + v.value());
            } else if (s instanceof Step.Goto g) {
                line(depth, "goto " + g.menu());
            } else if (s instanceof Step.Transfer x) {
                line(depth, "transfer to " + x.kind() + " " + x.to());
            } else {
                line(depth, "hangup");
            }
        }
    }

    private void choices(int depth, List<Step.Choice> choices, List<Step> otherwise) {
        for (Step.Choice c : choices) {
            line(depth, "on " + c + ":");
            steps(depth + 1, c.steps());
        }
        if (!otherwise.isEmpty()) {
            line(depth, "otherwise:");
            steps(depth + 1, otherwise);
        }
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
