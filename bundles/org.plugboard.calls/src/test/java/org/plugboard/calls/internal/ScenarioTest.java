package org.plugboard.calls.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.AfterEach;

/**
 * What every scenario starts with: one PBX ({@link CallsFixture}), its recorded wire, a caller 1001 (not
 * registered) and a registered 1002; and what every scenario ends with: no call left behind, no failed strand event.
 */
abstract class ScenarioTest {
    final CallsFixture pbx = new CallsFixture();
    final RecordingSip wire = pbx.sip;
    final Phone alice = pbx.phone("1001", 11);
    final Phone bob = pbx.registered("1002", 12);

    @AfterEach
    void noCallLeftBehind() {
        try {
            assertEquals(List.of(), pbx.b2bua().calls(), "calls left behind");
        } finally {
            pbx.close();
        }
    }
}
