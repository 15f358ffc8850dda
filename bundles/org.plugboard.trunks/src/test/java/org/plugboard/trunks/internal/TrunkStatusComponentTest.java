package org.plugboard.trunks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.plugboard.api.sip.NextHop;

class TrunkStatusComponentTest {
    @Test
    void theConsolesViewBecomesTheApis() {
        TrunkSettings s = TrunkSettingsTest.settings("carrier", "", "2");
        TrunkStatus status = new TrunkStatus(s, new NextHop("127.0.0.5", 16210, "UDP"), List.of(), 1, 2, List.of("ruriparam"));
        assertEquals(new org.plugboard.api.status.TrunkStatus("carrier", List.of("127.0.0.4"), "127.0.0.5:16210",
                "127.0.0.5:16210/UDP", List.of(), 1, 2, TrunkSettings.UNLIMITED, 2, List.of("ruriparam")),
                TrunkStatusComponent.toApi(status));
    }

    @Test
    void anUnresolvedAddressIsEmpty() {
        TrunkStatus status = new TrunkStatus(TrunkSettingsTest.settings("carrier", "", ""), null, List.of("127.0.0.5:16210"),
                0, 0, List.of());
        assertEquals("", TrunkStatusComponent.toApi(status).resolved());
        assertEquals(List.of("127.0.0.5:16210"), TrunkStatusComponent.toApi(status).unresolved());
    }
}
