package org.plugboard.voicemail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plugboard.api.settings.SettingsException;
import org.plugboard.api.settings.VoicemailBox;

/** The REST side of a voicemail box on real mailboxes (H2): the PIN set hashed, refused ones naming the field. */
class VoicemailSettingsProviderTest {
    @TempDir
    Path storage;

    private VoicemailSettingsProvider provider(Mailboxes m) {
        return new VoicemailSettingsProvider(new VoicemailSettingsProvider.Boxes() {
            @Override
            public MailboxRegistry.BoxInfo info(String extension) {
                return MailboxRegistry.info(m, extension);
            }

            @Override
            public String pinProblem(String pin) {
                return Pins.problem(pin, 4);
            }

            @Override
            public CompletionStage<Void> setPin(String extension, String pin) {
                return m.setPin(extension, pin);
            }
        }, Set.of("1002")::contains);
    }

    @Test
    void aPinIsSetAndOnlyItsPresenceIsShown() {
        Mailboxes m = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(0, 0, 120));
        VoicemailSettingsProvider p = provider(m);
        assertEquals(new VoicemailBox(false, 0, 0, 0, false, false), p.get("1002"));
        VoicemailBox now = p.setPin("1002", "4711");
        assertTrue(now.pinSet());
        assertTrue(m.hasPin("1002"));
    }

    @Test
    void aBadPinNamesTheFieldAndChangesNothing() {
        Mailboxes m = TestBoxes.open(TestBoxes.memoryDb(), storage, new Quota(0, 0, 120));
        VoicemailSettingsProvider p = provider(m);
        for (String bad : new String[] {"12", "12ab", "", null}) {
            SettingsException e = assertThrows(SettingsException.class, () -> p.setPin("1002", bad));
            assertEquals("pin", e.field());
        }
        assertFalse(m.hasPin("1002"));
        assertEquals("extension", assertThrows(SettingsException.class, () -> p.get("1003")).field());
        assertEquals("extension", assertThrows(SettingsException.class, () -> p.setPin("1003", "4711")).field());
    }
}
