package org.plugboard.trunks.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.plugboard.api.routing.DialPlanEntry;
import org.plugboard.api.sip.NextHop;
import org.plugboard.api.sip.SipProfileResolver;

/**
 * The dial plan entries of trunks, as plain functions of the running trunks: outbound by dial prefix (phones'
 * calls), inbound by DID (calls from a trunk's peers). The one dial plan router merges them with the lines'.
 */
final class TrunkRoutes {
    /** A running trunk: its settings and the resolved address outbound calls go to (null: none or unresolved). */
    record Trunk(TrunkSettings settings, NextHop hop) {
    }

    private TrunkRoutes() {
    }

    /**
     * A trunk with a prefix takes phones' calls starting with it (stripped, {@code sip:<number>@<address>} to its
     * resolved address, From user its caller id or the caller's); each DID rings its extension, {@code *} every other
     * number the trunk delivers.
     */
    static List<DialPlanEntry> entries(Collection<Trunk> trunks) {
        List<DialPlanEntry> out = new ArrayList<>();
        for (Trunk t : trunks.stream().sorted(Comparator.comparing(t -> t.settings().name())).toList()) {
            TrunkSettings s = t.settings();
            if (!s.prefix().isEmpty() && s.address() != null) {
                out.add(new DialPlanEntry(SipProfileResolver.DEFAULT_PROFILE, s.prefix(), new DialPlanEntry.ToSip(
                        s.addressText(), t.hop(), s.profile(), s.callerId().isEmpty() ? null : s.callerId(),
                        "Trunk " + s.name() + " (" + s.address().host() + ")")));
            }
            for (Map.Entry<String, String> did : s.dids().entrySet()) { // "*" is DialPlanEntry.ANY
                out.add(new DialPlanEntry(s.profile(), did.getKey(), new DialPlanEntry.ToExtension(did.getValue())));
            }
        }
        return List.copyOf(out);
    }
}
