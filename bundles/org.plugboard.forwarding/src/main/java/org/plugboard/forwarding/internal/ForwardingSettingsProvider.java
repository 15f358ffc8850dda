package org.plugboard.forwarding.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.settings.Forwarding;
import org.plugboard.api.settings.ForwardingSettings;
import org.plugboard.api.settings.SettingsException;

/** {@link ForwardingSettings} for REST and the web page: a thin adapter over {@link Forwardings}. */
@Component(service = ForwardingSettings.class)
public class ForwardingSettingsProvider implements ForwardingSettings {
    private final Forwardings forwardings;
    private final InternalNumbers numbers;
    private final Directory directory;

    @Activate
    public ForwardingSettingsProvider(@Reference Forwardings forwardings, @Reference InternalNumbers numbers,
            @Reference(name = "directory") Directory directory) {
        this.forwardings = forwardings;
        this.numbers = numbers;
        this.directory = directory;
    }

    @Override
    public Forwarding get(String extension) {
        exists(extension);
        return ForwardingEdit.view(forwardings.get(extension));
    }

    @Override
    public Forwarding set(String extension, Forwarding forwarding) {
        exists(extension);
        Settings next = ForwardingEdit.settings(extension, forwarding, new Targets(numbers::isInternal));
        try {
            return ForwardingEdit.view(forwardings.update(extension, now -> next));
        } catch (org.plugboard.settingsdb.Transactions.StorageException e) {
            throw new IllegalStateException(e.getMessage() + "; the forwarding was not changed", e);
        }
    }

    private void exists(String extension) {
        if (directory.find(extension).isEmpty()) {
            throw new SettingsException("extension", extension + " is not an extension", "list them with GET /api/extensions");
        }
    }
}
