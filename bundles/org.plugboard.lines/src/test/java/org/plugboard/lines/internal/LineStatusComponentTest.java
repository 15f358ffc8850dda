package org.plugboard.lines.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;

class LineStatusComponentTest {
    @Test
    void theConsolesViewBecomesTheApisWithoutThePassword() {
        LineSettings s = new LineSettings("carrier1", "sip.example.net", null, "UDP", "4930111", "secret", "4930111", 3600,
                true, 30, 600, Map.of(), "", "", NextHop.parse("sip.example.net", "UDP"));
        LineStatus status = new LineStatus(s, LineState.FAILING, "403 Forbidden", -1, 30, 2, "cid", 7, "192.0.2.1:5060");
        org.plugboard.api.status.LineStatus api = LineStatusComponent.toApi(status, List.of("no100rel"));
        assertEquals(new org.plugboard.api.status.LineStatus("carrier1", "sip.example.net", "4930111", "UDP", true,
                org.plugboard.api.status.LineState.FAILING, "403 Forbidden", -1, 30, 2, "192.0.2.1:5060",
                List.of("no100rel")), api);
        assertFalse(api.toString().contains("secret"));
    }
}
