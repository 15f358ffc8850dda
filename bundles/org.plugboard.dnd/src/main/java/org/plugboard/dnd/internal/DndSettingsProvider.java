package org.plugboard.dnd.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.plugboard.api.directory.Directory;
import org.plugboard.api.settings.Dnd;
import org.plugboard.api.settings.DndSettings;
import org.plugboard.api.settings.SettingsException;

/**
 * {@link DndSettings} for REST and the web page: a thin adapter over {@link SettingsRegistry}, waiting for the
 * registry's writer like the console does (REST runs on an HTTP thread, never a call's strand).
 */
@Component(service = DndSettings.class)
public class DndSettingsProvider implements DndSettings {
    static final int WAIT_SECONDS = 10;

    private final SettingsRegistry settings;
    private final Directory directory;

    @Activate
    public DndSettingsProvider(@Reference SettingsRegistry settings, @Reference(name = "directory") Directory directory) {
        this.settings = settings;
        this.directory = directory;
    }

    @Override
    public Dnd get(String extension) {
        exists(extension);
        return view(settings.get(extension));
    }

    @Override
    public Dnd set(String extension, Dnd dnd) {
        exists(extension);
        ExtensionSettings next = wanted(extension, dnd);
        try {
            return view(settings.change(extension, now -> next).get(WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(cause.getMessage() + "; nothing was changed", cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the database did not answer within " + WAIT_SECONDS
                    + " s (the change may still be applied)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the change", e);
        }
    }

    static ExtensionSettings wanted(String extension, Dnd dnd) {
        if (dnd.maxIn() < 0) {
            throw new SettingsException("maxIn", "a call limit is 0 (unlimited) or more, not " + dnd.maxIn(), "give 0 or more");
        }
        if (dnd.maxOut() < 0) {
            throw new SettingsException("maxOut", "a call limit is 0 (unlimited) or more, not " + dnd.maxOut(), "give 0 or more");
        }
        return new ExtensionSettings(extension, dnd.dnd(), dnd.callWaiting(), dnd.maxIn(), dnd.maxOut());
    }

    static Dnd view(ExtensionSettings s) {
        return new Dnd(s.dnd(), s.callWaiting(), s.maxIn(), s.maxOut());
    }

    private void exists(String extension) {
        if (directory.find(extension).isEmpty()) {
            throw new SettingsException("extension", extension + " is not an extension", "list them with GET /api/extensions");
        }
    }
}
