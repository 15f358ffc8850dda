package org.plugboard.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Personal screening lists per extension (pbx-screening). Blocks on the database: never on a call's strand. */
@ProviderType
public interface ScreeningSettings {
    /** @throws SettingsException no such extension */
    Screening get(String extension);

    /**
     * Replaces the extension's personal list and anonymous switch as a whole, every entry checked first (field
     * {@code entries[i].caller} and so on): a refused one changes nothing. @return what is in force now
     */
    Screening set(String extension, Screening screening);
}
