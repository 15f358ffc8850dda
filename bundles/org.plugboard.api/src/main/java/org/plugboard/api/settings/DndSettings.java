package org.plugboard.api.settings;

import org.osgi.annotation.versioning.ProviderType;

/** DND, call waiting and call limits per extension (pbx-dnd). Blocks on the database: never on a call's strand. */
@ProviderType
public interface DndSettings {
    /** @throws SettingsException no such extension */
    Dnd get(String extension);

    /** Replaces the extension's settings as a whole, checked first. @return what is in force now */
    Dnd set(String extension, Dnd dnd);
}
