package org.plugboard.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** Call forwarding per extension (pbx-forwarding). Blocks on the database: never call it on a call's strand. */
@ProviderType
public interface ForwardingSettings {
    /** The extension's forwarding (all off when it has none). @throws SettingsException no such extension */
    Forwarding get(String extension);

    /**
     * Replaces the extension's forwarding as a whole, checked first (targets, self, outside numbers, ring time): a
     * refused one changes nothing. @return what is in force now
     */
    Forwarding set(String extension, Forwarding forwarding);
}
