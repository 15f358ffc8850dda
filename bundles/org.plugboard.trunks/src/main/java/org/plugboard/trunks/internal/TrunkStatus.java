package org.plugboard.trunks.internal;

import java.util.List;

import org.plugboard.api.sip.NextHop;

/** What {@code pbx:trunk-list} shows for a trunk. @param hop the resolved address, null when none or unresolved */
public record TrunkStatus(TrunkSettings settings, NextHop hop, List<String> unresolved, int inbound, int outbound,
        List<String> workarounds) {
}
