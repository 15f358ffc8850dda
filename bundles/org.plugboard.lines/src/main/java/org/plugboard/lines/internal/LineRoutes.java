package org.plugboard.lines.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.plugboard.api.routing.DialPlanEntry;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipProfileResolver;

/**
 * The dial plan entries of lines, as plain functions of the running lines: outbound by dial prefix (phones'
 * calls), inbound by DID (calls from a line). The one dial plan router merges them with the trunks' entries.
 */
final class LineRoutes {
    /** A running line: its settings and where its messages go (the resolved proxy/domain; null until resolved). */
    record Line(LineSettings settings, NextHop hop) {
    }

    private LineRoutes() {
    }

    /**
     * A line with a prefix takes phones' calls starting with it (stripped, {@code sip:<number>@<domain>} to its
     * resolved proxy/domain, From user its caller id or account); each DID of a line rings its extension, {@code *}
     * every other number the line delivers.
     */
    static List<DialPlanEntry> entries(Collection<Line> lines) {
        List<DialPlanEntry> out = new ArrayList<>();
        for (Line l : lines.stream().sorted(Comparator.comparing(l -> l.settings().name())).toList()) {
            LineSettings s = l.settings();
            if (!s.prefix().isEmpty()) {
                String callerId = s.callerId().isEmpty() ? s.account() : s.callerId();
                out.add(new DialPlanEntry(SipProfileResolver.DEFAULT_PROFILE, s.prefix(), new DialPlanEntry.ToSip(
                        s.domain(), l.hop(), s.profile(), callerId, "Line " + s.name() + " (" + s.target().host() + ")")));
            }
            for (Map.Entry<String, String> did : s.dids().entrySet()) { // "*" is DialPlanEntry.ANY
                out.add(new DialPlanEntry(s.profile(), did.getKey(), new DialPlanEntry.ToExtension(did.getValue())));
            }
        }
        return List.copyOf(out);
    }
}
