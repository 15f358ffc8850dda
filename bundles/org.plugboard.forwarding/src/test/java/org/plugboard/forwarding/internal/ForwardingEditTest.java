package org.plugboard.forwarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.plugboard.api.settings.Forwarding;
import org.plugboard.api.settings.SettingsException;

/** Forwarding as a whole over the API: the console's target rule, field by field, before anything is stored. */
class ForwardingEditTest {
    final Targets targets = new Targets(Set.of("1001", "1002", "600")::contains);

    @Test
    void aWholeSettingRoundTrips() {
        Forwarding f = new Forwarding("1002", null, "600", "", 20, false);
        Settings s = ForwardingEdit.settings("1001", f, targets);
        assertEquals("1002", s.target(Kind.CFU));
        assertEquals("600", s.target(Kind.CFNR));
        assertEquals(null, s.target(Kind.CFNRC), "blank is off");
        assertEquals(new Forwarding("1002", null, "600", null, 20, false), ForwardingEdit.view(s));
    }

    @Test
    void eachRefusalNamesItsField() {
        assertEquals("busy", assertThrows(SettingsException.class, () -> ForwardingEdit.settings("1001",
                new Forwarding(null, "10a2", null, null, null, false), targets)).field());
        assertEquals("unconditional", assertThrows(SettingsException.class, () -> ForwardingEdit.settings("1001",
                new Forwarding("1001", null, null, null, null, false), targets)).field());
        SettingsException outside = assertThrows(SettingsException.class, () -> ForwardingEdit.settings("1001",
                new Forwarding(null, null, null, "004930123", null, false), targets));
        assertEquals("unreachable", outside.field());
        assertEquals("004930123", ForwardingEdit.settings("1001",
                new Forwarding(null, null, null, "004930123", null, true), targets).target(Kind.CFNRC),
                "with external in the same request");
        assertEquals("noAnswerSeconds", assertThrows(SettingsException.class, () -> ForwardingEdit.settings("1001",
                new Forwarding(null, null, "1002", null, 0, false), targets)).field());
    }
}
