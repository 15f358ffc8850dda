package org.plugboard.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Voicemail boxes per extension (pbx-voicemail). Blocks on the database: never on a call's strand. */
@ProviderType
public interface VoicemailSettings {
    /** @throws SettingsException no such extension */
    VoicemailBox get(String extension);

    /**
     * Sets the box's PIN (stored hashed), checked first (field {@code pin}): a refused one changes nothing.
     * @return the box now
     */
    VoicemailBox setPin(String extension, String pin);
}
